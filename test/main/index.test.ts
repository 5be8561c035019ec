/**
 * main/index.ts inside a mocked Electron: the app scheme is privileged before `ready`, and the window
 * is a sandboxed, context-isolated page without Node, loaded from the app scheme (never file://).
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { tempDir } from '../support/temp-dir'

const electron = vi.hoisted(() => {
  let ready: () => void = () => {}
  const readyPromise = new Promise<void>((resolve) => {
    ready = resolve
  })
  const windows: Array<{ options: Record<string, unknown>; loadURL: ReturnType<typeof vi.fn> }> = []
  class BrowserWindow {
    readonly webContents = { send: vi.fn() }
    readonly loadURL = vi.fn(async () => undefined)
    readonly once = vi.fn()
    readonly isDestroyed = vi.fn(() => false)
    readonly show = vi.fn()
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this)
    }
  }
  const app = {
    isPackaged: true,
    whenReady: vi.fn(() => readyPromise),
    getPath: vi.fn(() => tmpdirPath),
    getVersion: vi.fn(() => '7.7.7'),
    on: vi.fn(),
    once: vi.fn(),
    quit: vi.fn(),
    exit: vi.fn()
  }
  let tmpdirPath = '/nonexistent'
  const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() }
  const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() }
  const safeStorage = {
    isAsyncEncryptionAvailable: vi.fn(async () => true),
    encryptStringAsync: vi.fn(async (text: string) => Buffer.from(text)),
    decryptStringAsync: vi.fn(async (data: Buffer) => ({ result: data.toString(), shouldReEncrypt: false })),
    getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret')
  }
  return {
    module: { app, BrowserWindow, protocol, ipcMain, safeStorage },
    windows,
    fireReady: () => ready(),
    setUserData: (path: string) => {
      tmpdirPath = path
    }
  }
})

vi.mock('electron', () => ({ ...electron.module, default: electron.module }))

describe('main/index.ts', () => {
  afterEach(() => {
    delete process.env.ASSURE_KIOSK_CONFIG
  })

  it('registers the app scheme as privileged at import, then opens a locked-down window on it when ready', async () => {
    const userData = await tempDir('kiosk-main')
    // Point the connectivity probe at a closed local port so the test never leaves the machine.
    await writeFile(join(userData, 'config.json'), JSON.stringify({ kioskId: 'unit-kiosk', assure: { baseUrl: 'http://127.0.0.1:9' } }))
    electron.setUserData(userData)

    await import('../../main/index')

    const { protocol, ipcMain } = electron.module
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1)
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      {
        scheme: 'assure-kiosk',
        privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true, allowServiceWorkers: false, bypassCSP: false })
      }
    ])
    // Nothing is built before `ready`.
    expect(electron.windows).toHaveLength(0)
    expect(protocol.handle).not.toHaveBeenCalled()

    electron.fireReady()
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1))
    const [window] = electron.windows
    if (!window) throw new Error('no window')

    expect(window.options).toMatchObject({
      kiosk: true,
      show: false,
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        devTools: false
      }
    })
    const preload = (window.options.webPreferences as { preload: string }).preload
    expect(preload).toMatch(/preload[\\/]index\.cjs$/)

    expect(protocol.handle).toHaveBeenCalledWith('assure-kiosk', expect.any(Function))
    await vi.waitFor(() => expect(window.loadURL).toHaveBeenCalledWith('assure-kiosk://app/index.html'))
    expect(String(window.loadURL.mock.calls[0])).not.toContain('file:')

    // The IPC router is registered: one handler per contract channel.
    const { invokeContract } = await import('../../preload/api')
    expect(ipcMain.handle.mock.calls.map(([channel]) => channel as string).sort()).toEqual(
      Object.values(invokeContract).map((spec) => spec.channel).sort()
    )
  })
})
