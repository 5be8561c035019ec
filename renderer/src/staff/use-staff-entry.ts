/**
 * The hidden staff entry: five taps within three seconds in the top-right corner of the screen, or the
 * key chord Ctrl+Alt+S. Nothing on screen hints at it, so visitors do not wander into the PIN pad.
 */
import { useEffect } from 'react'

const CORNER_PX = 120
const TAPS = 5
const WITHIN_MS = 3_000

export function useStaffEntry(onEnter: () => void): void {
  useEffect(() => {
    let taps: number[] = []
    const onPointer = (event: PointerEvent): void => {
      if (event.clientY > CORNER_PX || event.clientX < window.innerWidth - CORNER_PX) {
        taps = []
        return
      }
      const now = performance.now()
      taps = [...taps.filter((at) => now - at < WITHIN_MS), now]
      if (taps.length >= TAPS) {
        taps = []
        onEnter()
      }
    }
    const onKey = (event: KeyboardEvent): void => {
      if (event.ctrlKey && event.altKey && event.key.toLowerCase() === 's') {
        event.preventDefault()
        onEnter()
      }
    }
    window.addEventListener('pointerdown', onPointer, { capture: true })
    window.addEventListener('keydown', onKey, { capture: true })
    return () => {
      window.removeEventListener('pointerdown', onPointer, { capture: true })
      window.removeEventListener('keydown', onKey, { capture: true })
    }
  }, [onEnter])
}
