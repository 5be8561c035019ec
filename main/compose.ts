/**
 * Builds the kiosk's main-side services from plain dependencies. No Electron here: main/index.ts calls
 * this inside the Electron shell, and the end-to-end harness calls it in the test process, so both run
 * the same services behind the same IPC router.
 */
import type { Dispatcher } from 'undici'
import type { AppMode, JobView, JourneySettings } from '../preload/api'
import { createAssureClient, type AssureClient, type AssureConnection } from './assure/client'
import { assureDispatcher } from './assure/transport'
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
  DEFAULT_ENGINE_OPTIONS,
  type EngineOptions,
  type JobObserver,
  type VerificationEngine
} from './verification/engine'
import { createAuditLog } from './staff/audit-log'
import { createDeskState } from './staff/desk-state'
import { createPinAttemptLimiter, createPinGate, LIVE_MIN_PIN_DIGITS } from './staff/pin'
import { createPinLockoutStore } from './staff/pin-lockout-store'
import { staffHandlers } from './staff/handlers'
import { createStaffService, type StaffDialogs } from './staff/staff-service'
import { statusHandlers } from './status/handlers'
import { faceTecHandlers } from './facetec/handlers'
import { telemetryHandlers } from './telemetry/handlers'
import { createStaffOverrides, type OverridesBacking } from './storage/staff-overrides'
import type { SecretStore } from './storage/secret-store'
import { createReferenceSource } from './verification/reference-source'
import { verificationHandlers } from './verification/handlers'
import { createVisitorJobs } from './verification/visitor-jobs'
import { createJobJournal } from './verification/journal'
import { noTelemetry, type KioskTelemetry } from './telemetry/observers'

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
  /**
   * The keys live only as long as the process (demo mode without a key store): nothing keyed by them
   * can be checked after a restart, so the job files and the PIN counter are then kept without MACs
   * (which would read every earlier file as forged).
   */
  keysAreEphemeral?: boolean
  verification?: Partial<Omit<EngineOptions, 'kioskId'>>
  /** Watches the engine's job records as they change (the end-to-end harness waits on it). */
  jobObserver?: JobObserver
  /** The journey's settings, as the renderer sees them. */
  journeySettings: JourneySettings
  /** Why the kiosk cannot serve (shown to staff on the out-of-service screen), or null. */
  setupProblem?: string | null
  /** Verifications the renderer may start per minute (main/verification/handlers.ts has the default). */
  preparesPerMinute?: number
  /** Demo mode's reference photo; staff can choose another at a staffed desk. */
  demoReference?: () => Promise<ImageBytes>
  staff: {
    pinHash?: string
    sessionMinutes: number
    dialogs: StaffDialogs
    /** Null in demo mode, where the sandbox's credentials are used. */
    secrets: SecretStore | null
    /** Where staff's changes are kept (electron-store in the app). */
    overrides: OverridesBacking
    sdk: { simulated: boolean; root: string | null; problem: string | null }
    /** The config file main loaded at start, shown in staff diagnostics; absent or null: none. */
    configFile?: string | null
    /** Staff's "Quit the kiosk app" (main/shell/close-guard.ts); absent: nothing quits. */
    quit?: () => void
  }
  /** Metrics for the operator's collector (main/telemetry); absent: telemetry is off. */
  telemetry?: KioskTelemetry
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
  const pool = assureDispatcher(deps.dispatcher, deps.assure.timeouts)
  const { dispatcher } = pool
  const telemetry = deps.telemetry ?? noTelemetry

  const connectivity = createConnectivityMonitor({
    ...deps.connectivity,
    probe: createHttpProbe({ url: deps.assure.baseUrl, dispatcher, clock }),
    clock,
    log
  })
  const overrides = createStaffOverrides(deps.staff.overrides, log)
  /** The journey's settings in effect: the config's with staff's changes, by the rules of staff-overrides.ts. */
  const journeySettings = () => overrides.journeySettings(deps.journeySettings)
  // Staff may store another client id while the kiosk runs; the token request reads it each time.
  const clientId = (): string =>
    overrides.stored().clientId ??
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
      onResponse: () => connectivity.reportSuccess(),
      onAttempt: (attempt) => telemetry.assureAttempt(attempt)
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
  const visitorJobs = createVisitorJobs((jobId) => engine.get(jobId) ?? null)
  const engine = createVerificationEngine({
    client: assure,
    // Keyed: a job file the kiosk did not write is quarantined, not acted on.
    journal: createJobJournal(join(deps.dataDir, 'jobs'), Date.now, deps.keysAreEphemeral ? undefined : deps.keys),
    captures: createBlobStore(join(deps.dataDir, 'captures'), deps.keys),
    archive: createBlobStore(deps.archiveDir ?? join(deps.dataDir, 'archive'), deps.keys),
    archiveKeys: deps.keys,
    connectivity,
    clock,
    log,
    options: { ...DEFAULT_ENGINE_OPTIONS, ...deps.verification, kioskId: deps.kioskId },
    defaultReference: (visitReference) => reference.current(visitReference),
    // The visitor's own jobs only; every job while staff mode is open (its queue follows them).
    onUpdate: (view) => {
      reference.jobChanged(view)
      if (visitorJobs.owns(view.jobId) || staff.unlocked()) events.publish('onJobUpdated', view)
      telemetry.jobUpdated(view)
    },
    observer: deps.jobObserver
  })

  const facetec = createFaceTecOutcomes({ log, clock, simulated: deps.staff.sdk.simulated })

  const staff = createStaffService({
    quit: deps.staff.quit,
    pin: createPinGate({
      pinHash: deps.staff.pinHash,
      limiter: createPinAttemptLimiter({ clock }),
      // Kept with staff's settings, so a restart or a relaunch does not reset the count.
      lockout: deps.keysAreEphemeral
        ? undefined
        : createPinLockoutStore({
            read: () => overrides.pinLockout(),
            write: (value) => overrides.setPinLockout(value),
            keys: deps.keys,
            clock,
            log
          }),
      minDigits: deps.mode === 'live' ? LIVE_MIN_PIN_DIGITS : undefined
    }),
    sessionMinutes: deps.staff.sessionMinutes,
    clock,
    log,
    audit,
    desk: createDeskState({ file: join(deps.dataDir, 'desk.json'), clock, log }),
    facetec,
    events,
    dialogs: deps.staff.dialogs,
    engine,
    client: assure,
    connectivity,
    probe: createHttpProbe({ url: deps.assure.baseUrl, dispatcher, clock }),
    secrets: deps.staff.secrets,
    overrides,
    reference,
    kiosk: {
      kioskId: deps.kioskId,
      mode: deps.mode,
      version: deps.version,
      clientId: () => clientId() || null,
      sdk: deps.staff.sdk,
      configFile: deps.staff.configFile ?? null
    },
    journeySettings
  })

  const verification = verificationHandlers(engine, {
    referenceSource: deps.journeySettings.referenceSource,
    clock,
    preparesPerMinute: deps.preparesPerMinute,
    visitor: visitorJobs
  })
  // One table per domain; the compiler checks that together they answer every call of the contract.
  const handlers: IpcHandlers = {
    ...statusHandlers({ status, journeySettings }),
    ...verification,
    // The visitor is told when they are compared with the photo staff provided.
    prepareVerification: async (input) => {
      const session = await verification.prepareVerification(input)
      return reference.serves(session.visitReference) ? { ...session, referenceByStaff: true } : session
    },
    ...staffHandlers({ staff, facetec }),
    ...faceTecHandlers(facetec, telemetry),
    ...telemetryHandlers(telemetry)
  }
  const router = createIpcRouter({ handlers, origin: deps.appOrigin, log })

  /** The outbox (telemetry's depth and oldest age), read page by page through the queue's index. */
  const queuedJobs = (): JobView[] => {
    const queued: JobView[] = []
    for (let page = 0; ; page++) {
      const shown = engine.listPage({ phase: 'queued', page, pageSize: 50 })
      queued.push(...shown.jobs)
      if (page >= shown.pages - 1) return queued
    }
  }

  let unsubscribeStatus: (() => void) | null = null
  let stopped: Promise<void> | null = null
  let unwatch: (() => void) | null = null
  return {
    router,
    assure,
    engine,
    status,
    connectivity,
    async start() {
      unsubscribeStatus ??= status.subscribe((next) => events.publish('onStatusChanged', next))
      unwatch ??= telemetry.watch({
        connectivity: () => connectivity.current().state,
        jobs: queuedJobs,
        dataFolder: deps.dataDir,
        faceTecSdk: { root: deps.staff.sdk.root, simulated: deps.staff.sdk.simulated }
      })
      connectivity.start()
      await engine.start()
    },
    // Once: quitting may ask from more than one place (the app's quit, a relaunch), and closing the
    // connection pool twice throws.
    stop() {
      stopped ??= (async () => {
        connectivity.stop()
        await engine.stop()
        unsubscribeStatus?.()
        unsubscribeStatus = null
        unwatch?.()
        unwatch = null
        await pool.close()
      })()
      return stopped
    }
  }
}
