/** A clock that moves only when the test says so; its timers fire in time order as it passes them. */
import type { Clock } from '../../../renderer/src/clock'

export interface ManualClock extends Clock {
  /** Moves time forward by `ms`, running every timer that falls due on the way, in order. */
  advance(ms: number): void
  /** The page was busy for `ms`: time moves on and no timer runs; overdue ones run, late, at the next advance. */
  stall(ms: number): void
  /** Timers set and not yet run or cleared. */
  readonly pending: number
}

export function createManualClock(start = 1_000_000): ManualClock {
  let now = start
  let nextId = 1
  const timers = new Map<number, { at: number; callback: () => void }>()
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++
      timers.set(id, { at: now + Math.max(0, ms), callback })
      return id
    },
    clearTimeout(timer) {
      timers.delete(timer)
    },
    advance(ms) {
      const until = now + ms
      for (;;) {
        let due: [number, { at: number; callback: () => void }] | null = null
        for (const entry of timers) if (entry[1].at <= until && (!due || entry[1].at < due[1].at)) due = entry
        if (!due) break
        timers.delete(due[0])
        now = Math.max(now, due[1].at)
        due[1].callback()
      }
      now = until
    },
    stall(ms) {
      now += ms
    },
    get pending() {
      return timers.size
    }
  }
}
