/**
 * Builds the kiosk's main-side services from plain dependencies. No Electron here: main/index.ts calls
 * this inside the Electron shell, and the end-to-end harness calls it in the test process, so both run
 * the same services behind the same IPC router.
 */
import type { Dispatcher } from 'undici'
import type { AppMode, KioskSettings } from '../preload/api'
import { createAssureClient, type AssureClient, type AssureConnection } from './assure/client'
import { createAssureDispatcher, DEFAULT_TIMEOUTS } from './assure/transport'
import { createHttpProbe } from './connectivity/http-probe'
import { createConnectivityMonitor, type ConnectivityMonitor, type ConnectivityOptions } from './connectivity/monitor'
import type { EventPublisher } from './ipc/event-publisher'
import { createIpcRouter, type IpcHandlers, type IpcRouter } from './ipc/router'
import type { AppOrigin } from './ipc/sender-policy'
import type { Clock } from './lib/clock'
import type { Logger } from './log/logger'
import { createStatusService, type StatusService } from './status/status-service'
import { join } from 'node:path'
import type { ImageBytes } from './lib/images'
import { createBlobStore } from './storage/blob-store'
import type { KeyProvider } from './storage/crypto-box'
import { createVerificationEngine, DEFAULT_ENGINE_SETTINGS, type EngineSettings, type VerificationEngine } from './verification/engine'
import { verificationHandlers } from './verification/handlers'
import { createJobJournal } from './verification/journal'

export interface MainDependencies {
  mode: AppMode
  version: string
  kioskId: string
  /** The Assure API the kiosk talks to (the embedded sandbox in demo mode). */
  assure: AssureConnection
  /** The origin whose top-level frame may call the bridge. */
  appOrigin: AppOrigin
  events: EventPublisher
  clock: Clock
  log: Logger
  /** Probe periods and thresholds (tests shorten them). */
  connectivity?: Partial<Omit<ConnectivityOptions, 'probe' | 'clock' | 'log'>>
  /** HTTP connection pool for everything main sends to Assure; created here when absent. */
  dispatcher?: Dispatcher
  /** The app's data folder: the job journal, encrypted captures, and (unless configured) the archive. */
  dataDir: string
  archiveDir?: string
  /** Protects captures and archived results at rest (safeStorage in Electron). */
  keys: KeyProvider
  verification?: Partial<Omit<EngineSettings, 'kioskId'>>
  /** The journey's settings, as the renderer sees them. */
  kioskSettings: KioskSettings
  /** The reference photo when the renderer names none (demo photo; staff's file). */
  defaultReference?: () => Promise<{ image: ImageBytes; source: 'staff-file' | 'demo' } | null>
}

export interface MainServices {
  router: IpcRouter
  assure: AssureClient
  engine: VerificationEngine
  status: StatusService
  connectivity: ConnectivityMonitor
  start(): Promise<void>
  stop(): Promise<void>
}

export function composeMain(deps: MainDependencies): MainServices {
  const { clock, log, events } = deps
  const ownsDispatcher = !deps.dispatcher
  const dispatcher = deps.dispatcher ?? createAssureDispatcher({ ...DEFAULT_TIMEOUTS, ...deps.assure.timeouts })

  const connectivity = createConnectivityMonitor({
    ...deps.connectivity,
    probe: createHttpProbe({ url: deps.assure.baseUrl, dispatcher, clock }),
    clock,
    log
  })
  const assure = createAssureClient({
    ...deps.assure,
    dispatcher,
    clock,
    log,
    // Real calls are the best connectivity signal there is.
    observer: {
      onNetworkFailure: () => connectivity.reportFailure('network'),
      onServerFailure: () => connectivity.reportFailure('server'),
      onResponse: () => connectivity.reportSuccess()
    }
  })
  const status = createStatusService({ mode: deps.mode, version: deps.version, kioskId: deps.kioskId, connectivity })

  const engine = createVerificationEngine({
    client: assure,
    journal: createJobJournal(join(deps.dataDir, 'jobs')),
    captures: createBlobStore(join(deps.dataDir, 'captures'), deps.keys),
    archive: createBlobStore(deps.archiveDir ?? join(deps.dataDir, 'archive'), deps.keys),
    archiveKeys: deps.keys,
    connectivity,
    clock,
    log,
    settings: { ...DEFAULT_ENGINE_SETTINGS, ...deps.verification, kioskId: deps.kioskId },
    defaultReference: deps.defaultReference,
    onUpdate: (view) => events.publish('onJobUpdated', view)
  })

  const handlers: IpcHandlers = {
    getStatus: () => status.getStatus(),
    getKioskSettings: () => deps.kioskSettings,
    ...verificationHandlers(engine)
  }
  const router = createIpcRouter({ handlers, origin: deps.appOrigin, log })

  let unsubscribeStatus: (() => void) | null = null
  return {
    router,
    assure,
    engine,
    status,
    connectivity,
    async start() {
      unsubscribeStatus ??= status.subscribe((next) => events.publish('onStatusChanged', next))
      connectivity.start()
      await engine.start()
    },
    async stop() {
      connectivity.stop()
      await engine.stop()
      unsubscribeStatus?.()
      unsubscribeStatus = null
      if (ownsDispatcher) await dispatcher.close()
    }
  }
}
