/** What the simulated SDK saw: calls (for assertions) and broken SDK rules (violations). */
import type { RecordedCall } from './control-types'

/** A demo kiosk runs for days: keep the most recent calls only. */
const MAX_CALLS = 2_000

export class Records {
  readonly calls: RecordedCall[] = []
  readonly violations: string[] = []

  call(name: string, args: unknown[], session?: { sessionId: string; scan: number }): void {
    this.calls.push({ name, args, ...(session ? { sessionId: session.sessionId, scan: session.scan } : {}) })
    if (this.calls.length > MAX_CALLS) this.calls.splice(0, this.calls.length - MAX_CALLS)
  }

  violation(text: string): void {
    this.violations.push(text)
  }

  clear(): void {
    this.calls.length = 0
    this.violations.length = 0
  }
}
