/**
 * In kiosk mode the kiosk window does not close and the app does not quit, except when staff quit it
 * (after the PIN, recorded in the audit log) or when the OS ends it (shutdown, log-off, a service
 * manager's SIGTERM: Electron turns those into `before-quit` / `session-end`).
 *
 * - Alt+F4, the window manager's close button, Ctrl+W: the window's `close` event, refused.
 * - `window.close()` from the page: Electron destroys the page's webContents and then the window
 *   without a `close` event that could be refused. If the window goes without staff or the OS asking,
 *   the app relaunches, so the kiosk is back on its start screen within seconds instead of leaving the
 *   desktop open. (With the OS locked down as the README describes, there is no desktop to reach.)
 * - `window-all-closed` does not quit in kiosk mode (Electron's default would).
 *
 * Outside kiosk mode (a developer's window) closing the window quits, as any app does.
 */
import type { Logger } from '../log/logger'

interface PreventableEvent {
  preventDefault(): void
}

/** The parts of Electron's `BrowserWindow` used here. */
export interface GuardedWindow {
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown
  on(event: 'session-end', listener: () => void): unknown
  once(event: 'closed', listener: () => void): unknown
}

/** The parts of Electron's `app` used here. */
export interface GuardedApp {
  on(event: 'before-quit' | 'window-all-closed', listener: () => void): unknown
  quit(): void
  relaunch(): void
  exit(code?: number): void
}

export interface CloseGuard {
  /** Staff asked to quit (main checked the session and recorded it): the window may close now. */
  quitByStaff(): void
}

export function installCloseGuard(options: {
  app: GuardedApp
  window: GuardedWindow
  kiosk: boolean
  log: Logger
}): CloseGuard {
  const { app, window, kiosk } = options
  const log = options.log.child('close-guard')
  // Set once something entitled to end the app has asked: staff, or the OS.
  let quitting = false

  app.on('before-quit', () => {
    quitting = true
  })
  // Windows' shutdown or log-off: do not hold the session up.
  window.on('session-end', () => {
    quitting = true
  })
  app.on('window-all-closed', () => {
    if (!kiosk || quitting) app.quit()
  })
  window.on('close', (event) => {
    if (!kiosk || quitting) return
    event.preventDefault()
    log.warn('refused to close the kiosk window')
  })
  window.once('closed', () => {
    if (!kiosk || quitting) return
    log.error('the kiosk window was closed by its page; relaunching the app')
    app.relaunch()
    app.exit(0)
  })

  return {
    quitByStaff() {
      log.warn('staff quit the kiosk app')
      quitting = true
      app.quit()
    }
  }
}
