/**
 * The composition root inside Electron: registers the app scheme, loads the configuration, builds the
 * services (main/compose.ts), wires them to ipcMain and the window, and opens the kiosk window.
 * Everything Electron-specific lives here and in main/kiosk/; the rest of main is plain Node.
 */
import { join } from 'node:path'
import { readFile } from 'node:fs/promises'
import { app, BrowserWindow, ipcMain, protocol, safeStorage } from 'electron'
import { composeMain } from './compose'
import { loadConfigFile, resolveMode, tokenUrlOf } from './config/config'
import type { AssureConnection } from './assure/client'
import { startDemoBackend } from './demo-backend'
import { createEventPublisher } from './ipc/event-publisher'
import { registerIpcRouter } from './ipc/router'
import { appOriginOf } from './ipc/sender-policy'
import { createAppRequestHandler, SDK_MOUNT } from './kiosk/app-request-handler'
import { chooseSdkFolder } from './kiosk/sdk-folder'
import { APP_ENTRY_URL, APP_SCHEME, registerAppScheme } from './kiosk/app-scheme'
import { kioskWindowOptions } from './kiosk/window'
import { systemClock } from './lib/clock'
import { createLogger, stderrSink } from './log/logger'
import { validateImage } from './lib/images'
import { createProtectedKeyProvider } from './storage/protected-key'

const here = import.meta.dirname
const log = createLogger({ sink: stderrSink })

// Must happen before `ready`: privileges cannot be granted to a scheme afterwards.
registerAppScheme(protocol)

async function startKiosk(): Promise<void> {
  const configPath = process.env.ASSURE_KIOSK_CONFIG ?? join(app.getPath('userData'), 'config.json')
  const config = await loadConfigFile(configPath)
  const mode = resolveMode(config, process.env)

  // `electron-vite dev` serves the renderer with hot reload; only unpackaged builds may use it.
  const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
  const entryUrl = devServerUrl ?? APP_ENTRY_URL

  // Demo mode: the embedded sandbox stands in for Assure. Live: the configured Assure API.
  const demo = mode === 'demo' ? await startDemoBackend() : null
  const assure: AssureConnection = demo?.connection ?? {
    baseUrl: config.assure.baseUrl,
    tokenUrl: tokenUrlOf(config.assure),
    scope: config.assure.scope,
    clientId: config.assure.clientId ?? process.env.ASSURE_CLIENT_ID ?? '',
    clientSecret: async () => process.env.ASSURE_CLIENT_SECRET ?? '',
    paths: config.assure.paths,
    timeouts: config.assure.timeouts
  }

  const dataDir = app.getPath('userData')
  // Packaged: electron-builder copies resources/ next to app.asar; unpackaged: the project's folder.
  const resourcesDir = app.isPackaged && process.resourcesPath ? join(process.resourcesPath, 'resources') : join(here, '../../resources')
  const keys = createProtectedKeyProvider({
    file: join(dataDir, 'keys', 'data-key.bin'),
    safeStorage,
    allowPlaintextBackend: config.security.allowPlaintextKeyStore,
    platform: process.platform,
    log
  })
  const { verification, journey } = config
  const sdk = chooseSdkFolder({
    mode,
    simulatedRoot: join(here, '../facetec-simulated'),
    operatorFolder: config.facetec.sdkFolder,
    allowUnsafeEval: config.facetec.allowUnsafeEval
  })
  if (sdk.problem) log.error('the FaceTec SDK cannot be served', { problem: sdk.problem })

  const events = createEventPublisher(log)
  const services = composeMain({
    mode,
    version: app.getVersion(),
    kioskId: config.kioskId,
    assure,
    appOrigin: appOriginOf(entryUrl),
    events,
    clock: systemClock,
    log,
    dataDir,
    archiveDir: verification.archiveFolder,
    keys,
    verification: {
      archiveOn: verification.archiveOn,
      deleteDossierWhenDone: verification.deleteDossierWhenDone,
      retentionMs: verification.retentionDays * 24 * 3600_000,
      preparedTtlMs: verification.preparedTtlMinutes * 60_000,
      pollDeadlineMs: verification.resultDeadlineMinutes * 60_000
    },
    kioskSettings: {
      languages: journey.languages,
      defaultLanguage: journey.defaultLanguage,
      idleTimeoutSeconds: journey.idleTimeoutSeconds,
      idleCountdownSeconds: journey.idleCountdownSeconds,
      maxLivenessAttempts: journey.maxLivenessAttempts,
      referenceSource: journey.referenceSource,
      resultSeconds: journey.resultSeconds,
      sdk: { baseUrl: SDK_MOUNT, simulated: sdk.simulated }
    },
    defaultReference:
      mode === 'demo' ? async () => ({ image: validateImage(new Uint8Array(await readFile(join(resourcesDir, 'demo-reference.jpg')))), source: 'demo' }) : undefined
  })

  protocol.handle(APP_SCHEME, createAppRequestHandler({ rendererRoot: join(here, '../renderer'), sdkRoot: sdk.root, csp: { allowEval: sdk.allowEval } }))
  registerIpcRouter(ipcMain, services.router)

  const window = new BrowserWindow(
    kioskWindowOptions({
      preloadPath: join(here, '../preload/index.cjs'),
      kiosk: app.isPackaged,
      devTools: !app.isPackaged
    })
  )
  events.attach({
    send(channel, payload) {
      if (!window.isDestroyed()) window.webContents.send(channel, payload)
    }
  })
  window.once('ready-to-show', () => window.show())
  app.once('before-quit', () => {
    void services.stop()
    void demo?.close()
  })

  await services.start()
  await window.loadURL(entryUrl)
  log.info('kiosk started', { mode, kioskId: config.kioskId })
}

app.on('window-all-closed', () => app.quit())

app
  .whenReady()
  .then(startKiosk)
  .catch((error: unknown) => {
    log.error('the kiosk could not start', { error })
    app.exit(1)
  })
