/**
 * The composition root inside Electron: takes the single-instance lock, opens the log, registers the
 * app scheme, loads the configuration, locks down sessions and webContents, builds the services
 * (main/compose.ts), wires them to ipcMain and the window, and opens the kiosk window.
 * Everything Electron-specific lives here and in main/shell/; the rest of main is plain Node.
 */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { readFile } from 'node:fs/promises'
import { app, BrowserWindow, dialog, ipcMain, Menu, powerSaveBlocker, protocol, safeStorage, session } from 'electron'
import { composeMain } from './compose'
import { ConfigError, describeConfigSource, loadKioskConfig, resolveMode } from './config/config'
import { kioskSetupFrom, liveConnection } from './config/kiosk-setup'
import { readOperatorSettings } from './config/operator'
import { startDemoBackend } from './demo-backend'
import { createEventPublisher } from './ipc/event-publisher'
import { registerIpcRouter } from './ipc/router'
import { appOriginOf } from './ipc/sender-policy'
import { createAppRequestHandler } from './app-origin/app-request-handler'
import { electronDialogs } from './shell/dialogs'
import { electronStoreBacking } from './shell/electron-store-backing'
import { chooseSdkFolder, measureSdkFolder, NOTHING_MEASURED } from './app-origin/sdk-folder'
import { APP_ENTRY_URL, APP_ORIGIN_URL, APP_SCHEME, registerAppScheme } from './shell/app-scheme'
import { installCloseGuard, type CloseGuard } from './shell/close-guard'
import { createCrashBudget, installCrashRecovery } from './shell/crash-recovery'
import { applyDevelopmentOptions, developmentOptions, fakeMediaSwitchesIn, StartRefused } from './shell/development'
import { refuseDownloads } from './shell/downloads'
import { lockNavigation } from './shell/navigation'
import { installPermissionPolicy } from './shell/permissions'
import { keepDisplayAwake } from './shell/power'
import { holdSingleInstance } from './shell/single-instance'
import { ignoreResourceHints, limitWebRtc, rendererProxyConfig, startBlackHole } from './shell/webrtc'
import { kioskWindowOptions } from './shell/window'
import { systemClock } from './lib/clock'
import { createFileSink } from './log/file-sink'
import { createLogger, stderrSink, type Logger } from './log/logger'
import { validateImage } from './lib/images'
import { staticKeyProvider } from './storage/crypto-box'
import { createProtectedKeyProvider } from './storage/protected-key'
import { adoptEnvironmentSecret, clientSecretSource, createSecretStore } from './storage/secret-store'
import { provisionAtStart } from './staff/provisioning'
import { lateSink, teeSinks } from './telemetry/log-sinks'

const here = import.meta.dirname

/** Renderer crashes and hangs answered by reloading, per window of time, before the app relaunches. */
const CRASH_BUDGET = { max: 3, windowMs: 10 * 60_000 }

let kioskWindow: BrowserWindow | null = null
let closeGuard: CloseGuard | null = null

/** Main's log records also go to the operator's collector once the config says there is one. */
const collectorLog = lateSink()

// Run from source only (a developer, the real-Electron smoke suite): a userData folder of its own and a
// fake camera. Before the single-instance lock, which lives in userData; an installed kiosk ignores both.
const development = developmentOptions(process.env, app.isPackaged)
applyDevelopmentOptions(app, development)

// One kiosk per machine, decided before anything else: a second start touches nothing (not even the
// log files) and only brings the running kiosk's window to the front.
if (holdSingleInstance(app, () => kioskWindow)) {
  const log = openLog()
  // Must happen before `ready`: privileges cannot be granted to a scheme afterwards.
  registerAppScheme(protocol)

  app
    .whenReady()
    .then(() => startKiosk(log))
    .catch((error: unknown) => {
      log.error('the kiosk could not start', { error })
      // Whoever stands at the kiosk sees why (a bad config field by name) rather than nothing at all.
      dialog.showErrorBox(
        'Assure Kiosk cannot start',
        error instanceof ConfigError || error instanceof StartRefused
          ? error.message
          : `The reason is in the log: ${join(app.getPath('userData'), 'logs')}`
      )
      app.exit(1)
    })
}

/**
 * Rotating files in `<userData>/logs` (kiosk.log, kiosk.1.log, ...), through the redacting logger.
 * Run from source, records are also echoed to stderr.
 */
function openLog(): Logger {
  try {
    const files = createFileSink({ dir: join(app.getPath('userData'), 'logs'), echo: !app.isPackaged })
    return createLogger({ sink: teeSinks(files, collectorLog) })
  } catch (error) {
    const fallback = createLogger({ sink: stderrSink })
    fallback.error('the log folder cannot be written; logging to stderr only', { error })
    return fallback
  }
}

async function startKiosk(log: Logger): Promise<void> {
  // Chromium's fake-camera switches on an installed kiosk would let a file pass the liveness check.
  const fakeMedia = app.isPackaged ? fakeMediaSwitchesIn(app.commandLine) : []
  if (fakeMedia.length > 0)
    throw new StartRefused(`Started with switches that replace the camera (${fakeMedia.join(', ')}); refused.`)
  if (development.ignored.length > 0) log.warn('development settings ignored', { ignored: development.ignored })
  if (development.fakeCamera) log.warn('development: a fake camera is in use', { camera: development.fakeCamera })

  const { config, file: configFile } = await loadKioskConfig({
    configured: process.env.ASSURE_KIOSK_CONFIG,
    defaultPath: join(app.getPath('userData'), 'config.json')
  })
  log.info('configuration', { source: describeConfigSource(configFile) })
  // Read now, so a bad logo file stops the start with its reason like any other config error.
  const operator = await readOperatorSettings(config)
  for (const warning of operator.warnings) log.warn('operator branding adjusted', { reason: warning })
  const dataDir = app.getPath('userData')
  const keyStore = {
    safeStorage,
    allowPlaintextBackend: config.security.allowPlaintextKeyStore,
    platform: process.platform,
    log
  }
  const secrets = createSecretStore({ file: join(dataDir, 'keys', 'assure-client-secret.bin'), ...keyStore })
  // Credentials IT provisioned as a file (README: Secrets), taken before the mode is chosen.
  const staffOverrides = electronStoreBacking({ dir: dataDir, log })
  await provisionAtStart({ dataDir, secrets, overrides: staffOverrides, log })
  const mode = resolveMode(config, process.env, { storedSecret: secrets.has() })

  // Whether the OS key store can protect anything, asked once: it decides both modes' set-up below.
  const keyStoreProblem = await secrets.problem()

  // Live mode with nothing to protect secrets with does not serve anyone: the kiosk shows "out of
  // service" with the reason for staff (and logs it) until IT sets up a key store or the operator opts in.
  const setupProblem = mode === 'live' ? keyStoreProblem : null
  if (mode === 'live') {
    if (setupProblem) log.error('live mode refuses to serve', { reason: setupProblem })
    else {
      await adoptEnvironmentSecret(secrets, process.env, log)
      if (!process.env.ASSURE_CLIENT_SECRET && !secrets.has())
        log.warn('no Assure client secret: set ASSURE_CLIENT_SECRET or store one in staff mode')
    }
  }

  // `electron-vite dev` serves the renderer with hot reload; only unpackaged builds may use it.
  const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
  const entryUrl = devServerUrl ?? APP_ENTRY_URL

  // Demo mode: the embedded sandbox stands in for Assure. Live: the configured Assure API.
  const demo = mode === 'demo' ? await startDemoBackend() : null
  if (demo) log.info('demo mode: the embedded Assure sandbox is listening', { url: demo.sandbox.url })
  const assure = demo?.connection ?? liveConnection(config, process.env, clientSecretSource(secrets, process.env))

  // Packaged: electron-builder copies resources/ next to app.asar; unpackaged: the project's folder.
  const resourcesDir =
    app.isPackaged && process.resourcesPath ? join(process.resourcesPath, 'resources') : join(here, '../../resources')
  // Demo mode runs on any developer machine, keyring or not: without a usable key store its demo
  // captures are sealed with a key that lives only as long as the process (lost at restart, by design).
  const demoKeyProblem = mode === 'demo' ? keyStoreProblem : null
  if (demoKeyProblem)
    log.warn('demo mode: no usable key store, so captures are sealed with a key held in memory only', {
      reason: demoKeyProblem
    })
  const keys = demoKeyProblem
    ? staticKeyProvider(randomBytes(32))
    : createProtectedKeyProvider({ file: join(dataDir, 'keys', 'data-key.bin'), ...keyStore })
  const sdk = chooseSdkFolder({
    mode,
    simulatedRoot: join(here, '../facetec-simulated'),
    operatorFolder: config.facetec.sdkFolder,
    allowUnsafeEval: config.facetec.allowUnsafeEval
  })
  if (sdk.problem) log.error('the FaceTec SDK cannot be served', { problem: sdk.problem })
  const { csp, ...setup } = kioskSetupFrom(config, { mode, sdk, operator: operator.settings })
  // What the SDK folder holds now is all it may serve until the next start (fails closed).
  const sdkManifest = sdk.root
    ? await measureSdkFolder(sdk.root).catch((error: unknown) => {
        log.error('the FaceTec SDK folder could not be measured; nothing in it is served', { error })
        return NOTHING_MEASURED
      })
    : null
  if (sdkManifest?.files)
    log.info('FaceTec SDK folder measured', { files: sdkManifest.files, script: sdkManifest.scriptIntegrity })

  const appOrigin = appOriginOf(entryUrl)
  // Before any window exists, so the locks cover every webContents and every permission request.
  Menu.setApplicationMenu(null)
  app.on('web-contents-created', (_event, contents) => {
    lockNavigation(contents, appOrigin, log)
    limitWebRtc(contents)
  })
  installPermissionPolicy(session.defaultSession, appOrigin, log)
  refuseDownloads(session.defaultSession, log)
  ignoreResourceHints(session.defaultSession, log)
  // The page reaches FaceTec's servers (live mode) and nothing else: the rest goes into a black hole.
  // Not under `electron-vite dev`, whose hot reload talks to its loopback server over several schemes.
  const blackHole = await startBlackHole()
  if (devServerUrl) log.warn('development: the page’s network is not confined (dev server)')
  else
    await session.defaultSession.setProxy(
      rendererProxyConfig(blackHole.port, mode === 'live' ? config.facetec.serverOrigins : [])
    )
  // GPU and utility processes: Chromium restarts them itself; the log says it happened.
  app.on('child-process-gone', (_event, details) =>
    log.warn('a child process is gone', { type: details.type, reason: details.reason, exitCode: details.exitCode })
  )

  // Off unless telemetry.endpoint is set. Header credentials are kept like the Assure secret (live mode).
  // Loaded only when configured: a kiosk without a collector carries none of OpenTelemetry's code.
  const telemetry = !config.telemetry.endpoint
    ? null
    : await (
        await import('./telemetry/from-config')
      ).telemetryFromConfig({
        config,
        mode,
        version: app.getVersion(),
        env: process.env,
        storeFor:
          mode === 'live' && !keyStoreProblem
            ? (header) =>
                createSecretStore({
                  file: join(dataDir, 'keys', `telemetry-header-${header.toLowerCase()}.bin`),
                  ...keyStore,
                  label: `the telemetry header ${header}`
                })
            : null,
        clock: systemClock,
        log
      })
  collectorLog.attach(telemetry?.logSink ?? null)

  const events = createEventPublisher(log)
  const services = composeMain({
    ...setup,
    version: app.getVersion(),
    assure,
    appOrigin,
    events,
    clock: systemClock,
    log,
    dataDir,
    keys,
    keysAreEphemeral: demoKeyProblem !== null,
    setupProblem,
    demoReference:
      mode === 'demo'
        ? async () => validateImage(new Uint8Array(await readFile(join(resourcesDir, 'demo-reference.jpg'))))
        : undefined,
    staff: {
      ...setup.staff,
      dialogs: electronDialogs(dialog, () => kioskWindow),
      secrets: mode === 'live' ? secrets : null,
      overrides: staffOverrides,
      sdk,
      configFile,
      quit: () => closeGuard?.quitByStaff()
    },
    telemetry: telemetry ?? undefined
  })

  protocol.handle(
    APP_SCHEME,
    createAppRequestHandler({
      origin: APP_ORIGIN_URL,
      rendererRoot: join(here, '../renderer'),
      sdkRoot: sdk.root,
      sdkManifest,
      csp
    })
  )
  registerIpcRouter(ipcMain, services.router)

  // Electronegativity cannot follow the options into kioskWindowOptions (main/shell/window.ts), which
  // sets contextIsolation, sandbox and no Node; test/main/index.test.ts asserts them on this window.
  // New windows (middle-click included) are denied by the navigation lock.
  const windowOptions = kioskWindowOptions({
    preloadPath: join(here, '../preload/index.cjs'),
    kiosk: config.window.kiosk ?? app.isPackaged,
    devTools: !app.isPackaged,
    width: config.window.width,
    height: config.window.height
  })
  const window = new BrowserWindow(windowOptions) // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK -- options from kioskWindowOptions, see above
  kioskWindow = window
  // In kiosk mode only staff (or the OS) may close it; a page that closes it gets the app relaunched.
  closeGuard = installCloseGuard({ app, window, kiosk: windowOptions.kiosk === true, log })
  const letDisplaySleep = keepDisplayAwake(powerSaveBlocker)
  window.once('closed', () => {
    letDisplaySleep()
    kioskWindow = null
  })
  installCrashRecovery(window.webContents, {
    budget: createCrashBudget({ ...CRASH_BUDGET, clock: systemClock }),
    clock: systemClock,
    log,
    actions: {
      reload: () => {
        if (window.isDestroyed()) return
        window
          .loadURL(entryUrl)
          .catch((error: unknown) => log.error('the kiosk page could not be loaded again', { error }))
      },
      relaunch: () => {
        app.relaunch()
        app.exit(0)
      }
    }
  })
  events.attach({
    send(channel, payload) {
      if (!window.isDestroyed()) window.webContents.send(channel, payload)
    }
  })
  window.once('ready-to-show', () => window.show())
  app.once('before-quit', () => {
    void stopKiosk()
  })
  /** Each part stops on its own, so one that fails neither keeps the others running nor goes unheard. */
  async function stopKiosk(): Promise<void> {
    const results = await Promise.allSettled([
      blackHole.close(),
      // Telemetry's last export is best effort: quitting never waits on a collector beyond a moment.
      services.stop().finally(() => telemetry?.shutdown()),
      demo?.close()
    ])
    for (const result of results)
      if (result.status === 'rejected') log.warn('a part of the kiosk did not stop cleanly', { error: result.reason })
    log.info('kiosk stopped')
  }

  await services.start()
  await window.loadURL(entryUrl)
  log.info('kiosk started', { mode, kioskId: config.kioskId })
}
