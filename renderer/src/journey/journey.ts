/**
 * The journey controller: the one place that moves the person from screen to screen and talks to
 * main (through `window.kiosk`) and to FaceTec (through the adapter). Screens only read the journey
 * store and call these functions.
 *
 * Preparation runs ahead: as soon as the person leaves the attract screen, main creates the dossier
 * and the FaceTec process, and the SDK initializes with the keys, while the person reads the privacy
 * notice and checks the camera; so the capture starts without a wait.
 */
import type { JobView, KioskApi, JourneySettings, PreparedSession, ReferenceInput } from '../../../preload/api'
import { BridgeCallError, unwrap } from '../bridge'
import {
  FaceTecError,
  type CaptureResult,
  type FaceTecAdapter,
  type InitResult,
  type LivenessCapture,
  type SubmitDecision
} from '../facetec'
import { useLanguageStore, type MessageKey } from '../i18n'
import {
  INITIAL_JOURNEY,
  MAX_SDK_INIT_ATTEMPTS,
  useJourneyStore,
  type JourneyState,
  type OutOfServiceReason,
  type ScreenName
} from '../stores/journey-store'
import { useStatusStore } from '../stores/status-store'
import { parseTicket } from './ticket'

export interface JourneyDependencies {
  api: KioskApi
  adapter: FaceTecAdapter
  settings: () => JourneySettings
  /** Fetches the settings again (staff may have changed them). */
  reloadSettings: () => Promise<void>
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
  const { api, adapter } = deps
  const store = useJourneyStore
  let prepared: Promise<PreparedSession> | null = null
  let sdkReady: Promise<InitResult> | null = null
  let capture: AbortController | null = null
  let reference: ReferenceInput | undefined

  const set = (partial: Partial<JourneyState>): void => store.setState(partial)
  const go = (screen: ScreenName): void => set({ screen })
  const visit = (): number => store.getState().visit
  const connectivity = () => useStatusStore.getState().status?.connectivity

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
    const pending = api.prepareVerification(reference ? { reference } : {}).then(unwrap)
    prepared = pending
    pending.then(
      (session) => {
        if (visit() !== startedIn || prepared !== pending) return void cancelJob(session.jobId)
        set({ preparation: 'ready', jobId: session.jobId })
        const { deviceKeyIdentifier, publicFaceScanEncryptionKey, productionKeyText } = session.facetec
        sdkReady = adapter.initialize({ deviceKeyIdentifier, publicFaceScanEncryptionKey, productionKeyText })
        // Its failure (the SDK script missing, say) is shown when the person reaches the face check.
        sdkReady.catch(() => undefined)
      },
      (error: unknown) => {
        if (visit() !== startedIn || prepared !== pending) return
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
        return go('queued')
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
    let init: InitResult
    try {
      init = await (sdkReady ?? adapter.initialize(session.facetec))
    } catch (error) {
      // The SDK never loaded (no script, wrong MIME type, timeout): nobody can be checked here.
      if (visit() === startedIn) faceTecThrew(error)
      return
    } finally {
      // This answer is spent: "Try again" must ask FaceTec again, not be given the same failure.
      sdkReady = null
    }
    if (visit() !== startedIn) return
    if (!init.ok) return initializationFailed(init)

    const submit = async (taken: LivenessCapture, progress: (fraction: number) => void): Promise<SubmitDecision> => {
      set({ sending: true })
      // The hand-off to main is one IPC message (a few hundred KB, milliseconds), so there are no bytes
      // to count: FaceTec's bar shows "sending" until main has stored the capture, then "done". The
      // upload to Assure happens afterwards in main, shown by the processing or queued screen.
      progress(0.2)
      const view = unwrap(await api.submitCapture({ jobId: session.jobId, ...taken }))
      progress(1)
      set({ job: view })
      // Assure returns no FaceTec scanResultBlob: FaceTec's UI ends here and our own screens take over.
      return { kind: 'done' }
    }

    capture = new AbortController()
    let result: CaptureResult
    try {
      const remaining = Math.max(1, deps.settings().maxLivenessAttempts - store.getState().attempts)
      result = await adapter.captureLiveness({
        sessionToken: session.facetec.sessionToken,
        submit,
        maxAttempts: remaining,
        signal: capture.signal
      })
    } catch (error) {
      if (visit() === startedIn) faceTecThrew(error)
      return
    } finally {
      capture = null
      set({ sending: false })
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
    useLanguageStore.getState().setLanguage(deps.settings().defaultLanguage)
    if (useStatusStore.getState().status?.setupProblem) outOfService('configuration')
    else if (connectivity() === 'offline') outOfService('assure')
    // Not captured yet: nothing of this person may stay behind at Assure.
    if (!job || job.phase === 'ready' || job.phase === 'preparing') await cancelJob(jobId)
    await disposed
  }

  return {
    start() {
      if (store.getState().screen !== 'attract') return
      performance.mark('kiosk:start')
      if (useStatusStore.getState().status?.setupProblem) return outOfService('configuration')
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
      go('liveness')
      void runLiveness()
    },

    cameraFailed() {
      outOfService('camera')
    },

    tryAgain() {
      go('liveness')
      void runLiveness()
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

    async leaveStaff() {
      await api.lockStaff().catch(() => undefined)
      await deps.reloadSettings()
      await reset()
    },

    connect() {
      const stopStaff = api.onStaffSessionChanged((session) => {
        if (!session.unlocked && store.getState().screen === 'staff') void deps.reloadSettings().then(reset)
      })
      const stopJobs = api.onJobUpdated(onJobUpdate)
      const followStatus = (state: ReturnType<typeof useStatusStore.getState>): void => {
        const { screen, outOfService: reason } = store.getState()
        const now = state.status?.connectivity
        if (state.status?.setupProblem && screen === 'attract') return outOfService('configuration')
        if (now === 'offline' && screen === 'attract') outOfService('assure')
        if (now === 'online' && screen === 'out-of-service' && reason === 'assure') void reset()
      }
      const stopStatus = useStatusStore.subscribe(followStatus)
      // The status may have arrived before this subscription: a set-up problem known at start must not
      // wait for the next connectivity change to be shown.
      followStatus(useStatusStore.getState())
      return () => {
        stopStaff()
        stopJobs()
        stopStatus()
      }
    }
  }
}
