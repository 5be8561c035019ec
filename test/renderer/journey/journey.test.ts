/**
 * The journey controller, driven without a browser: main's API, the FaceTec adapter, the stores and the
 * language are fakes handed in, and each test decides when (and in which order) main and FaceTec answer.
 * Most of what can go wrong at a kiosk is an answer that arrives late: these tests pin what the journey
 * does with it.
 */
import { describe, expect, it } from 'vitest'
import type {
  AppStatus,
  FailureReason,
  JobPhase,
  JobView,
  JourneySettings,
  LanguageCode,
  PreparedSession,
  SentToStaffReason
} from '../../../preload/api'
import { FaceTecError, FaceTecSDKStatus } from '../../../renderer/src/facetec'
import { createJourney } from '../../../renderer/src/journey/journey'
import { createSentToStaffSignal, sentToStaffReason } from '../../../renderer/src/journey/sent-to-staff'
import { createJourneyStore, MAX_SDK_INIT_ATTEMPTS } from '../../../renderer/src/stores/journey-store'
import { createStatusStore } from '../../../renderer/src/stores/status-store'
import {
  CAPTURE,
  createFakeAdapter,
  failedCapture,
  initFailed,
  INITIALIZED,
  SUBMITTED,
  TIMED_OUT,
  USER_CANCELLED
} from '../support/fake-facetec-adapter'
import { createFakeKioskApi, fail, ok, settle } from '../support/fake-kiosk-api'

const SETTINGS: JourneySettings = {
  languages: ['en', 'nb'],
  defaultLanguage: 'nb',
  idleTimeoutSeconds: 60,
  idleCountdownSeconds: 10,
  maxLivenessAttempts: 3,
  referenceSource: 'configured',
  resultSeconds: 20,
  prepareAhead: true,
  sdk: { baseUrl: '/facetec-sdk/', simulated: true },
  processingHandOverSeconds: 60,
  operator: {
    name: null,
    logo: null,
    accent: { color: '#1f4e8c', text: '#ffffff' },
    privacy: { notice: {}, moreInfoUrl: null, retentionDays: 30 },
    nextSteps: {}
  }
}

const ONLINE: AppStatus = {
  mode: 'demo',
  version: '0.1.0',
  kioskId: 'kiosk-test',
  connectivity: 'online',
  connectivitySince: null,
  setupProblem: null
}

const TICKET_1 = 'c0ffee00-0000-4000-8000-000000000001 c0ffee00-0000-4000-8000-000000000002'
const TICKET_2 = 'c0ffee00-0000-4000-8000-000000000003 c0ffee00-0000-4000-8000-000000000004'

function session(jobId: string): PreparedSession {
  return {
    jobId,
    visitReference: 'HJK479',
    facetec: {
      deviceKeyIdentifier: `device-${jobId}`,
      publicFaceScanEncryptionKey: `key-${jobId}`,
      productionKeyText: null,
      sessionToken: `token-${jobId}`
    }
  }
}

function job(jobId: string, phase: JobPhase, more: Partial<JobView> = {}): JobView {
  const at = '2026-01-01T10:00:00.000Z'
  return {
    jobId,
    visitReference: 'HJK479',
    phase,
    result: null,
    failure: null,
    attempts: 0,
    createdAt: at,
    updatedAt: at,
    ...more
  }
}

const failedJob = (jobId: string, reason: FailureReason): JobView =>
  job(jobId, 'failed', { failure: { reason, retryable: false } })

function setup(settings: Partial<JourneySettings> = {}, status: AppStatus = ONLINE) {
  const main = createFakeKioskApi()
  // Main refuses to cancel a captured job; the journey does not care what it answers.
  main.respond('cancelVerification', ({ jobId }) => ok(job(jobId, 'cancelled')))
  main.respond('lockStaff', () => ok({ unlocked: false, expiresAt: null }))
  const facetec = createFakeAdapter()
  const store = createJourneyStore()
  const statusStore = createStatusStore()
  statusStore.setState({ status })
  const languages: LanguageCode[] = []
  const marks: string[] = []
  let reloads = 0
  const current = { ...SETTINGS, ...settings }
  const journey = createJourney({
    api: main.api,
    adapter: facetec.adapter,
    store,
    status: statusStore,
    settings: () => current,
    reloadSettings: async () => {
      reloads++
    },
    setLanguage: (language) => languages.push(language),
    mark: (name) => marks.push(name)
  })
  const disconnect = journey.connect()
  const state = () => store.getState()
  const cancelled = () => main.inputs('cancelVerification').map((input) => input.jobId)
  return {
    journey,
    main,
    facetec,
    store,
    statusStore,
    state,
    cancelled,
    languages,
    marks,
    disconnect,
    reloads: () => reloads,
    /** Start -> consent (job-1 prepared, FaceTec initialized) -> camera -> FaceTec's UI is up. */
    async toCapture(jobId = 'job-1') {
      journey.start()
      main.next('prepareVerification').answer(ok(session(jobId)))
      await settle()
      facetec.inits.at(-1)!.answer.resolve(INITIALIZED)
      journey.acceptConsent()
      journey.cameraConfirmed()
      await settle()
      const capture = facetec.captures.at(-1)
      if (!capture) throw new Error('no capture started')
      return capture
    }
  }
}

describe('the journey prepares the check ahead', () => {
  it('prepares as the visitor leaves the attract screen and initializes FaceTec with the keys main answered', async () => {
    const k = setup()
    k.journey.start()
    expect(k.state()).toMatchObject({ screen: 'consent', preparation: 'preparing' })
    expect(k.marks).toEqual(['kiosk:start'])
    expect(k.facetec.loads).toBe(1)
    expect(k.main.inputs('prepareVerification')).toEqual([{}])

    k.main.next('prepareVerification').answer(ok(session('job-1')))
    await settle()
    expect(k.state()).toMatchObject({ preparation: 'ready', jobId: 'job-1' })
    // The keys, never the session token: that one is for the capture.
    expect(k.facetec.inits.map((init) => init.keys)).toEqual([
      { deviceKeyIdentifier: 'device-job-1', publicFaceScanEncryptionKey: 'key-job-1', productionKeyText: null }
    ])
  })

  it('cancels a preparation answered after the visitor left, and initializes no FaceTec for it', async () => {
    const k = setup()
    k.journey.start()
    await k.journey.declineConsent()
    k.main.next('prepareVerification').answer(ok(session('job-1')))
    await settle()
    expect(k.cancelled()).toEqual(['job-1'])
    expect(k.facetec.inits).toEqual([])
    expect(k.state()).toMatchObject({ screen: 'attract', jobId: null, preparation: 'idle' })
  })

  it('shows nothing of a preparation that failed after the visitor left', async () => {
    const k = setup()
    k.journey.start()
    await k.journey.reset()
    k.main.next('prepareVerification').answer(fail('unavailable'))
    await settle()
    expect(k.state()).toMatchObject({ screen: 'attract', outOfService: null, preparation: 'idle' })
  })

  it.each([
    ['unavailable', 'assure'],
    ['misconfigured', 'configuration'],
    ['internal', 'configuration']
  ] as const)('says what a failed preparation means: main answered %s, out of service (%s)', async (code, reason) => {
    const k = setup()
    k.journey.start()
    k.main.next('prepareVerification').answer(fail(code))
    await settle()
    expect(k.state()).toMatchObject({ screen: 'out-of-service', outOfService: reason, preparation: 'failed' })
  })

  it('prepares only the last ticket when one is submitted twice, and cancels the first job when it arrives', async () => {
    const k = setup({ referenceSource: 'ticket' })
    k.journey.start()
    k.journey.acceptConsent()
    expect(k.state().screen).toBe('reference')
    expect(k.main.pending('prepareVerification')).toBe(0)

    const first = k.journey.submitTicket(TICKET_1)
    const second = k.journey.submitTicket(TICKET_2)
    k.main.next('prepareVerification').answer(ok(session('job-1')))
    k.main.next('prepareVerification').answer(ok(session('job-2')))
    await Promise.all([first, second])
    await settle()

    expect(k.main.inputs('prepareVerification').map((input) => input.reference?.dossierId)).toEqual([
      'c0ffee00-0000-4000-8000-000000000001',
      'c0ffee00-0000-4000-8000-000000000003'
    ])
    expect(k.state()).toMatchObject({ screen: 'camera-check', jobId: 'job-2', preparation: 'ready' })
    expect(k.cancelled()).toEqual(['job-1'])
    expect(k.facetec.inits.map((init) => init.keys.deviceKeyIdentifier)).toEqual(['device-job-2'])
  })

  it('asks for another ticket when main does not find the check the ticket names', async () => {
    const k = setup({ referenceSource: 'ticket' })
    k.journey.start()
    k.journey.acceptConsent()
    const submitted = k.journey.submitTicket(TICKET_1)
    k.main.next('prepareVerification').answer(fail('not-found'))
    await submitted
    expect(k.state()).toMatchObject({ screen: 'reference', ticketError: 'reference.notFound' })
  })

  it('does not reuse a failed preparation: the next ticket is prepared again', async () => {
    // Without preparing ahead, the preparation runs when the face check starts.
    const k = setup({ referenceSource: 'ticket', prepareAhead: false })
    k.journey.start()
    k.journey.acceptConsent()
    await k.journey.submitTicket(TICKET_1)
    k.journey.cameraConfirmed()
    k.main.next('prepareVerification').answer(fail('not-found'))
    await settle()
    expect(k.state()).toMatchObject({ screen: 'reference', ticketError: 'reference.notFound' })

    await k.journey.submitTicket(TICKET_2)
    k.journey.cameraConfirmed()
    expect(k.main.inputs('prepareVerification').map((input) => input.reference?.dossierId)).toEqual([
      'c0ffee00-0000-4000-8000-000000000001',
      'c0ffee00-0000-4000-8000-000000000003'
    ])
    k.main.next('prepareVerification').answer(ok(session('job-2')))
    await settle()
    k.facetec.inits.at(-1)!.answer.resolve(INITIALIZED)
    await settle()
    expect(k.facetec.captures.map((capture) => capture.options.sessionToken)).toEqual(['token-job-2'])
  })
})

describe('the journey initializes FaceTec', () => {
  it('starts the capture on the initialization begun ahead: FaceTec is initialized once', async () => {
    const k = setup()
    const capture = await k.toCapture()
    expect(k.facetec.inits).toHaveLength(1)
    expect(capture.options).toMatchObject({ sessionToken: 'token-job-1', maxAttempts: SETTINGS.maxLivenessAttempts })
    expect(k.state().screen).toBe('liveness')
  })

  it('asks FaceTec again after a failed initialization, and gives up after the last attempt', async () => {
    const k = setup()
    k.journey.start()
    k.main.next('prepareVerification').answer(ok(session('job-1')))
    await settle()
    k.journey.acceptConsent()
    k.journey.cameraConfirmed()
    for (let attempt = 1; attempt < MAX_SDK_INIT_ATTEMPTS; attempt++) {
      k.facetec.inits.at(-1)!.answer.resolve(initFailed(FaceTecSDKStatus.NetworkIssues))
      await settle()
      expect(k.state()).toMatchObject({
        screen: 'retry',
        retryCause: 'initialization',
        retryMessage: 'facetec.init.network',
        initFailures: attempt
      })
      k.journey.tryAgain()
      await settle()
      // A fresh initialization, not the failed answer again.
      expect(k.facetec.inits).toHaveLength(attempt + 1)
    }
    k.facetec.inits.at(-1)!.answer.resolve(initFailed(FaceTecSDKStatus.NetworkIssues))
    await settle()
    expect(k.state()).toMatchObject({ screen: 'out-of-service', outOfService: 'sdk' })
    // Nobody can be checked: the visitor's dossier goes now, not at the next reset.
    expect(k.cancelled()).toEqual(['job-1'])
    expect(k.facetec.captures).toEqual([])
  })

  it('goes out of service at once when FaceTec cannot work at this kiosk (an invalid key)', async () => {
    const k = setup()
    k.journey.start()
    k.main.next('prepareVerification').answer(ok(session('job-1')))
    await settle()
    k.journey.acceptConsent()
    k.journey.cameraConfirmed()
    k.facetec.inits[0]!.answer.resolve(initFailed(FaceTecSDKStatus.KeyExpiredOrInvalid))
    await settle()
    expect(k.state()).toMatchObject({ screen: 'out-of-service', outOfService: 'sdk' })
    expect(k.cancelled()).toEqual(['job-1'])
  })

  it('goes out of service when the SDK script cannot load', async () => {
    const k = setup()
    k.journey.start()
    k.main.next('prepareVerification').answer(ok(session('job-1')))
    await settle()
    k.journey.acceptConsent()
    k.journey.cameraConfirmed()
    k.facetec.inits[0]!.answer.reject(
      new FaceTecError('script-load-failed', 'no script', 'facetec.unavailable', 'out-of-service')
    )
    await settle()
    expect(k.state()).toMatchObject({ screen: 'out-of-service', outOfService: 'sdk' })
  })

  it("does not let the last visit's late initialization make the next visit initialize FaceTec again", async () => {
    const k = setup()
    k.journey.start()
    k.main.next('prepareVerification').answer(ok(session('job-1')))
    await settle()
    k.journey.acceptConsent()
    k.journey.cameraConfirmed()
    await settle()
    await k.journey.reset()
    k.journey.start()
    k.main.next('prepareVerification').answer(ok(session('job-2')))
    await settle()
    expect(k.facetec.inits).toHaveLength(2)
    k.facetec.inits[0]!.answer.resolve(INITIALIZED)
    await settle()
    k.journey.acceptConsent()
    k.journey.cameraConfirmed()
    k.facetec.inits[1]!.answer.resolve(INITIALIZED)
    await settle()
    expect(k.facetec.inits).toHaveLength(2)
    expect(k.facetec.captures.map((capture) => capture.options.sessionToken)).toEqual(['token-job-2'])
  })

  it('does not start FaceTec for a visitor who left while the check was being prepared', async () => {
    const k = setup({ prepareAhead: false })
    k.journey.start()
    k.journey.acceptConsent()
    k.journey.cameraConfirmed()
    await k.journey.reset()
    k.main.next('prepareVerification').answer(ok(session('job-1')))
    await settle()
    expect(k.facetec.inits).toEqual([])
    expect(k.cancelled()).toEqual(['job-1'])
  })

  it('ignores an initialization that ends after the visitor left', async () => {
    const k = setup()
    k.journey.start()
    k.main.next('prepareVerification').answer(ok(session('job-1')))
    await settle()
    k.journey.acceptConsent()
    k.journey.cameraConfirmed()
    await k.journey.reset()
    k.facetec.inits[0]!.answer.resolve(initFailed(FaceTecSDKStatus.NetworkIssues))
    await settle()
    expect(k.state()).toMatchObject({ screen: 'attract', initFailures: 0, retryMessage: null })
    expect(k.facetec.captures).toEqual([])
  })
})

describe('the journey runs the capture', () => {
  it('hands the capture to main once, then follows the job to its result', async () => {
    const k = setup()
    const capture = await k.toCapture()
    const progress: number[] = []
    const decision = capture.options.submit(CAPTURE, (fraction) => progress.push(fraction))
    expect(k.state().sending).toBe(true)
    const handedOver = k.main.next('submitCapture')
    expect(handedOver.input).toEqual({ jobId: 'job-1', ...CAPTURE })
    handedOver.answer(ok(job('job-1', 'submitted')))
    expect(await decision).toEqual({ kind: 'done' })
    expect(progress).toEqual([0.2, 1])

    capture.answer.resolve(SUBMITTED)
    await settle()
    expect(k.state()).toMatchObject({ screen: 'processing', sending: false })
    k.main.emit('onJobUpdated', job('job-1', 'processing'))
    expect(k.state().screen).toBe('processing')
    k.main.emit('onJobUpdated', job('job-1', 'completed', { result: 'accepted' }))
    expect(k.state()).toMatchObject({ screen: 'result', result: 'accepted' })
    expect(k.main.inputs('submitCapture')).toHaveLength(1)
  })

  it('starts one FaceTec session when "Continue" is pressed twice', async () => {
    const k = setup()
    await k.toCapture()
    k.journey.cameraConfirmed()
    await settle()
    // FaceTec is initialized already: the adapter would answer at once.
    for (const init of k.facetec.inits) init.answer.resolve(INITIALIZED)
    await settle()
    expect(k.facetec.captures).toHaveLength(1)
    expect(k.state()).toMatchObject({ screen: 'liveness', attempts: 0 })
  })

  it('aborts a capture under way when the visit is reset, and ignores how it ends', async () => {
    const k = setup()
    const capture = await k.toCapture()
    // The staff chord during FaceTec's UI: the visit ends at once.
    await k.journey.openStaff()
    expect(capture.options.signal?.aborted).toBe(true)
    expect(k.facetec.visitsEnded).toBe(1)
    expect(k.cancelled()).toEqual(['job-1'])
    expect(k.state().screen).toBe('staff-pin')

    capture.answer.resolve(failedCapture(TIMED_OUT))
    await settle()
    expect(k.state()).toMatchObject({ screen: 'staff-pin', attempts: 0, retryMessage: null })
    expect(k.main.inputs('prepareVerification')).toHaveLength(1)
  })

  it("can still abort the next visit's capture when the last visit's capture ends late", async () => {
    const k = setup()
    const first = await k.toCapture('job-1')
    await k.journey.reset()
    const second = await k.toCapture('job-2')
    first.answer.resolve(failedCapture(TIMED_OUT))
    await settle()
    expect(k.state()).toMatchObject({ screen: 'liveness', attempts: 0 })
    await k.journey.reset()
    expect(second.options.signal?.aborted).toBe(true)
  })

  it('does not send main a capture FaceTec hands over after the visitor left', async () => {
    const k = setup()
    const capture = await k.toCapture()
    await k.journey.reset()
    const decision = await capture.options.submit(CAPTURE, () => undefined)
    expect(decision).toEqual({ kind: 'cancel' })
    expect(k.main.inputs('submitCapture')).toEqual([])
    expect(k.state().sending).toBe(false)
  })

  it("keeps main's late answer to a capture out of the next visit", async () => {
    const k = setup()
    const capture = await k.toCapture()
    const decision = capture.options.submit(CAPTURE, () => undefined)
    const handedOver = k.main.next('submitCapture')
    await k.journey.reset()
    handedOver.answer(ok(job('job-1', 'submitted')))
    await decision
    await settle()
    expect(k.state()).toMatchObject({ screen: 'attract', job: null, jobId: null, sending: false })
  })

  it('shows at once a job that fails before its capture (the ticket names a check without a photo)', async () => {
    const k = setup({ referenceSource: 'ticket' })
    k.journey.start()
    k.journey.acceptConsent()
    const submitted = k.journey.submitTicket(TICKET_1)
    k.main.next('prepareVerification').answer(ok(session('job-1')))
    await submitted
    expect(k.state().screen).toBe('camera-check')
    k.main.emit('onJobUpdated', failedJob('job-1', 'reference-not-provided'))
    expect(k.state()).toMatchObject({ screen: 'reference', ticketError: 'reference.noPhoto' })
  })

  it("ignores updates of another visit's job", async () => {
    const k = setup()
    await k.toCapture('job-2')
    k.main.emit('onJobUpdated', failedJob('job-1', 'storage'))
    expect(k.state()).toMatchObject({ screen: 'liveness', job: null })
  })
})

describe('the journey after a failed face check', () => {
  it('counts the attempt, gives up the spent process and prepares a fresh one while the retry screen is read', async () => {
    const k = setup()
    const capture = await k.toCapture()
    capture.answer.resolve(failedCapture(TIMED_OUT))
    await settle()
    expect(k.state()).toMatchObject({ screen: 'retry', attempts: 1, retryMessage: 'facetec.session.timeout' })
    expect(k.cancelled()).toEqual(['job-1'])
    expect(k.main.pending('prepareVerification')).toBe(1)

    k.main.next('prepareVerification').answer(ok(session('job-2')))
    await settle()
    k.facetec.inits.at(-1)!.answer.resolve(INITIALIZED)
    k.journey.tryAgain()
    await settle()
    expect(k.facetec.captures.at(-1)?.options).toMatchObject({ sessionToken: 'token-job-2', maxAttempts: 2 })
  })

  it('does not count a check the visitor stopped', async () => {
    const k = setup()
    const capture = await k.toCapture()
    capture.answer.resolve(failedCapture(USER_CANCELLED))
    await settle()
    expect(k.state()).toMatchObject({ screen: 'retry', attempts: 0 })
  })

  it('calls staff after the last allowed attempt', async () => {
    const k = setup({ maxLivenessAttempts: 1 })
    const capture = await k.toCapture()
    capture.answer.resolve(failedCapture(TIMED_OUT))
    await settle()
    expect(k.state()).toMatchObject({ screen: 'call-staff', callStaff: { kind: 'retry-limit', attempts: 1 } })
    expect(k.main.pending('prepareVerification')).toBe(0)
  })

  it('plays the staff chime once when the last attempt sends the visitor to staff (when configured)', async () => {
    const k = setup({ maxLivenessAttempts: 2 })
    const chimes: SentToStaffReason[] = []
    createSentToStaffSignal({
      store: k.store,
      report: () => undefined,
      chime: () => chimes.push(sentToStaffReason(k.state()) ?? 'failure'),
      chimeEnabled: () => true
    }).connect()
    const first = await k.toCapture()
    first.answer.resolve(failedCapture(TIMED_OUT))
    await settle()
    expect(k.state().screen).toBe('retry')
    expect(chimes).toEqual([])
    k.main.next('prepareVerification').answer(ok(session('job-2')))
    await settle()
    k.facetec.inits.at(-1)!.answer.resolve(INITIALIZED)
    k.journey.tryAgain()
    await settle()
    k.facetec.captures.at(-1)!.answer.resolve(failedCapture(TIMED_OUT))
    await settle()
    expect(k.state().screen).toBe('call-staff')
    expect(chimes).toEqual(['retry-limit'])
  })
})

describe('the journey resets', () => {
  it('cancels a job not yet captured and speaks the default language again', async () => {
    const k = setup()
    await k.toCapture()
    await k.journey.reset()
    expect(k.cancelled()).toEqual(['job-1'])
    expect(k.languages).toEqual(['nb'])
    expect(k.state()).toMatchObject({ screen: 'attract', jobId: null, attempts: 0 })
  })

  it('leaves a captured job to finish by itself', async () => {
    const k = setup()
    const capture = await k.toCapture()
    const decision = capture.options.submit(CAPTURE, () => undefined)
    k.main.next('submitCapture').answer(ok(job('job-1', 'submitted')))
    await decision
    await k.journey.reset()
    expect(k.cancelled()).toEqual([])
  })

  it('returns to the out-of-service screen while main reports a set-up problem', async () => {
    const k = setup({}, { ...ONLINE, setupProblem: 'No secure key store' })
    expect(k.state()).toMatchObject({ screen: 'out-of-service', outOfService: 'configuration' })
    await k.journey.reset()
    expect(k.state()).toMatchObject({ screen: 'out-of-service', outOfService: 'configuration' })
  })
})

describe('the journey follows main', () => {
  it('is out of service while Assure is unreachable, and back on the attract screen when it returns', async () => {
    const k = setup()
    k.statusStore.setState({ status: { ...ONLINE, connectivity: 'offline' } })
    expect(k.state()).toMatchObject({ screen: 'out-of-service', outOfService: 'assure' })
    k.journey.start()
    expect(k.main.inputs('prepareVerification')).toEqual([])
    k.statusStore.setState({ status: { ...ONLINE, connectivity: 'online' } })
    await settle()
    expect(k.state()).toMatchObject({ screen: 'attract', outOfService: null })
  })

  it('stops following main once disconnected', () => {
    const k = setup()
    k.disconnect()
    expect(k.main.listeners('onJobUpdated')).toBe(0)
    expect(k.main.listeners('onStaffSessionChanged')).toBe(0)
    k.statusStore.setState({ status: { ...ONLINE, connectivity: 'offline' } })
    expect(k.state().screen).toBe('attract')
  })
})

describe('the journey and staff mode', () => {
  it('ends the visit before asking for the PIN, once however often the entry is used', async () => {
    const k = setup()
    await k.toCapture()
    await k.journey.openStaff()
    await k.journey.openStaff()
    expect(k.facetec.visitsEnded).toBe(1)
    expect(k.state().screen).toBe('staff-pin')
  })

  it('reloads the settings and returns to the attract screen when main ends the staff session', async () => {
    const k = setup()
    await k.journey.openStaff()
    k.journey.staffUnlocked()
    expect(k.state().screen).toBe('staff')
    k.main.emit('onStaffSessionChanged', { unlocked: false, expiresAt: null })
    await settle()
    expect(k.reloads()).toBe(1)
    expect(k.state().screen).toBe('attract')
  })

  it('leaves staff mode once, though main also reports the session ended and staff press twice', async () => {
    const k = setup()
    // Main tells every window the session ended while it answers the lock.
    k.main.respond('lockStaff', () => {
      k.main.emit('onStaffSessionChanged', { unlocked: false, expiresAt: null })
      return ok({ unlocked: false, expiresAt: null })
    })
    await k.journey.openStaff()
    k.journey.staffUnlocked()
    await Promise.all([k.journey.leaveStaff(), k.journey.leaveStaff()])
    await settle()
    expect(k.main.inputs('lockStaff')).toHaveLength(1)
    expect(k.reloads()).toBe(1)
    // One reset for the staff entry, one for leaving.
    expect(k.facetec.visitsEnded).toBe(2)
    expect(k.state().screen).toBe('attract')
  })

  it('locks staff mode, reloads the settings and starts afresh when staff leave', async () => {
    const k = setup()
    await k.journey.openStaff()
    k.journey.staffUnlocked()
    await k.journey.leaveStaff()
    expect(k.main.inputs('lockStaff')).toHaveLength(1)
    expect(k.reloads()).toBe(1)
    expect(k.state().screen).toBe('attract')
  })
})
