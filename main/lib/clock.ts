/** Time as a dependency, so schedules (probes, polling, backoff, retention) can be tested without waiting. */
export interface Clock {
  now(): number
  setTimeout(callback: () => void, ms: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
}

export interface TimerHandle {
  readonly id: unknown
}

/**
 * Node's longest timer (about 24.8 days). A longer one fires after 1 ms with a warning, so one absurd
 * delay from outside (a server's Retry-After) would become a busy loop: delays are clamped to this.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const id = setTimeout(callback, Number.isNaN(ms) ? 0 : Math.min(Math.max(0, ms), MAX_TIMER_MS))
    // A pending probe or retry must not keep a test process or a quitting app alive.
    id.unref?.()
    return { id }
  },
  clearTimeout(handle) {
    clearTimeout(handle.id as ReturnType<typeof setTimeout>)
  }
}

/** Resolves after `ms` on the given clock, or rejects with the signal's reason when it aborts first. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal))
      return
    }
    const onAbort = (): void => {
      clock.clearTimeout(handle)
      reject(abortReason(signal))
    }
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** The signal's reason as an Error (an AbortSignal's reason may be any value). */
export function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason
  return reason instanceof Error ? reason : new Error(typeof reason === 'string' ? reason : 'aborted')
}
