/**
 * Paces requests to Assure: at most `perSecond` request starts in any one-second window (the way a
 * server counts a rate limit, with a small margin for network jitter), and after a 429 every request
 * waits the server's Retry-After. Draining an outbox of hundreds of jobs then runs at the rate Assure
 * accepts instead of into a wall of 429s, and a kiosk's few requests are not delayed at all.
 */
import { sleep, type Clock } from '../lib/clock'

export interface Pacer {
  /** Resolves when a request may start. */
  acquire(signal?: AbortSignal): Promise<void>
  /** The server said "too many": nobody starts a request for `ms`. */
  pauseFor(ms: number): void
}

export const unpaced: Pacer = { acquire: () => Promise.resolve(), pauseFor: () => undefined }

/** Requests do not arrive as evenly as they leave (network and event-loop jitter): 10 % margin. */
const WINDOW_MS = 1_000 + 100

export function createPacer(options: { perSecond: number; clock: Clock }): Pacer {
  const { perSecond, clock } = options
  const started: number[] = []
  let pausedUntil = 0
  let queue: Promise<void> = Promise.resolve()

  const take = async (signal?: AbortSignal): Promise<void> => {
    for (;;) {
      const now = clock.now()
      if (now < pausedUntil) {
        await sleep(clock, pausedUntil - now, signal)
        continue
      }
      while (started.length > 0 && (started[0] as number) <= now - WINDOW_MS) started.shift()
      if (started.length < perSecond) {
        started.push(now)
        return
      }
      await sleep(clock, (started[0] as number) + WINDOW_MS - now, signal)
    }
  }

  return {
    acquire(signal) {
      // One at a time, in arrival order, so no request overtakes another waiting longer.
      const turn = queue.then(() => take(signal))
      queue = turn.catch(() => undefined)
      return turn
    },
    pauseFor(ms) {
      pausedUntil = Math.max(pausedUntil, clock.now() + ms)
    }
  }
}
