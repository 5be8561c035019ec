import type { Clock, TimerHandle } from '../../main/lib/clock'

/** A clock that moves only when the test says so; timers fire in due order on `advance`. */
export class ManualClock implements Clock {
  private current: number
  private nextId = 1
  private readonly timers = new Map<number, { due: number; callback: () => void }>()

  constructor(start = Date.parse('2026-11-26T09:00:00Z')) {
    this.current = start
  }

  now(): number {
    return this.current
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++
    this.timers.set(id, { due: this.current + Math.max(0, ms), callback })
    return { id }
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle.id as number)
  }

  get pendingTimers(): number {
    return this.timers.size
  }

  /** When the earliest pending timer is due, or null when none is. */
  nextDue(): number | null {
    let due: number | null = null
    for (const timer of this.timers.values()) if (due === null || timer.due < due) due = timer.due
    return due
  }

  /** Moves time forward, firing due timers in order and letting promises settle after each. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms
    for (;;) {
      await flushPromises()
      const next = [...this.timers.entries()].filter(([, t]) => t.due <= target).sort((a, b) => a[1].due - b[1].due)[0]
      if (!next) break
      const [id, timer] = next
      this.timers.delete(id)
      this.current = timer.due
      timer.callback()
    }
    this.current = target
    await flushPromises()
  }
}

/** Lets every already-queued promise callback run. */
export async function flushPromises(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

/**
 * Settles `work` that waits on `clock` as well as on real I/O (HTTP to a sandbox): whenever a timer is
 * due within `horizonMs`, time jumps to it; otherwise the test yields to the event loop until the I/O
 * answers. Time never moves while a request is in flight without a timer, so a busy machine changes
 * nothing the code under test measures. Longer timers (request time-outs, sweeps) are left alone.
 */
export async function whileAdvancing<T>(clock: ManualClock, work: Promise<T>, horizonMs = 5_000): Promise<T> {
  let done = false
  const settled = work.finally(() => {
    done = true
  })
  while (!done) {
    const due = clock.nextDue()
    if (due !== null && due - clock.now() <= horizonMs) await clock.advance(due - clock.now())
    else await new Promise<void>((resolve) => setTimeout(resolve, 1))
  }
  return settled
}
