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
import { createFaceTecOutcomes } from './facetec/outcomes'
import { join } from 'node:path'
import type { ImageBytes } from './lib/images'
import { createBlobStore } from './storage/blob-store'
import type { KeyProvider } from './storage/crypto-box'
import {
  createVerificationEngine,
  DEFAULT_ENGINE_SETTINGS,
  type EngineSettings,
  type VerificationEngine
} from './verification/engine'
import { createAuditLog } from './staff/audit-log'
import { createDeskState } from './staff/desk-state'
import { createPinAttemptLimiter, createPinGate } from './staff/pin'
import { createStaffService, type StaffDialogs } from './staff/staff-service'
import { createRuntimeSettings, type SettingsBacking } from './storage/runtime-settings'
import type { SecretStore } from './storage/secret-store'
import { createReferenceSource } from './verification/reference-source'
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
  /** Why the kiosk cannot serve (shown to staff on the out-of-service screen), or null. */
  setupProblem?: string | null
  /** Demo mode's reference photo; staff can choose another at a staffed desk. */
  demoReference?: () => Promise<ImageBytes>
  staff: {
    pinHash?: string
    sessionMinutes: number
    dialogs: StaffDialogs
    /** Null in demo mode, where the sandbox's credentials are used. */
    secrets: SecretStore | null
    /** Where staff's changes are kept (electron-store in the app). */
    settings: SettingsBacking
    sdk: { simulated: boolean; root: string | null; problem: string | null }
    /** The config file main loaded at start, shown in staff diagnostics; absent or null: none. */
    configFile?: string | null
  }
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
  const runtime = createRuntimeSettings(deps.staff.settings, log)
  // Staff may store another client id while the kiosk runs; the token request reads it each time.
  const clientId = (): string =>
    runtime.overrides().clientId ??
    (typeof deps.assure.clientId === 'function' ? deps.assure.clientId() : deps.assure.clientId)
  const assure = createAssureClient({
    ...deps.assure,
    clientId,
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
  const status = createStatusService({
    mode: deps.mode,
    version: deps.version,
    kioskId: deps.kioskId,
    connectivity,
    setupProblem: deps.setupProblem ?? null
  })

  const audit = createAuditLog({ dir: join(deps.dataDir, 'audit'), clock, log, kioskId: deps.kioskId })
  const reference = createReferenceSource({
    demo: deps.demoReference,
    clock,
    // A staff photo serves one visit: when it stops by itself, the audit log says why.
    onCleared: (because) => audit.record('kiosk', 'reference.ended', { because })
  })
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
    defaultReference: (visitReference) => reference.current(visitReference),
    onUpdate: (view) => {
      reference.jobChanged(view)
      events.publish('onJobUpdated', view)
    }
  })

  const facetec = createFaceTecOutcomes({ log, clock, simulated: deps.staff.sdk.simulated })

  const staff = createStaffService({
    pin: createPinGate({ pinHash: deps.staff.pinHash, limiter: createPinAttemptLimiter({ clock }) }),
    sessionMinutes: deps.staff.sessionMinutes,
    clock,
    log,
    audit,
    desk: createDeskState({ file: join(deps.dataDir, 'desk.json'), clock, log }),
    events,
    dialogs: deps.staff.dialogs,
    engine,
    client: assure,
    connectivity,
    probe: createHttpProbe({ url: deps.assure.baseUrl, dispatcher, clock }),
    secrets: deps.staff.secrets,
    settings: runtime,
    reference,
    facetec,
    kiosk: {
      kioskId: deps.kioskId,
      mode: deps.mode,
      version: deps.version,
      clientId: () => clientId() || null,
      sdk: deps.staff.sdk,
      configFile: deps.staff.configFile ?? null,
      journeyDefaults: {
        defaultLanguage: deps.kioskSettings.defaultLanguage,
        idleTimeoutSeconds: deps.kioskSettings.idleTimeoutSeconds,
        maxLivenessAttempts: deps.kioskSettings.maxLivenessAttempts,
        resultSeconds: deps.kioskSettings.resultSeconds
      }
    }
  })

  const handlers: IpcHandlers = {
    getStatus: () => status.getStatus(),
    getKioskSettings: () => runtime.kioskSettings(deps.kioskSettings),
    ...verificationHandlers(engine),
    // The visitor is told when they are compared with the photo staff provided.
    prepareVerification: async (input) => {
      const session = await verificationHandlers(engine).prepareVerification(input)
      return reference.serves(session.visitReference) ? { ...session, referenceByStaff: true } : session
    },
    ...staff,
    reportFaceTecOutcome: (outcome) => facetec.report(outcome)
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
