/**
 * main/index.ts inside a mocked Electron: the single-instance lock comes first, the app scheme is
 * privileged before `ready`, the log goes to rotating files in userData/logs, the menu is removed,
 * every webContents is locked and the session allows only the camera before any window exists, and
 * the window is a sandboxed, context-isolated page without Node, loaded from the app scheme (never
 * file://), kept awake, and recovered when its renderer crashes. Live mode takes its client secret
 * from the environment or the key store, and refuses to start on a key store that protects nothing.
 */
import { existsSync, readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { latest, pointsOf, resourcesOf, startOtlpReceiver, type OtlpReceiver } from '../support/otlp-receiver'
import { tempDir } from '../support/temp-dir'
import { UNTIL_DONE } from '../support/waiting'

type Listener = (...args: unknown[]) => unknown

const electron = vi.hoisted(() => {
  /** The order in which main did the things that must happen in order. */
  const calls: string[] = []
  const state = {
    userData: '/nonexistent',
    lockFree: true,
    backend: 'gnome_libsecret',
    ready: () => {},
    /** Chromium switches on the command line the kiosk was started with. */
    switches: [] as string[]
  }
  let readyPromise = Promise.resolve()

  /** Just enough of an event emitter: records listeners so the test can fire events. */
  class Emitter {
    readonly listeners = new Map<string, Listener[]>()
    on(event: string, listener: Listener): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
      return this
    }
    once(event: string, listener: Listener): this {
      return this.on(event, listener)
    }
    emit(event: string, ...args: unknown[]): void {
      for (const listener of this.listeners.get(event) ?? []) listener(...args)
    }
  }

  class WebContents extends Emitter {
    readonly send = vi.fn()
    readonly setWindowOpenHandler = vi.fn()
    readonly forcefullyCrashRenderer = vi.fn()
    readonly setWebRTCIPHandlingPolicy = vi.fn()
  }

  const windows: BrowserWindow[] = []
  class BrowserWindow extends Emitter {
    readonly webContents = new WebContents()
    readonly loadURL = vi.fn(async () => undefined)
    readonly isDestroyed = vi.fn(() => false)
    readonly isMinimized = vi.fn(() => true)
    readonly restore = vi.fn()
    readonly focus = vi.fn()
    readonly show = vi.fn()
    constructor(readonly options: Record<string, unknown>) {
      super()
      calls.push('window')
      windows.push(this)
    }
  }

  const app = Object.assign(new Emitter(), {
    isPackaged: true,
    whenReady: vi.fn(() => readyPromise),
    getPath: vi.fn(() => state.userData),
    getVersion: vi.fn(() => '7.7.7'),
    requestSingleInstanceLock: vi.fn(() => {
      calls.push('lock')
      return state.lockFree
    }),
    quit: vi.fn(),
    exit: vi.fn(),
    relaunch: vi.fn(),
    setPath: vi.fn(),
    commandLine: {
      appendSwitch: vi.fn(),
      hasSwitch: vi.fn((name: string) => state.switches.includes(name))
    }
  })
  const protocol = {
    registerSchemesAsPrivileged: vi.fn(() => calls.push('scheme')),
    handle: vi.fn()
  }
  const ipcMain = { handle: vi.fn(), removeHandler: vi.fn(), on: vi.fn() }
  const Menu = { setApplicationMenu: vi.fn(() => calls.push('menu')) }
  const session = {
    defaultSession: Object.assign(new Emitter(), {
      setPermissionRequestHandler: vi.fn((_handler: unknown) => {
        calls.push('permissions')
      }),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      setProxy: vi.fn(async (_config: unknown) => undefined)
    })
  }
  const powerSaveBlocker = { start: vi.fn(() => 17), stop: vi.fn(), isStarted: vi.fn(() => true) }
  // Reversible but never the plaintext, like the OS key store.
  const seal = (text: string) => Buffer.concat([Buffer.from('OSK:'), Buffer.from(text).map((byte) => byte ^ 0x5a)])
  // Staff mode's file dialogs: never opened by these tests, but main wires them at start.
  const dialog = { showSaveDialog: vi.fn(), showOpenDialog: vi.fn(), showErrorBox: vi.fn() }
  const safeStorage = {
    isAsyncEncryptionAvailable: vi.fn(async () => true),
    encryptStringAsync: vi.fn(async (text: string) => seal(text)),
    decryptStringAsync: vi.fn(async (data: Buffer) => ({
      result: Buffer.from(data.subarray(4).map((byte) => byte ^ 0x5a)).toString(),
      shouldReEncrypt: false
    })),
    getSelectedStorageBackend: vi.fn(() => state.backend)
  }

  return {
    module: { app, BrowserWindow, protocol, ipcMain, Menu, session, powerSaveBlocker, safeStorage, dialog },
    windows,
    calls,
    state,
    /** A fresh Electron for a fresh import of main/index.ts. */
    reset(options: {
      userData: string
      packaged?: boolean
      lockFree?: boolean
      backend?: string
      switches?: string[]
    }) {
      calls.length = 0
      windows.length = 0
      app.listeners.clear()
      session.defaultSession.listeners.clear()
      app.isPackaged = options.packaged ?? true
      Object.assign(state, {
        userData: options.userData,
        lockFree: options.lockFree ?? true,
        backend: options.backend ?? 'gnome_libsecret',
        switches: options.switches ?? []
      })
      readyPromise = new Promise<void>((resolve) => {
        state.ready = resolve
      })
    }
  }
})

vi.mock('electron', () => ({ ...electron.module, default: electron.module }))

const { app, protocol, ipcMain, Menu, session, powerSaveBlocker } = electron.module
const savedPlatform = Object.getOwnPropertyDescriptor(process, 'platform')

/** Imports main/index.ts afresh in a new userData folder, with `config` as its config.json. */
async function importMain(
  options: {
    config?: Record<string, unknown>
    packaged?: boolean
    lockFree?: boolean
    backend?: string
    userData?: string
  } = {}
) {
  const userData = options.userData ?? (await tempDir('kiosk-main'))
  // The connectivity probe goes to a closed local port, so the test never leaves the machine.
  await writeFile(
    join(userData, 'config.json'),
    JSON.stringify({
      kioskId: 'unit-kiosk',
      ...options.config,
      assure: { baseUrl: 'http://127.0.0.1:9', ...(options.config?.assure as object) }
    })
  )
  electron.reset({ userData, packaged: options.packaged, lockFree: options.lockFree, backend: options.backend })
  vi.resetModules()
  await import('../../main/index')
  return userData
}

/** Fires `ready` and waits until main has loaded the window (or exited). */
async function startMain(options: Parameters<typeof importMain>[0] = {}) {
  const userData = await importMain(options)
  const earlier = logLines(userData).length
  electron.state.ready()
  await vi.waitFor(
    () =>
      expect(
        logLines(userData)
          .slice(earlier)
          .some((line) => /kiosk started|refuses to start/.test(line.message))
      ).toBe(true),
    UNTIL_DONE
  )
  const window = electron.windows[0]
  return { userData, window }
}

function logLines(userData: string): Array<{ level: string; message: string; fields?: Record<string, unknown> }> {
  const file = join(userData, 'logs', 'kiosk.log')
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { level: string; message: string; fields?: Record<string, unknown> })
}

/**
 * Quits as Electron does (`before-quit` fires once; the mock keeps `once` listeners, so they are taken
 * off here) and waits until main logs that the kiosk has stopped.
 */
async function quit(): Promise<void> {
  const quitting = app.listeners.get('before-quit') ?? []
  if (quitting.length === 0) return
  app.listeners.delete('before-quit')
  const userData = app.getPath() // the mock's userData, whichever the test set
  const stopped = (): number => logLines(userData).filter((line) => line.message === 'kiosk stopped').length
  const before = stopped()
  for (const listener of quitting) listener()
  await vi.waitFor(() => expect(stopped()).toBeGreaterThan(before), UNTIL_DONE)
}

/** The kiosk page as main's app-scheme handler serves it (main/index.ts's own protocol.handle). */
async function servedPage(): Promise<Response> {
  const handler = protocol.handle.mock.calls.at(-1)?.[1] as ((request: Request) => Promise<Response>) | undefined
  if (!handler) throw new Error('main registered no app-scheme handler')
  return handler(new Request('assure-kiosk://app/index.html'))
}

/** Calls main's IPC handler for `channel` as the app's own page would, and unwraps the answer. */
async function invoke<T>(channel: string): Promise<T> {
  const handler = ipcMain.handle.mock.calls.find(([registered]) => registered === channel)?.[1] as
    ((event: unknown) => Promise<{ ok: boolean; value: T }>) | undefined
  if (!handler) throw new Error(`main registered no handler for '${channel}'`)
  const answer = await handler({ senderFrame: { url: 'assure-kiosk://app/index.html', parent: null } })
  expect(answer.ok).toBe(true)
  return answer.value
}

function appListener(event: string): Listener {
  const listener = app.listeners.get(event)?.[0]
  if (!listener) throw new Error(`main registered no '${event}' listener`)
  return listener
}

// Transforming main's whole module graph is the slow part of the first import; do it once, up front,
// so no test's own time depends on how busy the machine is. `ready` never fires for this import.
beforeAll(async () => {
  electron.reset({ userData: await tempDir('kiosk-main-warm-up') })
  vi.resetModules()
  await import('../../main/index')
})

beforeEach(() => {
  vi.clearAllMocks()
  Object.defineProperty(process, 'platform', { value: 'linux' })
  // Run from source (not packaged), main echoes its log to stderr; these tests read the log files, and
  // the echo would only fill the CI output with the records of the kiosks they start.
  vi.spyOn(process.stderr, 'write').mockReturnValue(true)
})

afterEach(async () => {
  // Stop what the started kiosk runs (services, the demo sandbox), and wait until it has: a kiosk still
  // stopping would run on into the next test.
  await quit()
  if (savedPlatform) Object.defineProperty(process, 'platform', savedPlatform)
  delete process.env.ASSURE_KIOSK_CONFIG
  delete process.env.ASSURE_KIOSK_FAKE_CAMERA
  delete process.env.ASSURE_KIOSK_USER_DATA
  delete process.env.ASSURE_CLIENT_SECRET
  delete process.env.ASSURE_CLIENT_ID
})

describe('main/index.ts', () => {
  it('registers the app scheme as privileged at import, then opens a locked-down window on it when ready', async () => {
    await importMain()

    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1)
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      {
        scheme: 'assure-kiosk',
        privileges: expect.objectContaining({
          standard: true,
          secure: true,
          supportFetchAPI: true,
          allowServiceWorkers: false,
          bypassCSP: false
        })
      }
    ])
    // Nothing is built before `ready`.
    expect(electron.windows).toHaveLength(0)
    expect(protocol.handle).not.toHaveBeenCalled()

    electron.state.ready()
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1), UNTIL_DONE)
    const [window] = electron.windows
    if (!window) throw new Error('no window')

    expect(window.options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      show: false,
      width: 1080,
      height: 1920,
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
    // Demo mode (the simulated SDK) keeps the strict policy: no eval, no FaceTec server, no inline media.
    const { contentSecurityPolicy } = await import('../../main/app-origin/csp')
    expect((await servedPage()).headers.get('content-security-policy')).toBe(contentSecurityPolicy({ mode: 'demo' }))
    await vi.waitFor(() => expect(window.loadURL).toHaveBeenCalledWith('assure-kiosk://app/index.html'), UNTIL_DONE)
    expect(String(window.loadURL.mock.calls[0])).not.toContain('file:')

    // The IPC router is registered: one handler per contract channel.
    const { invokeContract } = await import('../../preload/api')
    expect(ipcMain.handle.mock.calls.map(([channel]) => channel as string).sort()).toEqual(
      Object.values(invokeContract)
        .map((spec) => spec.channel)
        .sort()
    )
  })

  it('takes the single-instance lock before anything else, and the lock comes before the window', async () => {
    await startMain()
    expect(electron.calls[0]).toBe('lock')
    expect(electron.calls.indexOf('lock')).toBeLessThan(electron.calls.indexOf('scheme'))
    expect(electron.calls.indexOf('scheme')).toBeLessThan(electron.calls.indexOf('window'))
  })

  it('as a second instance, quits at once and touches nothing: no scheme, no ready, no log file', async () => {
    const userData = await importMain({ lockFree: false })
    expect(app.quit).toHaveBeenCalledTimes(1)
    expect(protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled()
    expect(app.whenReady).not.toHaveBeenCalled()
    expect(existsSync(join(userData, 'logs'))).toBe(false)
    expect(electron.calls).toEqual(['lock'])
  })

  it('as the first instance, brings its window back when a second one starts', async () => {
    const { window } = await startMain()
    appListener('second-instance')({}, ['assure-kiosk'], '/')
    expect(window?.restore).toHaveBeenCalledTimes(1)
    expect(window?.focus).toHaveBeenCalledTimes(1)
  })

  it('removes the application menu and installs the locks before the window exists', async () => {
    await startMain()
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(null)
    expect(electron.calls.indexOf('menu')).toBeLessThan(electron.calls.indexOf('window'))
    expect(electron.calls.indexOf('permissions')).toBeLessThan(electron.calls.indexOf('window'))
    expect(app.listeners.get('web-contents-created')).toHaveLength(1)
  })

  it('locks navigation, redirects, webviews and new windows on every webContents created', async () => {
    await startMain()
    const contents = new (class extends electron.module.BrowserWindow {})({}).webContents
    appListener('web-contents-created')({}, contents)
    const navigate = (event: string, url?: string) => {
      const preventDefault = vi.fn()
      contents.emit(event, { preventDefault }, url)
      return preventDefault.mock.calls.length === 1
    }
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true)
    expect(navigate('will-redirect', 'file:///etc/passwd')).toBe(true)
    expect(navigate('will-navigate', 'assure-kiosk://app/index.html')).toBe(false)
    expect(navigate('will-attach-webview')).toBe(true)
    const openHandler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as (details: { url: string }) => unknown
    expect(openHandler({ url: 'assure-kiosk://app/index.html' })).toEqual({ action: 'deny' })
  })

  it('lets the default session grant the camera to the app page and nothing else', async () => {
    await startMain()
    const { setPermissionRequestHandler, setPermissionCheckHandler, setDevicePermissionHandler } =
      session.defaultSession
    expect(setPermissionRequestHandler).toHaveBeenCalledTimes(1)
    const request = setPermissionRequestHandler.mock.calls[0]?.[0] as (
      wc: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: object
    ) => void
    const ask = (permission: string, details: object) => {
      let granted: boolean | undefined
      request({}, permission, (answer) => (granted = answer), details)
      return granted
    }
    const fromApp = {
      requestingUrl: 'assure-kiosk://app/index.html',
      isMainFrame: true,
      securityOrigin: 'assure-kiosk://app/'
    }
    expect(ask('media', { ...fromApp, mediaTypes: ['video'] })).toBe(true)
    expect(ask('media', { ...fromApp, mediaTypes: ['video', 'audio'] })).toBe(false)
    expect(ask('notifications', fromApp)).toBe(false)
    const check = setPermissionCheckHandler.mock.calls[0]?.[0] as unknown as (
      wc: unknown,
      permission: string,
      origin: string,
      details: object
    ) => boolean
    expect(check(null, 'media', 'assure-kiosk://app/', { ...fromApp, mediaType: 'video' })).toBe(true)
    expect(check(null, 'geolocation', 'assure-kiosk://app/', fromApp)).toBe(false)
    const device = setDevicePermissionHandler.mock.calls[0]?.[0] as unknown as (details: object) => boolean
    expect(device({ deviceType: 'usb' })).toBe(false)
  })

  it('sends no WebRTC UDP from any webContents, and never acts on a page’s preconnect hints', async () => {
    const { userData } = await startMain()
    const contents = new (class extends electron.module.BrowserWindow {})({}).webContents
    appListener('web-contents-created')({}, contents)
    expect(contents.setWebRTCIPHandlingPolicy).toHaveBeenCalledWith('disable_non_proxied_udp')
    expect(session.defaultSession.listeners.get('preconnect')).toHaveLength(1)
    session.defaultSession.emit('preconnect', {}, 'https://exfil.example/?frame=1', true)
    expect(logLines(userData)).toContainEqual(
      expect.objectContaining({ message: 'ignored a preconnect request', fields: { to: 'https://exfil.example' } })
    )
    // Demo mode: the page may reach nothing over the network; everything goes to main's black hole.
    const proxy = session.defaultSession.setProxy.mock.calls[0]?.[0] as { proxyRules: string; proxyBypassRules: string }
    expect(proxy.proxyRules).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(proxy.proxyBypassRules).toBe('<-loopback>')
    const hole = await import('node:net').then(
      ({ connect }) =>
        new Promise<string>((resolve) => {
          const socket = connect(Number(new URL(proxy.proxyRules).port), '127.0.0.1')
          socket.on('data', () => resolve('answered'))
          socket.on('close', () => resolve('closed'))
          socket.on('error', () => resolve('refused'))
        })
    )
    expect(hole).toBe('closed')
  })

  it('in kiosk mode refuses to close the window and does not quit when it is gone; a page closing it relaunches', async () => {
    const { window } = await startMain()
    if (!window) throw new Error('no window')
    const preventDefault = vi.fn()
    window.emit('close', { preventDefault })
    expect(preventDefault).toHaveBeenCalledTimes(1)
    // window.close() from the page: no close event, the window is just gone.
    window.emit('closed')
    appListener('window-all-closed')()
    expect(app.quit).not.toHaveBeenCalled()
    expect(app.relaunch).toHaveBeenCalledTimes(1)
    expect(app.exit).toHaveBeenCalledWith(0)
  })

  it('outside kiosk mode closes and quits like any app', async () => {
    const { window } = await startMain({ packaged: false })
    if (!window) throw new Error('no window')
    const preventDefault = vi.fn()
    window.emit('close', { preventDefault })
    expect(preventDefault).not.toHaveBeenCalled()
    appListener('window-all-closed')()
    expect(app.quit).toHaveBeenCalledTimes(1)
  })

  it('cancels every download in the default session before it starts (no save dialog)', async () => {
    await startMain()
    const listeners = session.defaultSession.listeners.get('will-download') ?? []
    expect(listeners).toHaveLength(1)
    const preventDefault = vi.fn()
    const cancel = vi.fn()
    session.defaultSession.emit(
      'will-download',
      { preventDefault },
      { getURL: () => 'assure-kiosk://app/facetec-sdk/a.data', cancel }
    )
    expect(preventDefault).toHaveBeenCalledTimes(1)
    expect(cancel).toHaveBeenCalledTimes(1)
  })

  it.each([
    { packaged: true, windowConfig: {}, kiosk: true, devTools: false },
    { packaged: true, windowConfig: { kiosk: false }, kiosk: false, devTools: false },
    { packaged: false, windowConfig: {}, kiosk: false, devTools: true },
    { packaged: false, windowConfig: { kiosk: true, width: 1920, height: 1080 }, kiosk: true, devTools: true }
  ])(
    'opens the window in kiosk mode per configuration (packaged $packaged, window $windowConfig)',
    async ({ packaged, windowConfig, kiosk, devTools }) => {
      const { window } = await startMain({ packaged, config: { window: windowConfig } })
      expect(window?.options).toMatchObject({
        kiosk,
        fullscreen: kiosk,
        width: windowConfig.width ?? 1080,
        height: windowConfig.height ?? 1920,
        webPreferences: { devTools }
      })
    }
  )

  it('writes its log to rotating files in userData/logs', async () => {
    const { userData } = await startMain()
    expect(logLines(userData)).toContainEqual(
      expect.objectContaining({
        level: 'info',
        message: 'kiosk started',
        fields: { mode: 'demo', kioskId: 'unit-kiosk' }
      })
    )
  })

  it('keeps the display awake while the window is open', async () => {
    const { window } = await startMain()
    expect(powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep')
    expect(powerSaveBlocker.stop).not.toHaveBeenCalled()
    window?.emit('closed')
    expect(powerSaveBlocker.stop).toHaveBeenCalledWith(17)
  })

  it('reloads the start page when the renderer crashes, and relaunches the app past the budget', async () => {
    const { window } = await startMain()
    if (!window) throw new Error('no window')
    const crash = () => window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 })
    crash()
    await vi.waitFor(() => expect(window.loadURL).toHaveBeenCalledTimes(2), UNTIL_DONE)
    expect(window.loadURL).toHaveBeenLastCalledWith('assure-kiosk://app/index.html')
    crash()
    crash()
    await vi.waitFor(() => expect(window.loadURL).toHaveBeenCalledTimes(4), UNTIL_DONE)
    expect(app.relaunch).not.toHaveBeenCalled()
    crash()
    expect(app.relaunch).toHaveBeenCalledTimes(1)
    expect(app.exit).toHaveBeenCalledWith(0)
  })
})

describe('main/index.ts in demo mode', () => {
  it('serves Assure from the embedded sandbox on 127.0.0.1, which answers real HTTP', async () => {
    const { userData } = await startMain()
    const url = logLines(userData).find(
      (line) => line.message === 'demo mode: the embedded Assure sandbox is listening'
    )?.fields?.url
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    // Its token endpoint is there and refuses a caller without the demo credentials.
    const answer = await fetch(`${String(url)}/auth/open/connect/token`, { method: 'POST' })
    expect(answer.status).toBe(401)
  })

  it('runs without a usable key store, sealing captures with a key held only in memory', async () => {
    const { userData, window } = await startMain({ backend: 'basic_text' })
    expect(window).toBeDefined()
    expect(logLines(userData)).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'demo mode: no usable key store, so captures are sealed with a key held in memory only'
      })
    )
    const status = await invoke<{ setupProblem: string | null; mode: string }>('kiosk:status:get')
    expect(status).toMatchObject({ mode: 'demo', setupProblem: null })
    expect(existsSync(join(userData, 'keys', 'data-key.bin'))).toBe(false)
  })
})

describe('main/index.ts with a bad config file', () => {
  it('names the bad field in an error box for whoever stands at the kiosk, then exits', async () => {
    const userData = await tempDir('kiosk-main')
    await writeFile(
      join(userData, 'config.json'),
      JSON.stringify({ kioskId: 'unit-kiosk', journey: { idleTimeoutSeconds: 'soon' } })
    )
    electron.reset({ userData })
    vi.resetModules()
    await import('../../main/index')
    electron.state.ready()
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(1), UNTIL_DONE)
    expect(electron.module.dialog.showErrorBox).toHaveBeenCalledWith(
      'Assure Kiosk cannot start',
      expect.stringContaining('journey.idleTimeoutSeconds')
    )
    expect(electron.windows).toEqual([])
  })
})

describe('main/index.ts and its config file', () => {
  it('logs which config file it runs on', async () => {
    const { userData } = await startMain()
    expect(logLines(userData)).toContainEqual(
      expect.objectContaining({ message: 'configuration', fields: { source: join(userData, 'config.json') } })
    )
  })

  it('refuses to start when ASSURE_KIOSK_CONFIG names a file that does not exist, naming it', async () => {
    const userData = await tempDir('kiosk-main')
    process.env.ASSURE_KIOSK_CONFIG = join(userData, 'kiosk-typo.json')
    electron.reset({ userData })
    vi.resetModules()
    await import('../../main/index')
    electron.state.ready()
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(1), UNTIL_DONE)
    expect(electron.module.dialog.showErrorBox).toHaveBeenCalledWith(
      'Assure Kiosk cannot start',
      `ASSURE_KIOSK_CONFIG names ${join(userData, 'kiosk-typo.json')}, which does not exist`
    )
    expect(electron.windows).toEqual([])
  })
})

describe('main/index.ts and the camera it is given', () => {
  const clip = join(import.meta.dirname, '..', 'fixtures', 'webcam-face-still.mjpeg')

  it('run from source, plays a file as the camera and keeps its own userData when the environment says so', async () => {
    const ownData = await tempDir('kiosk-own-data')
    process.env.ASSURE_KIOSK_FAKE_CAMERA = clip
    process.env.ASSURE_KIOSK_USER_DATA = ownData
    await startMain({ packaged: false })
    expect(app.commandLine.appendSwitch).toHaveBeenCalledWith('use-fake-device-for-media-stream')
    expect(app.commandLine.appendSwitch).toHaveBeenCalledWith('use-file-for-fake-video-capture', clip)
    expect(app.setPath).toHaveBeenCalledWith('userData', ownData)
    // Before the single-instance lock, which Electron keeps in userData.
    expect(app.setPath.mock.invocationCallOrder[0]).toBeLessThan(
      app.requestSingleInstanceLock.mock.invocationCallOrder[0] ?? 0
    )
  })

  it('installed, ignores those variables and says so in its log', async () => {
    process.env.ASSURE_KIOSK_FAKE_CAMERA = clip
    process.env.ASSURE_KIOSK_USER_DATA = '/tmp/elsewhere'
    const { userData, window } = await startMain({ packaged: true })
    expect(window).toBeDefined()
    expect(app.commandLine.appendSwitch).not.toHaveBeenCalled()
    expect(app.setPath).not.toHaveBeenCalled()
    expect(logLines(userData)).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'development settings ignored' })
    )
  })

  it('installed, refuses to start when its command line replaces the camera with a file', async () => {
    const userData = await tempDir('kiosk-main')
    electron.reset({
      userData,
      packaged: true,
      switches: ['use-fake-device-for-media-stream', 'use-file-for-fake-video-capture']
    })
    vi.resetModules()
    await import('../../main/index')
    electron.state.ready()
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(1), UNTIL_DONE)
    expect(electron.module.dialog.showErrorBox).toHaveBeenCalledWith(
      'Assure Kiosk cannot start',
      expect.stringMatching(/use-fake-device-for-media-stream, use-file-for-fake-video-capture\); refused/)
    )
    expect(electron.windows).toEqual([])
  })
})

describe('main/index.ts in live mode', () => {
  const live = { mode: 'auto', assure: { clientId: 'sandbox-quiet-harbor-514' } }

  it('refuses to serve on Linux’s plaintext key store, and says why in words for staff', async () => {
    process.env.ASSURE_CLIENT_SECRET = 'env-secret-value'
    const { userData, window } = await startMain({ config: live, backend: 'basic_text' })
    // The window opens (an empty desktop helps nobody), showing "out of service" with the reason.
    expect(window).toBeDefined()
    expect(app.exit).not.toHaveBeenCalled()
    const refusal = logLines(userData).find((line) => line.message === 'live mode refuses to serve')
    expect(refusal?.fields?.reason).toMatch(/plaintext key store.*security\.allowPlaintextKeyStore/)
    const status = await invoke<{ setupProblem: string | null }>('kiosk:status:get')
    expect(status.setupProblem).toMatch(/plaintext key store/)
    expect(existsSync(join(userData, 'keys', 'assure-client-secret.bin'))).toBe(false)
    expect(readFileSync(join(userData, 'logs', 'kiosk.log'), 'utf8')).not.toContain('env-secret-value')
  })

  it('starts on the plaintext key store when the config file allows it', async () => {
    process.env.ASSURE_CLIENT_SECRET = 'env-secret-value'
    const { window } = await startMain({
      config: { ...live, security: { allowPlaintextKeyStore: true } },
      backend: 'basic_text'
    })
    expect(window).toBeDefined()
    expect(app.exit).not.toHaveBeenCalled()
  })

  it("serves live mode's Content-Security-Policy, with the configured FaceTec servers", async () => {
    process.env.ASSURE_CLIENT_SECRET = 'env-secret-value'
    await startMain({ config: { ...live, facetec: { serverOrigins: ['https://facetec.bank.example'] } } })
    // The page reaches the FaceTec server and nothing else (the rest goes to main's black hole).
    const proxy = session.defaultSession.setProxy.mock.calls.at(-1)?.[0] as { proxyBypassRules: string }
    expect(proxy.proxyBypassRules).toBe('<-loopback>,https://facetec.bank.example')
    const page = await servedPage()
    const policy = page.headers.get('content-security-policy') ?? ''
    expect(policy).toContain("connect-src 'self' https://facetec.bank.example;")
    expect(policy).toContain("media-src 'self' blob: mediastream: data:")
    // No SDK folder is configured here: nothing needs eval, so nothing gets it.
    expect(policy).not.toContain("'unsafe-eval'")
  })

  it('stores ASSURE_CLIENT_SECRET sealed, and is live from the stored secret once the variable is gone', async () => {
    process.env.ASSURE_CLIENT_SECRET = 'env-secret-value'
    const first = await startMain({ config: live })
    const sealed = join(first.userData, 'keys', 'assure-client-secret.bin')
    expect(existsSync(sealed)).toBe(true)
    expect(readFileSync(sealed).includes(Buffer.from('env-secret-value'))).toBe(false)
    expect(logLines(first.userData)).toContainEqual(
      expect.objectContaining({ message: 'kiosk started', fields: expect.objectContaining({ mode: 'live' }) })
    )
    // Live mode talks to the configured Assure: no sandbox is started.
    expect(logLines(first.userData).map((line) => line.message)).not.toContain(
      'demo mode: the embedded Assure sandbox is listening'
    )
    expect(readFileSync(join(first.userData, 'logs', 'kiosk.log'), 'utf8')).not.toContain('env-secret-value')
    await quit()

    delete process.env.ASSURE_CLIENT_SECRET
    const second = await startMain({ config: live, userData: first.userData })
    expect(second.window).toBeDefined()
    expect(
      logLines(second.userData)
        .filter((line) => line.message === 'kiosk started')
        .at(-1)?.fields
    ).toMatchObject({ mode: 'live' })
  })
})

describe('main/index.ts with a collector configured', () => {
  const live = { mode: 'auto', assure: { clientId: 'sandbox-quiet-harbor-514' } }
  let receiver: OtlpReceiver | null = null
  afterEach(async () => {
    await receiver?.close()
    receiver = null
    delete process.env.KIOSK_OTEL_AUTHORIZATION
  })

  it('exports to it with the kiosk id and site, and keeps the header credential sealed like the Assure secret', async () => {
    receiver = await startOtlpReceiver()
    process.env.ASSURE_CLIENT_SECRET = 'env-secret-value'
    process.env.KIOSK_OTEL_AUTHORIZATION = 'Api-Token otel-credential-4242'
    const { userData } = await startMain({
      config: {
        ...live,
        site: 'Oslo Storgata',
        telemetry: {
          endpoint: receiver.url,
          headers: { Authorization: { env: 'KIOSK_OTEL_AUTHORIZATION' }, 'X-Scope-OrgID': 'branch-kiosks' }
        }
      }
    })
    const reportVisit = ipcMain.handle.mock.calls.find(([channel]) => channel === 'kiosk:visit:report')?.[1] as (
      event: unknown,
      input: unknown
    ) => Promise<{ ok: boolean }>
    expect(
      await reportVisit({ senderFrame: { url: 'assure-kiosk://app/index.html', parent: null } }, { event: 'started' })
    ).toEqual({ ok: true, value: null })

    // Quitting sends what was recorded (the interval is a minute away).
    const arrived = receiver.nextRequest('/v1/metrics')
    await quit()
    const request = await arrived
    expect(request.headers.authorization).toBe('Api-Token otel-credential-4242')
    expect(request.headers['x-scope-orgid']).toBe('branch-kiosks')
    expect(resourcesOf(receiver)[0]).toMatchObject({
      'kiosk.id': 'unit-kiosk',
      'kiosk.site': 'Oslo Storgata',
      'kiosk.mode': 'live'
    })
    expect(latest(pointsOf(receiver.metrics()), 'kiosk.visits.started')?.value).toBe(1)

    const sealed = join(userData, 'keys', 'telemetry-header-authorization.bin')
    expect(existsSync(sealed)).toBe(true)
    expect(readFileSync(sealed).includes(Buffer.from('otel-credential-4242'))).toBe(false)
    expect(readFileSync(join(userData, 'logs', 'kiosk.log'), 'utf8')).not.toContain('otel-credential-4242')
  })

  it('without an endpoint sends nothing anywhere', async () => {
    receiver = await startOtlpReceiver()
    const { userData } = await startMain()
    // Stopped means telemetry has shut down too: whatever it would send on quitting has been sent.
    await quit()
    expect(receiver.requests).toEqual([])
    expect(logLines(userData).map((line) => line.message)).not.toContain('telemetry to the collector is on')
  })
})
