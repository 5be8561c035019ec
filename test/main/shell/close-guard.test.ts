/**
 * The close guard on a stand-in window and app: in kiosk mode Alt+F4 (the window's `close` event) is
 * refused, a window closed by its page (no `close` event at all, as Electron does for window.close())
 * relaunches the app, and only staff or the OS may end it. Outside kiosk mode closing quits.
 */
import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { installCloseGuard } from '../../../main/shell/close-guard'
import { createLogger } from '../../../main/log/logger'
import { memorySink } from '../../support/log'

function kioskShell(kiosk: boolean) {
  const window = new EventEmitter()
  const app = Object.assign(new EventEmitter(), { quit: vi.fn(), relaunch: vi.fn(), exit: vi.fn() })
  const sink = memorySink()
  const guard = installCloseGuard({ app, window, kiosk, log: createLogger({ sink }) })
  /** Alt+F4 or the window manager: true when the close went ahead. */
  const altF4 = (): boolean => {
    const event = { preventDefault: vi.fn() }
    window.emit('close', event)
    return event.preventDefault.mock.calls.length === 0
  }
  /** The page's window.close(): Electron destroys the window without a `close` event. */
  const pageCloses = (): void => {
    window.emit('closed')
    app.emit('window-all-closed')
  }
  return { app, window, guard, altF4, pageCloses, records: sink.records }
}

describe('the close guard in kiosk mode', () => {
  it('refuses Alt+F4 and the close button, and logs it', () => {
    const { altF4, app, records } = kioskShell(true)
    expect(altF4()).toBe(false)
    expect(altF4()).toBe(false)
    expect(app.quit).not.toHaveBeenCalled()
    expect(records).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'refused to close the kiosk window' })
    )
  })

  it('relaunches the app when the page closes its window, rather than leaving the desktop', () => {
    const { pageCloses, app, records } = kioskShell(true)
    pageCloses()
    expect(app.relaunch).toHaveBeenCalledTimes(1)
    expect(app.exit).toHaveBeenCalledWith(0)
    // window-all-closed does not quit in kiosk mode: the relaunch brings the kiosk back.
    expect(app.quit).not.toHaveBeenCalled()
    expect(records).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'the kiosk window was closed by its page; relaunching the app'
      })
    )
  })

  it('lets staff quit: the window closes and the app quits, without a relaunch', () => {
    const { guard, altF4, app, window } = kioskShell(true)
    guard.quitByStaff()
    expect(app.quit).toHaveBeenCalledTimes(1)
    expect(altF4()).toBe(true)
    window.emit('closed')
    app.emit('window-all-closed')
    expect(app.relaunch).not.toHaveBeenCalled()
  })

  it('lets the OS end it (shutdown, log-off, SIGTERM arrive as before-quit or session-end)', () => {
    const shutdown = kioskShell(true)
    shutdown.app.emit('before-quit')
    expect(shutdown.altF4()).toBe(true)
    shutdown.pageCloses()
    expect(shutdown.app.relaunch).not.toHaveBeenCalled()
    expect(shutdown.app.quit).toHaveBeenCalled()

    const logOff = kioskShell(true)
    logOff.window.emit('session-end')
    expect(logOff.altF4()).toBe(true)
  })
})

describe('the close guard outside kiosk mode', () => {
  it('lets the window close and quits when it is gone, as any app does', () => {
    const { altF4, pageCloses, app } = kioskShell(false)
    expect(altF4()).toBe(true)
    pageCloses()
    expect(app.quit).toHaveBeenCalledTimes(1)
    expect(app.relaunch).not.toHaveBeenCalled()
  })
})
