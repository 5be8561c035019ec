/**
 * The idle reset's timing, apart from React: after `idleMs` without activity a countdown of
 * `countdownMs` starts (`onCountdown` with the whole seconds left, re-announced as they change), and
 * at zero `onExpire` runs. `restart` is any sign of life; `stop` ends it all.
 */
import type { Clock, TimerHandle } from '../clock'

export interface IdleTimerOptions {
  idleMs: number
  countdownMs: number
  /** Seconds left while counting down; null when no countdown is shown. */
  onCountdown: (secondsLeft: number | null) => void
  onExpire: () => void
  clock: Clock
}

export interface IdleTimer {
  /** (Re)starts the quiet period and hides any countdown. */
  restart(): void
  stop(): void
}

/** How often the countdown looks at the clock: often enough that a shown second is never late by much. */
const TICK_MS = 250

export function createIdleTimer({ idleMs, countdownMs, onCountdown, onExpire, clock }: IdleTimerOptions): IdleTimer {
  let timer: TimerHandle | null = null
  let shown: number | null = null

  const show = (secondsLeft: number | null): void => {
    if (secondsLeft === shown) return
    shown = secondsLeft
    onCountdown(secondsLeft)
  }

  const stop = (): void => {
    if (timer !== null) clock.clearTimeout(timer)
    timer = null
  }

  // Measured against the clock rather than counted in ticks: a busy page's late timers do not stretch it.
  const tick = (endsAt: number): void => {
    const left = Math.ceil((endsAt - clock.now()) / 1000)
    if (left <= 0) {
      timer = null
      show(null)
      onExpire()
      return
    }
    show(left)
    timer = clock.setTimeout(() => tick(endsAt), TICK_MS)
  }

  return {
    restart() {
      stop()
      show(null)
      timer = clock.setTimeout(() => tick(clock.now() + countdownMs), idleMs)
    },
    stop() {
      stop()
      show(null)
    }
  }
}
