/** What the simulated SDK saw: calls (for assertions) and broken SDK rules (violations). */
import type { RecordedCall } from './control-types'

/** A demo kiosk runs for days: keep the most recent calls only. */
const MAX_CALLS = 2_000

export class Records {
  readonly calls: RecordedCall[] = []
  readonly violations: string[] = []

  call(name: string, args: unknown[], session?: { sessionId: string; scan: number }): void {
    this.calls.push({
      name,
      args: args.map(asRecorded),
      ...(session ? { sessionId: session.sessionId, scan: session.scan } : {})
    })
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

/**
 * Records keep data, never live references: a recorded processor or callback would keep its
 * session's closures, overlay and video element alive until 2,000 calls later.
 */
function asRecorded(value: unknown): unknown {
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(asRecorded)
  const prototype = Object.getPrototypeOf(value) as object | null
  if (prototype !== Object.prototype && prototype !== null) return `[object ${value.constructor.name}]`
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, asRecorded(inner)]))
}
