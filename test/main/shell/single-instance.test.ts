/**
 * One kiosk per machine: the second start quits without touching anything, the first brings its
 * window back to the front.
 */
import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { holdSingleInstance, type FocusableWindow, type SingleInstanceApp } from '../../../main/shell/single-instance'

class FakeApp extends EventEmitter implements SingleInstanceApp {
  constructor(private readonly lockFree: boolean) {
    super()
  }
  readonly requestSingleInstanceLock = vi.fn(() => this.lockFree)
  readonly quit = vi.fn()
}

function fakeWindow(state: { minimized?: boolean; destroyed?: boolean } = {}) {
  return {
    isDestroyed: vi.fn(() => state.destroyed ?? false),
    isMinimized: vi.fn(() => state.minimized ?? false),
    restore: vi.fn(),
    focus: vi.fn()
  } satisfies FocusableWindow
}

describe('the single-instance lock', () => {
  it('makes a second instance quit at once and do nothing else', () => {
    const app = new FakeApp(false)
    const window = vi.fn(() => null)
    expect(holdSingleInstance(app, window)).toBe(false)
    expect(app.quit).toHaveBeenCalledTimes(1)
    expect(app.listenerCount('second-instance')).toBe(0)
    expect(window).not.toHaveBeenCalled()
  })

  it('keeps the first instance running and restores and focuses its minimized window on a second start', () => {
    const app = new FakeApp(true)
    const window = fakeWindow({ minimized: true })
    expect(holdSingleInstance(app, () => window)).toBe(true)
    expect(app.quit).not.toHaveBeenCalled()
    app.emit('second-instance', {}, ['assure-kiosk'], '/')
    expect(window.restore).toHaveBeenCalledTimes(1)
    expect(window.focus).toHaveBeenCalledTimes(1)
  })

  it('only focuses a window that is not minimized', () => {
    const app = new FakeApp(true)
    const window = fakeWindow()
    holdSingleInstance(app, () => window)
    app.emit('second-instance')
    expect(window.restore).not.toHaveBeenCalled()
    expect(window.focus).toHaveBeenCalledTimes(1)
  })

  it('asks for the window at the second start, so a window opened after the lock is found', () => {
    const app = new FakeApp(true)
    let current: FocusableWindow | null = null
    holdSingleInstance(app, () => current)
    app.emit('second-instance') // before the window exists: nothing to do, nothing thrown
    const window = fakeWindow()
    current = window
    app.emit('second-instance')
    expect(window.focus).toHaveBeenCalledTimes(1)
  })

  it('leaves a destroyed window alone', () => {
    const app = new FakeApp(true)
    const window = fakeWindow({ destroyed: true, minimized: true })
    holdSingleInstance(app, () => window)
    app.emit('second-instance')
    expect(window.restore).not.toHaveBeenCalled()
    expect(window.focus).not.toHaveBeenCalled()
  })
})
