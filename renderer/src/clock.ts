/**
 * Time as the renderer's controllers see it: handed in, so tests move it by hand instead of waiting
 * for it (a test that sleeps fails on a busy machine and wastes time on an idle one).
 */
export interface Clock {
  now(): number
  setTimeout(callback: () => void, ms: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
}

export type TimerHandle = ReturnType<typeof setTimeout>

/** The page's own clock and timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle)
}
