/**
 * One kiosk, end to end, without Electron: the BUILT renderer (out/renderer) in Debian's Chromium with
 * a fake webcam, `window.kiosk` from the real preload bridge code, and behind it main's real services
 * and IPC router running in this test process. Only the transport under `ipcRenderer.invoke` differs.
 */
import { existsSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'
import { composeMain, type MainServices } from '../../../main/compose'
import { createEventPublisher } from '../../../main/ipc/event-publisher'
import { appOriginOf } from '../../../main/ipc/sender-policy'
import { createAppRequestHandler } from '../../../main/app-origin/app-request-handler'
import { chooseSdkFolder, measureSdkFolder, NOTHING_MEASURED } from '../../../main/app-origin/sdk-folder'
import { parseConfig } from '../../../main/config/config'
import { kioskSetupFrom } from '../../../main/config/kiosk-setup'
import { sandboxConnection } from '../../../main/demo-backend'
import { systemClock } from '../../../main/lib/clock'
import { createLogger, type LogRecord, type LogSink } from '../../../main/log/logger'
import { memorySink } from '../../support/log'
import { startSandbox, type Sandbox } from '../../../main/sandbox/fault-control'
import { readOperatorSettings } from '../../../main/config/operator'
import { validateImage } from '../../../main/lib/images'
import { staticKeyProvider } from '../../../main/storage/crypto-box'
import type { SecretStore } from '../../../main/storage/secret-store'
import type { EngineOptions } from '../../../main/verification/engine'
import { hashPin } from '../../../main/staff/pin'
import { PROVISIONING_FILE, provisionAtStart, provisioningDir } from '../../../main/staff/provisioning'
import { memoryBacking } from '../../support/memory-backing'
import type { AppMode, JourneySettings } from '../../../preload/api'
import { watchJobs, type JobWatch } from '../../support/job-watch'
import type { KioskTelemetry } from '../../../main/telemetry/observers'
import { startAppServer } from './app-server'
import { bridgeScript } from './bridge-script'
import { ownBrowser, type BrowserSource, type Camera } from './chromium'

export const ROOT = join(import.meta.dirname, '..', '..', '..')
export const FIXTURES = join(ROOT, 'test', 'fixtures')
/** Screenshots of every screen the end-to-end tests visit; the README links here. */
export const SCREENSHOT_DIR = join(ROOT, 'docs', 'screenshots')

/** The staff PIN of every harness kiosk (hashed with cheap scrypt parameters: tests need speed, not cost). */
export const STAFF_PIN = '482916'
const STAFF_PIN_HASH = hashPin(STAFF_PIN, { N: 1024, r: 8, p: 1 })

export const PORTRAIT = { width: 1080, height: 1920 }
export const LANDSCAPE = { width: 1920, height: 1080 }

export interface KioskHarnessOptions {
  /** The fake webcam (or `system`, the machine's own); defaults to the still face fixture. */
  camera?: Camera
  /** The page's size; null: whatever the window is (a person's window, `npm run try`). */
  viewport?: { width: number; height: number } | null
  /** False shows the browser window (`npm run try`); the tests run headless. */
  headless?: boolean
  /** More Chromium switches (a window size, ...). */
  browserArgs?: readonly string[]
  /** False: the caller closes the kiosk on Ctrl+C itself (`npm run try`), rather than Playwright. */
  handleSignals?: boolean
  /** Also hands every record main logs here (`npm run try` prints warnings and errors). */
  onLog?: LogSink
  /** Where main's Assure traffic (and the connectivity probe) goes. Defaults to a fresh sandbox. */
  sandbox?: Sandbox
  /**
   * `live` serves live mode's CSP (as main/index.ts does) and treats the SDK folder as the operator's,
   * even when it holds the simulated SDK.
   */
  mode?: AppMode
  /** Live mode's FaceTec servers (`facetec.serverOrigins`); FaceTec's own by default. */
  faceTecServers?: string[]
  kioskId?: string
  /**
   * The kiosk runs on production's defaults: an empty config file, mapped as main/index.ts maps it
   * (main/config/kiosk-setup.ts). These change the engine's tunables and the journey's settings on top
   * of that, beyond what a config file may (idle times of a few seconds, a fast outbox).
   */
  verification?: Partial<Omit<EngineOptions, 'kioskId'>>
  journey?: Partial<JourneySettings>
  /** The config file's `operator` section (branding, privacy notice, next steps), read by main's own code. */
  operator?: unknown
  /** The config file's `staff` section (e.g. `chimeOnSentToStaff`), mapped by main's own code. */
  staff?: unknown
  /** Where staff mode stores the Assure client secret (live mode in the app); absent: none (demo mode's answer). */
  secrets?: SecretStore
  /**
   * The provisioning file IT put into `<userData>/provisioning/` before the kiosk started (README
   * "Secrets"); main takes it at start into `secrets`, as main/index.ts does.
   */
  provisioning?: string
  /** Screenshots and accessibility/layout checks in expectScreen (benchmarks turn them off). */
  inspect?: boolean
  /** Main's log records kept in `logs` (all, for the tests' log assertions; benchmarks keep warnings only). */
  logLevel?: 'debug' | 'warn'
  /**
   * The FaceTec SDK folder main is given: demo mode's simulated SDK (the built one by default), or in
   * live mode the operator's. Null: none there (demo: the simulated SDK was not built; live: no folder
   * is configured), so the SDK script answers 404.
   */
  sdkRoot?: string | null
  /** What main found wrong with the kiosk's set-up at start (e.g. no usable key store in live mode). */
  setupProblem?: string | null
  /** Scripts run in the page before the kiosk's own (a stand-in speech engine, say). */
  initScripts?: readonly string[]
  /**
   * Where the kiosk's Chromium comes from: by default one of its own, closed with it; the end-to-end
   * suite shares one per test file (test/e2e/harness/setup.ts), each kiosk in a fresh context.
   */
  browsers?: BrowserSource
  /**
   * How many preparations a minute main allows the page (a guard against a renderer in a loop); the
   * long-day benchmark runs journeys faster than any person could.
   */
  preparesPerMinute?: number
  /** Main's telemetry (main/telemetry); absent: off, as in the app without `telemetry.endpoint`. */
  telemetry?: KioskTelemetry
  /** Connectivity probing; the harness probes every 500 ms unless told otherwise. */
  connectivity?: Partial<{
    onlineIntervalMs: number
    recoveryIntervalMs: number
    failuresBeforeOffline: number
    failureMemoryMs: number
  }>
}

export interface KioskHarness {
  /** Files main's save dialog was answered with, in order. */
  savedFiles: string[]
  /** Main's data folder (the app's userData). */
  dataDir: string
  page: Page
  services: MainServices
  /** The engine's jobs, and when each has nothing more to do by itself. */
  jobs: JobWatch
  sandbox: Sandbox
  appUrl: string
  logs: LogRecord[]
  /** Uncaught errors and console errors in the page; a clean journey has none. */
  pageErrors: string[]
  /** Serious or critical axe-core findings on the screens checked so far, as "screen: rule (n)". */
  accessibility: string[]
  /** Kiosk layout rules broken on the screens checked so far (scrolling, small targets, selectable text). */
  layout: string[]
  /**
   * Waits until the renderer shows `screen`, then checks it and saves a screenshot of it, named
   * `<screen>-<language>-<orientation>` unless `shot` names it or is `false` (for a screen whose look
   * at that moment is still changing, which would overwrite a good screenshot with a racy one).
   */
  expectScreen(screen: string, shot?: string | false): Promise<void>
  screenshot(name: string): Promise<string>
  /**
   * Screenshots of the current screen in both orientations and in all five languages (their words differ
   * in length, and so does the layout), named `<name>-<language>-<orientation>`, each one checked.
   */
  tour(screen: string, name?: string): Promise<void>
  /** Scripts the simulated FaceTec SDK (once the journey has loaded it). */
  scriptFaceTec(script: Record<string, unknown>, sessions?: Array<Record<string, unknown>>): Promise<void>
  close(): Promise<void>
}

let defaultBrowsers: BrowserSource = ownBrowser
/** Where kiosks get their browser unless told (`browsers`); the end-to-end suite's setup shares them. */
export function useBrowsersByDefault(source: BrowserSource): void {
  defaultBrowsers = source
}

export async function startKioskHarness(options: KioskHarnessOptions = {}): Promise<KioskHarness> {
  const rendererRoot = join(ROOT, 'out', 'renderer')
  if (!existsSync(join(rendererRoot, 'index.html')))
    throw new Error('out/renderer is missing: run `npm run build` first')
  const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }

  const sink = memorySink()
  const { onLog } = options
  const log = createLogger({
    sink: onLog
      ? (record) => {
          sink(record)
          onLog(record)
        }
      : sink,
    level: options.logLevel ?? 'debug'
  })
  const sdkRoot = options.sdkRoot === undefined ? join(ROOT, 'out', 'facetec-simulated') : options.sdkRoot
  const mode = options.mode ?? 'demo'
  const dataDir = await mkdtemp(join(tmpdir(), 'kiosk-e2e-'))
  // The config file of a kiosk that sets only what the harness was told; everything else is the default.
  const config = parseConfig({
    mode,
    kioskId: options.kioskId ?? 'e2e-kiosk',
    ...(options.operator === undefined ? {} : { operator: options.operator }),
    ...(options.staff === undefined ? {} : { staff: options.staff }),
    facetec: {
      ...(mode === 'live' && sdkRoot ? { sdkFolder: sdkRoot } : {}),
      ...(options.faceTecServers ? { serverOrigins: options.faceTecServers } : {})
    }
  })
  // Main's own choice of SDK folder and its CSP, as main/index.ts makes them.
  const sdk = chooseSdkFolder({
    mode,
    simulatedRoot: sdkRoot ?? join(dataDir, 'facetec-simulated-not-built'),
    operatorFolder: config.facetec.sdkFolder,
    allowUnsafeEval: config.facetec.allowUnsafeEval
  })
  const operator = await readOperatorSettings(config)
  const { csp, ...setup } = kioskSetupFrom(config, { mode, sdk, operator: operator.settings })
  // As main/index.ts: a folder that cannot be measured serves nothing (fails closed).
  const sdkManifest = sdk.root ? await measureSdkFolder(sdk.root).catch(() => NOTHING_MEASURED) : null
  const appServer = await startAppServer((origin) =>
    createAppRequestHandler({ origin, rendererRoot, sdkRoot: sdk.root, sdkManifest, csp })
  )
  const ownSandbox = options.sandbox ? null : await startSandbox({ behaviour: { processingDelayMs: 300 } })
  const sandbox = options.sandbox ?? (ownSandbox as Sandbox)
  const events = createEventPublisher(log)
  const savedFiles: string[] = []
  const jobs = watchJobs()
  const overrides = memoryBacking()
  if (options.provisioning !== undefined) {
    await mkdir(provisioningDir(dataDir), { recursive: true })
    await writeFile(join(provisioningDir(dataDir), PROVISIONING_FILE), options.provisioning)
  }
  // As main/index.ts: credentials provisioned as a file are taken before anything else starts.
  if (options.secrets) await provisionAtStart({ dataDir, secrets: options.secrets, overrides, log })
  const services = composeMain({
    ...setup,
    version,
    // Demo mode's connection to its sandbox (main/demo-backend.ts), in live mode too: the sandbox is
    // the only Assure here.
    assure: sandboxConnection(sandbox),
    appOrigin: appOriginOf(appServer.url),
    events,
    clock: systemClock,
    log,
    dataDir,
    keys: staticKeyProvider(randomBytes(32)),
    verification: { ...setup.verification, ...options.verification },
    jobObserver: jobs.observer,
    journeySettings: { ...setup.journeySettings, ...options.journey },
    setupProblem: options.setupProblem ?? null,
    staff: {
      ...setup.staff,
      pinHash: await STAFF_PIN_HASH,
      // Main's file dialogs, answered the way a member of staff would: save next to the test's data.
      dialogs: {
        saveFile: async ({ defaultName }) => {
          const path = join(dataDir, 'exports', defaultName)
          await mkdir(join(dataDir, 'exports'), { recursive: true })
          savedFiles.push(path)
          return path
        },
        openImage: async () => join(FIXTURES, 'reference-photo.jpg')
      },
      secrets: options.secrets ?? null,
      overrides,
      sdk
    },
    connectivity: { onlineIntervalMs: 1_000, recoveryIntervalMs: 500, failureMemoryMs: 2_000, ...options.connectivity },
    telemetry: options.telemetry,
    preparesPerMinute: options.preparesPerMinute,
    demoReference: async () => validateImage(new Uint8Array(await readFile(join(FIXTURES, 'reference-photo.jpg'))))
  })

  let browser: { browser: Browser; release(): Promise<void> } | null = null
  let context: BrowserContext | null = null
  try {
    browser = await (options.browsers ?? defaultBrowsers).acquire(
      options.camera ?? { file: join(FIXTURES, 'webcam-face-still.mjpeg') },
      { headless: options.headless, args: options.browserArgs, handleSignals: options.handleSignals }
    )
    // Half the device pixels: the layout is computed at full kiosk size, the screenshots stay small.
    context = await browser.browser.newContext(
      options.viewport === null
        ? { viewport: null }
        : { viewport: options.viewport ?? PORTRAIT, deviceScaleFactor: 0.5 }
    )
    const page = await context.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text())
    })

    await page.exposeBinding('__kioskInvoke', (source, channel: unknown, input: unknown) =>
      services.router.dispatch(
        String(channel),
        { senderFrame: { url: source.frame.url(), parent: source.frame.parentFrame() } },
        [input]
      )
    )
    await page.addInitScript({ content: await bridgeScript() })
    for (const content of options.initScripts ?? []) await page.addInitScript({ content })
    // axe-core for the accessibility checks; init scripts are not subject to the page's CSP, which stays strict.
    await page.addInitScript({ content: await readFile(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8') })
    const detach = events.attach({
      send(channel, payload) {
        page
          .evaluate(
            ([c, p]) => (window as unknown as { __kioskDeliver(c: unknown, p: unknown): void }).__kioskDeliver(c, p),
            [channel, payload]
          )
          .catch(() => {
            // The page may be closing; an undelivered event is harmless then.
          })
      }
    })

    await services.start()
    await page.goto(`${appServer.url}/`)

    const accessibility: string[] = []
    const layout: string[] = []
    /** axe-core (serious and critical findings) and the kiosk's own layout rules, on the current screen. */
    const inspect = async (label: string, options: { axe?: boolean } = {}): Promise<void> => {
      const findings = await page.evaluate(async (axeToo) => {
        if (!axeToo) return []
        const axe = (
          window as unknown as {
            axe: {
              run(
                context: Document,
                options: object
              ): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: unknown[] }> }>
            }
          }
        ).axe
        const { violations } = await axe.run(document, { resultTypes: ['violations'] })
        return violations
          .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
          .map((violation) => `${violation.id} (${violation.nodes.length})`)
      }, options.axe ?? true)
      for (const finding of findings) accessibility.push(`${label}: ${finding}`)
      const problems = await page.evaluate(() => {
        const found: string[] = []
        const root = document.documentElement
        if (root.scrollHeight > window.innerHeight + 1 || root.scrollWidth > window.innerWidth + 1)
          found.push('the page scrolls')
        const main = document.querySelector('.app__main')
        if (main && main.scrollHeight > main.clientHeight + 1) found.push('the screen does not fit')
        for (const target of document.querySelectorAll<HTMLElement>('button, input, [role="button"], a[href]')) {
          const box = target.getBoundingClientRect()
          if (box.width === 0 && box.height === 0) continue
          if (box.width < 48 || box.height < 48)
            found.push(
              `touch target ${target.dataset.testid ?? target.textContent?.trim() ?? target.tagName} is ${Math.round(box.width)}x${Math.round(box.height)}`
            )
        }
        if (getComputedStyle(document.body).userSelect !== 'none') found.push('text can be selected')
        return found
      })
      for (const problem of problems) layout.push(`${label}: ${problem}`)
    }

    const screenshot = async (name: string): Promise<string> => {
      await mkdir(SCREENSHOT_DIR, { recursive: true })
      const path = join(SCREENSHOT_DIR, `${name}.png`)
      await page.screenshot({ path, animations: 'disabled', caret: 'hide' })
      return path
    }

    const ownedBrowser = browser
    const ownContext = context
    return {
      savedFiles,
      dataDir,
      page,
      services,
      jobs,
      sandbox,
      appUrl: appServer.url,
      logs: sink.records,
      pageErrors,
      accessibility,
      layout,
      async expectScreen(screen, shot) {
        await page.locator(`[data-screen="${screen}"]`).waitFor({ state: 'visible', timeout: 20_000 })
        if (options.inspect === false) return
        const language = await page.evaluate(() => document.documentElement.lang)
        const viewport = page.viewportSize()
        const orientation = viewport && viewport.width > viewport.height ? 'landscape' : 'portrait'
        if (shot !== false) await screenshot(shot ?? `${screen}-${language}-${orientation}`)
        await inspect(screen)
      },
      screenshot,
      async tour(screen, name = screen) {
        const original = page.viewportSize() ?? PORTRAIT
        const language = await page.evaluate(() => document.documentElement.lang)
        for (const code of ['en', 'nb', 'sv', 'da', 'fi']) {
          await page.getByTestId(`language-${code}`).click()
          for (const [orientation, size] of [
            ['portrait', PORTRAIT],
            ['landscape', LANDSCAPE]
          ] as const) {
            await page.setViewportSize(size)
            await page.locator(`[data-screen="${screen}"]`).waitFor({ state: 'visible' })
            await screenshot(`${name}-${code}-${orientation}`)
            // The layout rules in every language (the words' length is what differs); axe-core, the slow
            // part, in two: what it checks (roles, names, contrast) does not change with the language.
            await inspect(`${screen} (${code}, ${orientation})`, { axe: code === 'en' || code === 'nb' })
          }
        }
        await page.setViewportSize(original)
        await page.getByTestId(`language-${language}`).click()
      },
      async scriptFaceTec(script, sessions = []) {
        await page.waitForFunction(() => 'FaceTecSimulator' in window, undefined, { timeout: 20_000 })
        await page.evaluate(
          ([configured, queued]) => {
            const simulator = (
              window as unknown as { FaceTecSimulator: { configure(s: unknown): void; queueSession(s: unknown): void } }
            ).FaceTecSimulator
            simulator.configure(configured)
            for (const session of queued) simulator.queueSession(session)
          },
          [script, sessions] as const
        )
      },
      async close() {
        detach()
        await ownContext.close()
        await ownedBrowser.release()
        await services.stop()
        await appServer.close()
        await ownSandbox?.close()
        await rm(dataDir, { recursive: true, force: true })
      }
    }
  } catch (error) {
    await context?.close().catch(() => {})
    await browser?.release().catch(() => {})
    await services.stop()
    await appServer.close()
    await ownSandbox?.close()
    await rm(dataDir, { recursive: true, force: true })
    throw error
  }
}

/**
 * Closes the kiosk and asserts what every end-to-end test promises: every screen it visited passed
 * axe-core and the kiosk's layout rules, and the page logged no error.
 */
export async function closeChecked(kiosk: KioskHarness): Promise<void> {
  const { accessibility, layout, pageErrors } = kiosk
  await kiosk.close()
  expect(accessibility).toEqual([])
  expect(layout).toEqual([])
  expect(pageErrors).toEqual([])
}
