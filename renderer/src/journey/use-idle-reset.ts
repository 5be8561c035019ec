/**
 * The idle reset: after `idleMs` without a touch, key or click, a countdown of `countdownMs` is shown
 * ("Are you still there?"); any input, or the "I'm still here" button, cancels it; at zero `onExpire`
 * runs (the journey's reset). Disabled while the person is not expected to touch anything (the
 * liveness capture, waiting for the result) and on the attract screen, which is where a reset leads.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'

export interface IdleOptions {
  enabled: boolean
  idleMs: number
  countdownMs: number
  onExpire: () => void
}

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const

export function useIdleReset({ enabled, idleMs, countdownMs, onExpire }: IdleOptions): {
  secondsLeft: number | null
  stay: () => void
} {
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null)
  const timers = useRef<{ idle: ReturnType<typeof setTimeout> | null; tick: ReturnType<typeof setInterval> | null }>({
    idle: null,
    tick: null
  })
  const expire = useRef(onExpire)
  useLayoutEffect(() => {
    expire.current = onExpire
  }, [onExpire])

  const clear = useCallback(() => {
    if (timers.current.idle) clearTimeout(timers.current.idle)
    if (timers.current.tick) clearInterval(timers.current.tick)
    timers.current = { idle: null, tick: null }
  }, [])

  /** (Re)starts the quiet period; state changes only from the timers it sets. */
  const schedule = useCallback(() => {
    clear()
    timers.current.idle = setTimeout(() => {
      const endsAt = Date.now() + countdownMs
      setSecondsLeft(Math.ceil(countdownMs / 1000))
      timers.current.tick = setInterval(() => {
        const left = Math.ceil((endsAt - Date.now()) / 1000)
        if (left > 0) return setSecondsLeft(left)
        clear()
        setSecondsLeft(null)
        expire.current()
      }, 250)
    }, idleMs)
  }, [clear, countdownMs, idleMs])

  const stay = useCallback(() => {
    setSecondsLeft(null)
    schedule()
  }, [schedule])

  useEffect(() => {
    if (!enabled) return clear
    schedule()
    for (const event of ACTIVITY) window.addEventListener(event, stay, { capture: true, passive: true })
    return () => {
      for (const event of ACTIVITY) window.removeEventListener(event, stay, { capture: true })
      clear()
      setSecondsLeft(null)
    }
  }, [enabled, schedule, stay, clear])

  return { secondsLeft: enabled ? secondsLeft : null, stay }
}
