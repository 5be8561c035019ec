/**
 * The real-Electron smoke suite: the BUILT app (out/main/index.js, from this folder's package.json)
 * launched by Playwright's Electron support in demo mode, with Chromium's fake camera playing a
 * fixture clip (ASSURE_KIOSK_FAKE_CAMERA, honoured only when not packaged). It walks attract ->
 * consent -> camera check -> liveness (simulated SDK) -> result, and asserts what the end-to-end
 * tests' Chromium cannot show because only Electron has it: the window's webPreferences, the CSP
 * header from the app scheme's handler, the navigation and window-open locks, the permission
 * policy, `window.kiosk` as contextBridge exposes it, and crash recovery.
 *
 * Run with `npm run test:electron` (scripts/test-electron.ts), which installs Electron's runtime or
 * reports the suite skipped when it cannot be downloaded. It has not run on our build machines (no
 * Electron download there): run it on a connected machine before a release.
 */
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron, type ElectronApplication, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventContract, invokeContract } from '../../preload/api'
import { electronPackage, runtimeProblem } from '../../scripts/electron-runtime'

const ROOT = join(import.meta.dirname, '..', '..')
const CLIP = join(ROOT, 'test', 'fixtures', 'webcam-face-still.mjpeg')
const APP_ORIGIN = 'assure-kiosk://app'
const SDK_SCRIPT = '/facetec-sdk/core-sdk/FaceTecSDK.js/FaceTecSDK.js'

/** What Electron's webContents reports about the preferences it was created with (not in electron.d.ts). */
interface LastWebPreferences {
  contextIsolation?: boolean
  sandbox?: boolean
  nodeIntegration?: boolean
  nodeIntegrationInWorker?: boolean
  nodeIntegrationInSubFrames?: boolean
  webviewTag?: boolean
  webSecurity?: boolean
}

let app: ElectronApplication
let page: Page
let work: string

/** main's log records (JSON lines in userData/logs/kiosk.log). */
function logRecords(): Array<{ level: string; message: string; fields?: Record<string, unknown> }> {
  const file = join(work, 'user-data', 'logs', 'kiosk.log')
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { level: string; message: string; fields?: Record<string, unknown> })
}

const onScreen = (screen: string): Promise<void> =>
  page.locator(`[data-screen="${screen}"]`).waitFor({ state: 'visible', timeout: 30_000 })

beforeAll(async () => {
  // Playwright finds Electron with require('electron'), which downloads the binary when it is missing:
  // never here. scripts/test-electron.ts installs it first, or reports the suite skipped.
  const problem = runtimeProblem(electronPackage())
  if (problem) throw new Error(`Electron's runtime is not installed (${problem}): run \`npm run test:electron\`.`)
  if (!existsSync(join(ROOT, 'out', 'main', 'index.js'))) throw new Error('out/ is missing: run `npm run build` first')

  work = await mkdtemp(join(tmpdir(), 'kiosk-electron-'))
  const config = join(work, 'kiosk.json')
  await writeFile(
    config,
    JSON.stringify({ kioskId: 'electron-smoke', mode: 'demo', window: { kiosk: false, width: 600, height: 1000 } })
  )
  // Nothing from the developer's own kiosk set-up (credentials, config, dev server) reaches this one.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && !/^(ASSURE_|ELECTRON_RENDERER_URL$|ELECTRON_RUN_AS_NODE$)/.test(entry[0])
    )
  )
  app = await _electron.launch({
    args: [ROOT],
    cwd: ROOT,
    env: {
      ...env,
      ASSURE_KIOSK_CONFIG: config,
      ASSURE_KIOSK_USER_DATA: join(work, 'user-data'),
      ASSURE_KIOSK_FAKE_CAMERA: CLIP
    }
  })
  page = await app.firstWindow()
  await onScreen('attract')
})

afterAll(async () => {
  await app?.close()
  if (work) await rm(work, { recursive: true, force: true })
})

describe('the built app in real Electron', () => {
  it('opens one window on the app scheme, sandboxed and context-isolated, without Node', async () => {
    const window = await app.evaluate(({ BrowserWindow }) => {
      const [first, ...others] = BrowserWindow.getAllWindows()
      const contents = first?.webContents as unknown as {
        getURL(): string
        getLastWebPreferences(): LastWebPreferences | null
      }
      return { count: 1 + others.length, url: contents.getURL(), preferences: contents.getLastWebPreferences() }
    })
    expect(window.count).toBe(1)
    expect(window.url).toBe(`${APP_ORIGIN}/index.html`)
    expect(window.preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true
    })
    // And the page itself finds no way into Node or IPC.
    expect(
      await page.evaluate(() => ({
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        ipcRenderer: 'ipcRenderer' in window
      }))
    ).toEqual({ require: 'undefined', process: 'undefined', ipcRenderer: false })
  })

  it('exposes exactly the contract’s methods as window.kiosk', async () => {
    const exposed = await page.evaluate(() =>
      Object.entries((window as unknown as { kiosk: Record<string, unknown> }).kiosk).map(
        ([name, value]) => `${name}:${typeof value}`
      )
    )
    const contract = [...Object.keys(invokeContract), ...Object.keys(eventContract)].map((name) => `${name}:function`)
    expect(exposed.sort()).toEqual(contract.sort())
    // A call goes through the real preload, ipcRenderer and main's router.
    const status = await page.evaluate(() =>
      (window as unknown as { kiosk: { getStatus(): Promise<unknown> } }).kiosk.getStatus()
    )
    expect(status).toMatchObject({ ok: true, value: { mode: 'demo', kioskId: 'electron-smoke' } })
  })

  it('sends the CSP header with the page and with the SDK’s script, and the page runs under it', async () => {
    const headers = await page.evaluate(async (sdkScript) => {
      const csp = async (path: string) => {
        const response = await fetch(path)
        return { status: response.status, csp: response.headers.get('content-security-policy') }
      }
      return { page: await csp('/index.html'), sdk: await csp(sdkScript) }
    }, SDK_SCRIPT)
    expect(headers.page.status).toBe(200)
    expect(headers.page.csp).toMatch(/default-src 'none'/)
    expect(headers.page.csp).toMatch(/script-src 'self'/)
    // Demo mode runs the simulated SDK: no eval.
    expect(headers.page.csp).not.toContain("'unsafe-eval'")
    expect(headers.sdk).toEqual({ status: 200, csp: headers.page.csp })
    // Enforced, not only sent: eval is refused in the page.
    expect(
      await page.evaluate(() => {
        try {
          return String(eval('1 + 1'))
        } catch (error) {
          return (error as Error).name
        }
      })
    ).toBe('EvalError')
  })

  it('refuses a navigation away from the app and a new window, and logs both', async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.com/elsewhere'
    })
    await expect
      .poll(() => logRecords().some((record) => record.message === 'blocked a navigation'), { timeout: 15_000 })
      .toBe(true)
    expect(logRecords().find((record) => record.message === 'blocked a navigation')?.fields).toMatchObject({
      to: 'https://example.com'
    })
    expect(page.url()).toBe(`${APP_ORIGIN}/index.html`)

    const opened = await page.evaluate(() => window.open('https://example.com/popup') === null)
    expect(opened).toBe(true)
    await expect
      .poll(() => logRecords().some((record) => record.message === 'blocked a new window'), { timeout: 15_000 })
      .toBe(true)
    expect(app.windows()).toHaveLength(1)
    await onScreen('attract')
  })

  it('grants the camera and refuses the microphone', async () => {
    const answers = await page.evaluate(async () => {
      const ask = async (constraints: MediaStreamConstraints): Promise<string> => {
        try {
          const stream = await navigator.mediaDevices.getUserMedia(constraints)
          for (const track of stream.getTracks()) track.stop()
          return 'granted'
        } catch (error) {
          return (error as Error).name
        }
      }
      return { camera: await ask({ video: true }), microphone: await ask({ audio: true }) }
    })
    expect(answers).toEqual({ camera: 'granted', microphone: 'NotAllowedError' })
    await expect
      .poll(() =>
        logRecords().some(
          (record) =>
            record.message === 'denied a permission request' &&
            JSON.stringify(record.fields?.mediaTypes ?? []).includes('audio')
        )
      )
      .toBe(true)
  })

  it('walks attract, consent, camera check, liveness (simulated SDK) to an accepted result', async () => {
    await onScreen('attract')
    await page.getByTestId('start').click()
    await onScreen('consent')
    // The simulated SDK at a brisk pace; it still opens the (fake) camera and captures real frames.
    await page.waitForFunction(() => 'FaceTecSimulator' in window, undefined, { timeout: 30_000 })
    await page.evaluate(() =>
      (window as unknown as { FaceTecSimulator: { configure(script: unknown): void } }).FaceTecSimulator.configure({
        delays: { initMs: 50, readyMs: 150, captureMs: 700, resultMs: 150, retryMs: 150 }
      })
    )
    await expect
      .poll(() => page.getByTestId('preparation').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('ready')
    await page.getByTestId('accept').click()
    await onScreen('camera-check')
    await expect
      .poll(() => page.getByTestId('camera-state').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('live')
    await page.getByTestId('camera-continue').click()
    await onScreen('liveness')
    await onScreen('result')
    expect(await page.getByTestId('result').getAttribute('data-result')).toBe('accepted')
  })

  // Last: after the crash Playwright's page is gone for good, so the reloaded page is read through main.
  it('answers a renderer crash by reloading the kiosk page', async () => {
    const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()))
    const before = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]?.webContents
      const pid = contents?.getOSProcessId() ?? 0
      contents?.forcefullyCrashRenderer()
      return pid
    })
    await crashed
    const screenAfter = async () =>
      app.evaluate(async ({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0]?.webContents
        if (!contents || contents.isCrashed() || contents.isLoading()) return null
        const screen = (await contents.executeJavaScript(
          `document.querySelector('[data-screen]:not([data-screen="loading"])')?.getAttribute('data-screen') ?? null`
        )) as string | null
        return { screen, pid: contents.getOSProcessId(), url: contents.getURL() }
      })
    await expect.poll(screenAfter, { timeout: 30_000 }).toMatchObject({ screen: 'attract' })
    const after = await screenAfter()
    expect(after?.pid).not.toBe(before)
    expect(after?.url).toBe(`${APP_ORIGIN}/index.html`)
    expect(logRecords().some((record) => record.message === 'reloading the kiosk page')).toBe(true)
  })
})
