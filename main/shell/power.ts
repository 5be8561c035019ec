/**
 * A kiosk screen that goes dark looks broken, and a liveness capture has no touch input to keep it
 * awake. While the kiosk window is open the display stays on ('prevent-display-sleep' also keeps the
 * system awake); closing the window lets the OS manage power again.
 */

/** The parts of Electron's `powerSaveBlocker` used here. */
export interface PowerSaveBlockerLike {
  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number
  stop(id: number): boolean
  isStarted(id: number): boolean
}

/** Keeps the display awake; returns the function that lets it sleep again (safe to call twice). */
export function keepDisplayAwake(blocker: PowerSaveBlockerLike): () => void {
  const id = blocker.start('prevent-display-sleep')
  return () => {
    if (blocker.isStarted(id)) blocker.stop(id)
  }
}
