/**
 * The idle reset: after `idleMs` without a touch, key or click, a countdown of `countdownMs` is shown
 * ("Are you still there?"); any input, or the "I'm still here" button, cancels it; at zero `onExpire`
 * runs (the journey's reset). Disabled while the person is not expected to touch anything (the
 * liveness capture, waiting for the result) and on the attract screen, which is where a reset leads.
 * The timing itself is idle-timer.ts, on the clock handed in.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { Clock } from '../clock'
import { createIdleTimer, type IdleTimer } from './idle-timer'

export interface IdleOptions {
  enabled: boolean
  idleMs: number
  countdownMs: number
  onExpire: () => void
  clock: Clock
}

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const

export function useIdleReset({ enabled, idleMs, countdownMs, onExpire, clock }: IdleOptions): {
  secondsLeft: number | null
  stay: () => void
} {
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null)
  const expire = useRef(onExpire)
  useLayoutEffect(() => {
    expire.current = onExpire
  }, [onExpire])

  const timer = useRef<IdleTimer | null>(null)
  useEffect(() => {
    if (!enabled) return
    const idle = createIdleTimer({
      idleMs,
      countdownMs,
      clock,
      onCountdown: setSecondsLeft,
      onExpire: () => expire.current()
    })
    timer.current = idle
    const activity = (): void => idle.restart()
    idle.restart()
    for (const event of ACTIVITY) window.addEventListener(event, activity, { capture: true, passive: true })
    return () => {
      for (const event of ACTIVITY) window.removeEventListener(event, activity, { capture: true })
      idle.stop()
      timer.current = null
    }
  }, [enabled, idleMs, countdownMs, clock])
  const stay = useCallback(() => timer.current?.restart(), [])

  return { secondsLeft: enabled ? secondsLeft : null, stay }
}
