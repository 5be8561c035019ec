/**
 * The journey controller: the one place that moves the person from screen to screen and talks to
 * main (through the KioskApi it is handed) and to FaceTec (through the adapter). Screens only read the
 * journey store and call these functions.
 *
 * Preparation runs ahead: as soon as the person leaves the attract screen, main creates the dossier
 * and the FaceTec process, and the SDK initializes with the keys, while the person reads the privacy
 * notice and checks the camera; so the capture starts without a wait.
 */
import type { StoreApi } from 'zustand'
import type {
  JobView,
  KioskApi,
  JourneySettings,
  LanguageCode,
  PreparedSession,
  ReferenceInput
} from '../../../preload/api'
import { BridgeCallError, unwrap } from '../kiosk-api'
import {
  FaceTecError,
  type CaptureResult,
  type FaceTecAdapter,
  type InitResult,
  type LivenessCapture,
  type SubmitDecision
} from '../facetec'
import type { MessageKey } from '../i18n'
import {
  INITIAL_JOURNEY,
  MAX_SDK_INIT_ATTEMPTS,
  type JourneyState,
  type JourneyStore,
  type OutOfServiceReason,
  type ScreenName
} from '../stores/journey-store'
import type { StatusState } from '../stores/status-store'
import { parseTicket } from './ticket'

/** Everything the journey works with, handed in: the app passes the real ones, tests their own. */
export interface JourneyDependencies {
  /** Main's calls the journey makes (the preload's `window.kiosk` in the app). */
  api: Pick<
    KioskApi,
    | 'prepareVerification'
    | 'submitCapture'
    | 'cancelVerification'
    | 'lockStaff'
    | 'onJobUpdated'
    | 'onStaffSessionChanged'
  >
  adapter: Pick<FaceTecAdapter, 'load' | 'initialize' | 'captureLiveness' | 'endVisit'>
  /** Where the journey keeps its state; the screens read the same store. */
  store: JourneyStore
  /** Main's status: a set-up problem or no connection to Assure means no visit can start. */
  status: Pick<StoreApi<Pick<StatusState, 'status'>>, 'getState' | 'subscribe'>
  settings: () => JourneySettings
  /** Fetches the settings again (staff may have changed them). */
  reloadSettings: () => Promise<void>
  /** The kiosk's language; every visit starts in the configured default. */
  setLanguage: (language: LanguageCode) => void
  /** A User Timing mark (`performance.mark` in the app), for benchmarks and performance traces. */
  mark: (name: string) => void
}

export interface Journey {
  /** Attract -> consent, and the preparation starts. */
  start(): void
  acceptConsent(): void
  /** Declining the privacy notice ends the visit: back to the attract screen, the job cancelled. */
  declineConsent(): Promise<void>
  submitTicket(text: string): Promise<void>
  cameraConfirmed(): void
  cameraFailed(): void
  tryAgain(): void
  /**
   * The result takes longer than a person should stand waiting (`processingHandOverSeconds`): hand
   * them over to the queued screen with their reference; the check finishes by itself.
   */
  resultIsSlow(): void
  /** Wipes everything of this visit (state, SDK session, job) and returns to the attract screen. */
  reset(): Promise<void>
  /** The staff entry point (hidden gesture or key chord): ends any visit, then asks for the PIN. */
  openStaff(): Promise<void>
  /** Staff mode unlocked by main. */
  staffUnlocked(): void
  /** Locks staff mode and returns to the attract screen with the settings staff may have changed. */
  leaveStaff(): Promise<void>
  /** Follows main's job and connectivity updates; returns the unsubscribe function. */
  connect(): () => void
}

type Outcome = { reason: string; messageKey: MessageKey; action: string }

export function createJourney(deps: JourneyDependencies): Journey {
  const { api, adapter, store, status } = deps
  let prepared: Promise<PreparedSession> | null = null
  let sdkReady: Promise<InitResult> | null = null
  let capture: AbortController | null = null
  let reference: ReferenceInput | undefined
  /** Staff mode being left: main's "session ended" event and a second press must not do it again. */
  let leavingStaff: Promise<void> | null = null

  const set = (partial: Partial<JourneyState>): void => store.setState(partial)
  const go = (screen: ScreenName): void => set({ screen })
  const visit = (): number => store.getState().visit
  const connectivity = () => status.getState().status?.connectivity

  const outOfService = (reason: OutOfServiceReason): void => set({ screen: 'out-of-service', outOfService: reason })

  /** A call to main failed: which screen tells the person what that means. */
  function showFailure(error: unknown): void {
    const code = error instanceof BridgeCallError ? error.code : 'internal'
    if (code === 'not-found' && reference) {
      set({ screen: 'reference', ticketError: 'reference.notFound' })
      return
    }
    outOfService(code === 'unavailable' ? 'assure' : 'configuration')
  }

  async function cancelJob(jobId: string | null): Promise<void> {
    // Main refuses to cancel a captured job (it finishes by itself), which is what we want.
    if (jobId) await api.cancelVerification({ jobId }).catch(() => undefined)
  }

  function prepare(): Promise<PreparedSession> {
    const startedIn = visit()
    set({ preparation: 'preparing', jobId: null, job: null })
    // Every verification of one visit (a retry prepares another) carries the visit's reference.
    const visitReference = store.getState().visitReference ?? undefined
    const pending = api
      .prepareVerification({ ...(reference ? { reference } : {}), ...(visitReference ? { visitReference } : {}) })
      .then(unwrap)
    prepared = pending
    pending.then(
      (session) => {
        if (visit() !== startedIn || prepared !== pending) return void cancelJob(session.jobId)
        set({
          preparation: 'ready',
          jobId: session.jobId,
          visitReference: session.visitReference,
          referenceByStaff: session.referenceByStaff === true
        })
        const { deviceKeyIdentifier, publicFaceScanEncryptionKey, productionKeyText } = session.facetec
        sdkReady = adapter.initialize({ deviceKeyIdentifier, publicFaceScanEncryptionKey, productionKeyText })
        // Its failure (the SDK script missing, say) is shown when the person reaches the face check.
        sdkReady.catch(() => undefined)
      },
      (error: unknown) => {
        if (prepared !== pending) return
        // Spent: the next attempt (another ticket, "Try again") prepares anew rather than fail again.
        prepared = null
        if (visit() !== startedIn) return
        set({ preparation: 'failed' })
        showFailure(error)
      }
    )
    return pending
  }

  /** Where a job update takes the person, once their capture has been handed over. */
  function follow(view: JobView): void {
    switch (view.phase) {
      case 'queued':
        return set({ screen: 'queued', queuedBecause: 'offline' })
      case 'completed':
        return set({ screen: 'result', result: view.result })
      case 'failed':
        if (view.failure?.reason === 'reference-unavailable' && reference)
          return set({ screen: 'reference', ticketError: 'reference.notFound' })
        // The code names a check that has no such photo (a portrait of a check that read no ID document).
        if (view.failure?.reason === 'reference-not-provided' && reference)
          return set({ screen: 'reference', ticketError: 'reference.noPhoto' })
        return set({ screen: 'call-staff', callStaff: { kind: 'failure', reason: view.failure?.reason ?? 'storage' } })
      case 'cancelled':
        return void reset()
      default:
        // Handed over because it was slow: the person is not called back to wait after all.
        if (store.getState().screen === 'queued' && store.getState().queuedBecause === 'slow') return
        return go('processing')
    }
  }

  function onJobUpdate(view: JobView): void {
    const state = store.getState()
    if (view.jobId !== state.jobId) return
    set({ job: view })
    // A job that fails before its capture (the ticket's photo is missing) must not wait for the session.
    if (
      view.phase === 'failed' &&
      !['processing', 'queued', 'result', 'call-staff'].includes(state.screen) &&
      !state.sending
    )
      return follow(view)
    if (state.screen === 'processing' || state.screen === 'queued') follow(view)
  }

  function failedSession(outcome: Outcome): void {
    const { attempts } = store.getState()
    if (outcome.action === 'out-of-service') return faceTecOutOfService()
    if (outcome.reason === 'retry-limit-reached')
      return set({
        screen: 'call-staff',
        attempts: attempts + 1,
        callStaff: { kind: 'retry-limit', attempts: attempts + 1 }
      })
    if (outcome.action === 'call-staff')
      return set({ screen: 'call-staff', callStaff: { kind: 'facetec', messageKey: outcome.messageKey } })
    // Stopping the check yourself is not a failed attempt.
    const counted = outcome.reason === 'user-cancelled' ? attempts : attempts + 1
    if (counted >= deps.settings().maxLivenessAttempts)
      return set({ screen: 'call-staff', attempts: counted, callStaff: { kind: 'retry-limit', attempts: counted } })
    set({ screen: 'retry', attempts: counted, retryMessage: outcome.messageKey, retryCause: 'liveness' })
  }

  /**
   * Nobody can be checked until FaceTec works again: out of service, and the verification prepared for
   * this visitor is given up now (its dossier deleted) rather than when someone resets the kiosk.
   */
  function faceTecOutOfService(): void {
    const { jobId, job } = store.getState()
    outOfService('sdk')
    if (!job || job.phase === 'ready' || job.phase === 'preparing') void cancelJob(jobId)
  }

  /** FaceTec did not initialize: try again a few times if that may help, then out of service. */
  function initializationFailed(init: Extract<InitResult, { ok: false }>): void {
    if (init.action === 'out-of-service') return faceTecOutOfService()
    if (init.action === 'call-staff')
      return set({ screen: 'call-staff', callStaff: { kind: 'facetec', messageKey: init.messageKey } })
    const failures = store.getState().initFailures + 1
    // FaceTec that keeps failing to start is the kiosk's problem, not the visitor's: stop asking them.
    if (failures >= MAX_SDK_INIT_ATTEMPTS) {
      set({ initFailures: failures })
      return faceTecOutOfService()
    }
    set({ screen: 'retry', retryMessage: init.messageKey, retryCause: 'initialization', initFailures: failures })
  }

  /** FaceTec threw instead of answering: its own error says what to do; anything else leaves it unusable. */
  function faceTecThrew(error: unknown): void {
    if (error instanceof FaceTecError)
      failedSession({ reason: error.code, messageKey: error.messageKey, action: error.action })
    else faceTecOutOfService()
  }

  async function runLiveness(): Promise<void> {
    const startedIn = visit()
    let session: PreparedSession
    try {
      session = await (prepared ?? prepare())
    } catch {
      return // the preparation's own handler has shown what happened
    }
    // The visitor left while it was being prepared: FaceTec is not started for nobody.
    if (visit() !== startedIn) return
    let init: InitResult
    const ready = sdkReady ?? adapter.initialize(session.facetec)
    try {
      init = await ready
    } catch (error) {
      // The SDK never loaded (no script, wrong MIME type, timeout): nobody can be checked here.
      if (visit() === startedIn) faceTecThrew(error)
      return
    } finally {
      // This answer is spent: "Try again" must ask FaceTec again, not be given the same failure. Only
      // this one: the next visit may have begun its own initialization meanwhile.
      if (sdkReady === ready) sdkReady = null
    }
    if (visit() !== startedIn) return
    if (!init.ok) return initializationFailed(init)

    const submit = async (taken: LivenessCapture, progress: (fraction: number) => void): Promise<SubmitDecision> => {
      // The visitor left (a reset, the staff entry) while FaceTec's UI was up: their face goes nowhere.
      if (visit() !== startedIn) return { kind: 'cancel' }
      set({ sending: true })
      // The hand-off to main is one IPC message (a few hundred KB, milliseconds), so there are no bytes
      // to count: FaceTec's bar shows "sending" until main has stored the capture, then "done". The
      // upload to Assure happens afterwards in main, shown by the processing or queued screen.
      progress(0.2)
      const view = unwrap(await api.submitCapture({ jobId: session.jobId, ...taken }))
      progress(1)
      // Main's answer may arrive after a reset: it belongs to the visit that is over.
      if (visit() === startedIn) set({ job: view })
      // Assure returns no FaceTec scanResultBlob: FaceTec's UI ends here and our own screens take over.
      return { kind: 'done' }
    }

    const running = new AbortController()
    capture = running
    let result: CaptureResult
    try {
      const remaining = Math.max(1, deps.settings().maxLivenessAttempts - store.getState().attempts)
      result = await adapter.captureLiveness({
        sessionToken: session.facetec.sessionToken,
        submit,
        maxAttempts: remaining,
        signal: running.signal
      })
    } catch (error) {
      if (visit() === startedIn) faceTecThrew(error)
      return
    } finally {
      // A capture of an earlier visit that ends late must not forget (or change) this visit's.
      if (capture === running) capture = null
      if (visit() === startedIn) set({ sending: false })
    }
    if (visit() !== startedIn) return

    if (result.kind === 'failed') {
      const { job, jobId } = store.getState()
      // The session's FaceTec process is spent unless its capture reached main.
      if (!job || job.phase === 'ready' || job.phase === 'preparing') void cancelJob(jobId)
      failedSession(result.outcome)
      // The next try gets a fresh process, prepared while the person reads the retry screen.
      if (store.getState().screen === 'retry') void prepare().catch(() => undefined)
      return
    }
    const view = store.getState().job
    if (view) follow(view)
    else go('processing')
  }

  async function reset(): Promise<void> {
    const { jobId, job } = store.getState()
    capture?.abort()
    capture = null
    // At once, before anything else is awaited: the next visitor's SDK initialization waits for it.
    // A healthy SDK stays initialized for the next visitor (benchmark P8).
    const disposed = adapter.endVisit().catch(() => undefined)
    prepared = null
    sdkReady = null
    reference = undefined
    store.setState((state) => ({ ...INITIAL_JOURNEY, visit: state.visit + 1 }))
    deps.setLanguage(deps.settings().defaultLanguage)
    if (status.getState().status?.setupProblem) outOfService('configuration')
    else if (connectivity() === 'offline') outOfService('assure')
    // Not captured yet: nothing of this person may stay behind at Assure.
    if (!job || job.phase === 'ready' || job.phase === 'preparing') await cancelJob(jobId)
    await disposed
  }

  return {
    start() {
      if (store.getState().screen !== 'attract') return
      deps.mark('kiosk:start')
      if (status.getState().status?.setupProblem) return outOfService('configuration')
      if (connectivity() === 'offline') return outOfService('assure')
      go('consent')
      // The SDK script is the slowest thing to fetch: start now.
      void adapter.load().catch(() => undefined)
      const { referenceSource, prepareAhead } = deps.settings()
      if (prepareAhead && referenceSource === 'configured') void prepare().catch(() => undefined)
    },

    acceptConsent() {
      go(deps.settings().referenceSource === 'ticket' ? 'reference' : 'camera-check')
    },

    declineConsent: reset,

    async submitTicket(text) {
      const parsed = parseTicket(text)
      if (!parsed) return set({ ticketError: 'reference.invalid' })
      reference = parsed
      set({ ticketError: null })
      go('camera-check')
      if (deps.settings().prepareAhead) await prepare().catch(() => undefined)
    },

    cameraConfirmed() {
      // Once: a second tap must not start a second FaceTec session.
      if (store.getState().screen !== 'camera-check') return
      go('liveness')
      void runLiveness()
    },

    cameraFailed() {
      outOfService('camera')
    },

    tryAgain() {
      if (store.getState().screen !== 'retry') return
      go('liveness')
      void runLiveness()
    },

    resultIsSlow() {
      if (store.getState().screen === 'processing') set({ screen: 'queued', queuedBecause: 'slow' })
    },

    reset,

    async openStaff() {
      if (store.getState().screen === 'staff' || store.getState().screen === 'staff-pin') return
      await reset()
      go('staff-pin')
    },

    staffUnlocked() {
      go('staff')
    },

    leaveStaff() {
      // Marked before main is asked, so main's "session ended" event is known to be ours however soon it comes.
      leavingStaff ??= Promise.resolve()
        .then(async () => {
          await api.lockStaff().catch(() => undefined)
          await deps.reloadSettings()
          await reset()
        })
        .finally(() => {
          leavingStaff = null
        })
      return leavingStaff
    },

    connect() {
      const stopStaff = api.onStaffSessionChanged((session) => {
        // Locked by main (unused for too long): back to the visitors with what staff may have changed.
        if (!session.unlocked && store.getState().screen === 'staff' && !leavingStaff)
          void deps.reloadSettings().then(reset)
      })
      const stopJobs = api.onJobUpdated(onJobUpdate)
      const followStatus = (state: Pick<StatusState, 'status'>): void => {
        const { screen, outOfService: reason } = store.getState()
        const now = state.status?.connectivity
        if (state.status?.setupProblem && screen === 'attract') return outOfService('configuration')
        if (now === 'offline' && screen === 'attract') outOfService('assure')
        if (now === 'online' && screen === 'out-of-service' && reason === 'assure') void reset()
      }
      const stopStatus = status.subscribe(followStatus)
      // The status may have arrived before this subscription: a set-up problem known at start must not
      // wait for the next connectivity change to be shown.
      followStatus(status.getState())
      return () => {
        stopStaff()
        stopJobs()
        stopStatus()
      }
    }
  }
}
