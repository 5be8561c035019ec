/**
 * One kiosk per machine: a second start (a double-click, an autostart racing a watchdog) only brings
 * the running kiosk's window to the front. Two instances would fight over the camera, the job
 * journal and the log files.
 */

/** The parts of Electron's `app` used here. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean
  on(event: 'second-instance', listener: () => void): unknown
  quit(): void
}

/** The parts of a BrowserWindow used here. */
export interface FocusableWindow {
  isDestroyed(): boolean
  isMinimized(): boolean
  restore(): void
  focus(): void
}

/**
 * Takes the lock, or quits and returns false (the caller then does nothing else). `window` is asked
 * at the time of a second start, because the window does not exist yet when the lock is taken.
 */
export function holdSingleInstance(app: SingleInstanceApp, window: () => FocusableWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', () => {
    const current = window()
    if (!current || current.isDestroyed()) return
    if (current.isMinimized()) current.restore()
    current.focus()
  })
  return true
}
