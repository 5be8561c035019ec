/**
 * The staff controller, driven without a browser: main's API is a fake whose calls the test answers,
 * in the order it chooses. What staff see is the staff store: each tab's data and the notice line.
 */
import { describe, expect, it } from 'vitest'
import type { AuditEntry, Diagnostics, FaceTecOutcomeRecord, JobView, StaffJob } from '../../../preload/api'
import { createStaffController } from '../../../renderer/src/staff/staff-controller'
import { createStaffStore, INITIAL_STAFF } from '../../../renderer/src/staff/staff-store'
import { createFakeKioskApi, fail, ok, settle } from '../support/fake-kiosk-api'
import { STAFF_OVERVIEW as OVERVIEW } from '../support/staff-overview'

/** One page of the queue as main answers it, holding these jobs. */
const pageOf = (jobs: StaffJob[]) => ({ jobs, page: 0, pages: 1, total: jobs.length })

const AT = '2026-01-01T10:00:00.000Z'

function staffJob(jobId: string, more: Partial<StaffJob> = {}): StaffJob {
  return {
    jobId,
    visitReference: null,
    phase: 'queued',
    result: null,
    failure: null,
    attempts: 2,
    createdAt: AT,
    updatedAt: AT,
    lastError: 'startVerification: network ECONNRESET',
    detail: null,
    hasArchivedResult: false,
    ...more
  }
}

const jobView = (job: StaffJob, more: Partial<JobView>): JobView => {
  const { lastError: _lastError, detail: _detail, hasArchivedResult: _archived, ...view } = job
  return { ...view, ...more }
}

const DIAGNOSTICS: Diagnostics = {
  assure: { ok: true, latencyMs: 42, error: null },
  token: { ok: true, failure: null, status: null },
  sdk: { ok: true, simulated: false, version: '9.7.27', problem: null },
  configFile: '/etc/assure-kiosk/config.json',
  dossier: { ok: true, failure: null },
  at: AT
}

const FACETEC: FaceTecOutcomeRecord = {
  phase: 'session',
  ok: true,
  status: { code: 0, name: 'SessionCompletedSuccessfully' },
  reason: 'submitted',
  action: 'continue',
  mode: 'production',
  sdkVersion: '9.7.27',
  scans: 1,
  errorCodes: [],
  at: AT,
  simulated: false
}

const AUDIT: AuditEntry[] = [{ at: AT, actor: 'staff', action: 'staff.unlocked', params: {} }]

function setup() {
  const main = createFakeKioskApi()
  const store = createStaffStore()
  const staff = createStaffController({ api: main.api, store })
  return { main, store, staff, state: () => store.getState() }
}

/** Staff mode open on the overview, answered. */
async function opened() {
  const k = setup()
  const close = k.staff.open()
  k.main.next('getStaffOverview').answer(ok(OVERVIEW))
  await settle()
  return { ...k, close }
}

describe('the staff controller', () => {
  it('opens on the overview as main answers it; closing forgets it all and stops following main', async () => {
    const k = await opened()
    expect(k.state()).toMatchObject({ tab: 'overview', overview: OVERVIEW, notice: null })
    expect(k.main.listeners('onJobUpdated')).toBe(1)
    k.close()
    expect(k.state()).toEqual(INITIAL_STAFF)
    expect(k.main.listeners('onJobUpdated')).toBe(0)
  })

  it('loads a tab afresh each time it is shown', async () => {
    const k = await opened()
    const shown = k.staff.showTab('queue')
    expect(k.state()).toMatchObject({ tab: 'queue', jobs: null })
    k.main.next('listJobs').answer(ok(pageOf([staffJob('job-1')])))
    await shown
    expect(k.state().jobs?.map((job) => job.jobId)).toEqual(['job-1'])

    void k.staff.showTab('overview')
    void k.staff.showTab('queue')
    // Until main answers again, the queue shows nothing rather than what it was a while ago.
    expect(k.state().jobs).toBeNull()
    expect(k.main.pending('listJobs')).toBe(1)
  })

  it("drops a tab's data that arrives after staff moved on to another tab, and its failure too", async () => {
    const k = await opened()
    void k.staff.showTab('queue')
    void k.staff.showTab('audit')
    k.main.next('listJobs').answer(fail('unavailable'))
    k.main.next('listAuditLog').answer(ok(AUDIT))
    await settle()
    expect(k.state()).toMatchObject({ tab: 'audit', jobs: null, audit: AUDIT, notice: null })
  })

  it('keeps nothing that arrives after staff mode closed', async () => {
    const k = setup()
    const close = k.staff.open()
    close()
    k.main.next('getStaffOverview').answer(ok(OVERVIEW))
    await settle()
    expect(k.state()).toEqual(INITIAL_STAFF)

    const again = await opened()
    const exported = again.staff.exportAuditLog()
    again.close()
    again.main.next('exportAuditLog').answer(fail('internal'))
    await exported
    expect(again.state().notice).toBeNull()
  })

  it('says a failed load in words, and clears the notice when another tab is shown', async () => {
    const k = setup()
    k.staff.open()
    k.main.next('getStaffOverview').answer(fail('unauthorized'))
    await settle()
    expect(k.state()).toMatchObject({ overview: null, notice: { key: 'staff.error.unauthorized' } })
    void k.staff.showTab('queue')
    expect(k.state().notice).toBeNull()
  })

  it.each([
    ['chooseReferencePhoto', 'invalid-input', 'staff.error.photo'],
    ['setCredentials', 'invalid-input', 'staff.error.secret'],
    ['setCredentials', 'conflict', 'staff.error.demoCredentials'],
    ['setCredentials', 'misconfigured', 'staff.credentials.keyStore'],
    ['retryJob', 'conflict', 'staff.error.retry'],
    ['exportResult', 'not-found', 'staff.error.noResult'],
    ['discardJob', 'not-found', 'staff.error.not-found'],
    ['clearReferencePhoto', 'unavailable', 'staff.error.unavailable']
  ] as const)('says %s answered %s as %s', async (call, code, key) => {
    const k = await opened()
    const actions = {
      chooseReferencePhoto: () => k.staff.chooseReferencePhoto(),
      clearReferencePhoto: () => k.staff.clearReferencePhoto(),
      setCredentials: () => k.staff.saveCredentials({ clientId: '', clientSecret: 's3cret' }),
      retryJob: () => k.staff.retryJob('job-1'),
      discardJob: () => k.staff.discardJob('job-1'),
      exportResult: () => k.staff.exportResult('job-1')
    }
    void actions[call]()
    k.main.next(call).answer(fail(code))
    await settle()
    expect(k.state().notice).toEqual({ key })
  })

  it('says "internal" when the bridge itself failed (the call never got an answer)', async () => {
    const k = await opened()
    k.main.breakBridge('exportAuditLog')
    await k.staff.exportAuditLog()
    expect(k.state().notice).toEqual({ key: 'staff.error.internal' })
  })

  it('saves credentials without an empty client id, says so, and shows the overview main now has', async () => {
    const k = await opened()
    const saved = k.staff.saveCredentials({ clientId: '', clientSecret: 's3cret' })
    const call = k.main.next('setCredentials')
    expect(call.input).toEqual({ clientSecret: 's3cret' })
    call.answer(ok({ clientId: 'client-1', secretStored: true, problem: null }))
    await settle()
    expect(k.state().notice).toEqual({ key: 'staff.credentials.saved' })
    const reloaded = { ...OVERVIEW, credentials: { ...OVERVIEW.credentials, secretStored: true } }
    k.main.next('getStaffOverview').answer(ok(reloaded))
    await saved
    expect(k.state().overview).toEqual(reloaded)

    void k.staff.saveCredentials({ clientId: 'client-2', clientSecret: 'other' })
    expect(k.main.next('setCredentials').input).toEqual({ clientId: 'client-2', clientSecret: 'other' })
  })

  it('says where an exported result was saved, and nothing when staff cancelled the save dialog', async () => {
    const k = await opened()
    const first = k.staff.exportResult('job-1')
    const call = k.main.next('exportResult')
    expect(call.input).toEqual({ jobId: 'job-1' })
    call.answer(ok({ saved: true, fileName: 'assure-result-job-1.zip' }))
    await first
    expect(k.state().notice).toEqual({ key: 'staff.queue.saved', params: { fileName: 'assure-result-job-1.zip' } })
    const second = k.staff.exportResult('job-1')
    k.main.next('exportResult').answer(ok({ saved: false, fileName: null }))
    await second
    expect(k.state().notice).toBeNull()
  })

  it("updates the queue's rows from main's job events without asking main again", async () => {
    const k = await opened()
    const shown = k.staff.showTab('queue')
    const queued = staffJob('job-1')
    k.main.next('listJobs').answer(ok(pageOf([queued, staffJob('job-2')])))
    await shown
    k.main.emit('onJobUpdated', jobView(queued, { phase: 'completed', result: 'accepted' }))
    k.main.emit('onJobUpdated', jobView(staffJob('job-3'), { phase: 'processing' }))
    expect(k.state().jobs?.map((job) => [job.jobId, job.phase, job.result, job.lastError])).toEqual([
      ['job-1', 'completed', 'accepted', queued.lastError],
      ['job-2', 'queued', null, queued.lastError]
    ])
    expect(k.main.inputs('listJobs')).toHaveLength(1)
  })

  it('retries or discards a job, then shows the queue as main now has it', async () => {
    const k = await opened()
    void k.staff.showTab('queue')
    k.main.next('listJobs').answer(ok(pageOf([staffJob('job-1'), staffJob('job-2')])))
    await settle()

    const retried = k.staff.retryJob('job-1')
    k.main.next('retryJob').answer(ok(jobView(staffJob('job-1'), { phase: 'submitted' })))
    await settle()
    k.main.next('listJobs').answer(ok(pageOf([staffJob('job-1', { phase: 'processing' }), staffJob('job-2')])))
    await retried
    const discarded = k.staff.discardJob('job-2')
    k.main.next('discardJob').answer(ok(jobView(staffJob('job-2'), { phase: 'cancelled' })))
    await settle()
    k.main.next('listJobs').answer(ok(pageOf([staffJob('job-1', { phase: 'processing' })])))
    await discarded

    expect(k.main.inputs('retryJob')).toEqual([{ jobId: 'job-1' }])
    expect(k.main.inputs('discardJob')).toEqual([{ jobId: 'job-2' }])
    expect(k.state().jobs?.map((job) => job.jobId)).toEqual(['job-1'])
    expect(k.state().notice).toBeNull()
  })

  it('confirms the staff photo, closes or reopens the kiosk, and acknowledges visitors, each followed by the overview main now has', async () => {
    const k = await opened()
    const confirmed = k.staff.confirmReferencePhoto()
    k.main.next('confirmReferencePhoto').answer(ok({ chosen: true, bytes: 17_846 }))
    await settle()
    expect(k.state().notice).toEqual({ key: 'staff.photo.confirmed' })
    k.main.next('getStaffOverview').answer(ok(OVERVIEW))
    await confirmed

    const closing = k.staff.setClosed(true)
    const close = k.main.next('setKioskClosed')
    expect(close.input).toEqual({ closed: true })
    close.answer(ok({ closed: true }))
    await settle()
    expect(k.state().notice).toEqual({ key: 'staff.closed.done' })
    const closedOverview = { ...OVERVIEW, closed: true }
    k.main.next('getStaffOverview').answer(ok(closedOverview))
    await closing
    expect(k.state().overview?.closed).toBe(true)

    const reopening = k.staff.setClosed(false)
    k.main.next('setKioskClosed').answer(ok({ closed: false }))
    await settle()
    expect(k.state().notice).toEqual({ key: 'staff.reopened.done' })
    k.main.next('getStaffOverview').answer(ok(OVERVIEW))
    await reopening

    const seen = k.staff.acknowledgeSentToStaff()
    k.main.next('acknowledgeSentToStaff').answer(ok({ acknowledged: 1 }))
    await settle()
    k.main.next('getStaffOverview').answer(ok({ ...OVERVIEW, sentToStaffWaiting: 0 }))
    await seen
    expect(k.state().overview?.sentToStaffWaiting).toBe(0)
  })

  it('says so when there is no chosen photo to confirm', async () => {
    const k = await opened()
    const confirmed = k.staff.confirmReferencePhoto()
    k.main.next('confirmReferencePhoto').answer(fail('conflict'))
    await settle()
    expect(k.state().notice).toEqual({ key: 'staff.error.conflict' })
    k.main.next('getStaffOverview').answer(ok(OVERVIEW))
    await confirmed
  })

  it("shows FaceTec's last outcome on the diagnostics tab, and runs the checks when asked", async () => {
    const k = await opened()
    void k.staff.showTab('diagnostics')
    expect(k.state().facetec).toBeUndefined()
    k.main.next('getFaceTecOutcome').answer(ok(null))
    await settle()
    // null is an answer: FaceTec has not run since the kiosk started.
    expect(k.state()).toMatchObject({ facetec: null, diagnostics: null })

    const run = k.staff.runDiagnostics()
    k.main.next('runDiagnostics').answer(ok(DIAGNOSTICS))
    k.main.next('getFaceTecOutcome').answer(ok(FACETEC))
    await run
    expect(k.state()).toMatchObject({ diagnostics: DIAGNOSTICS, facetec: FACETEC, notice: null })
  })

  it('edits the settings form without telling main, and saves the whole form when asked', async () => {
    const k = await opened()
    void k.staff.showTab('settings')
    k.main.next('getStaffOverview').answer(ok(OVERVIEW))
    await settle()
    k.staff.editSettings({ maxLivenessAttempts: 2 })
    k.staff.editSettings({ defaultLanguage: 'fi' })
    expect(k.main.inputs('updateStaffSettings')).toEqual([])

    const saved = k.staff.saveSettings()
    const call = k.main.next('updateStaffSettings')
    expect(call.input).toEqual({ ...OVERVIEW.settings, maxLivenessAttempts: 2, defaultLanguage: 'fi' })
    call.answer(ok({ ...OVERVIEW.settings, maxLivenessAttempts: 2, defaultLanguage: 'fi' }))
    await saved
    expect(k.state().notice).toEqual({ key: 'staff.settings.saved' })
  })

  it("passes the PIN to main and answers main's verdict; null when the check itself failed", async () => {
    const k = setup()
    const wrong = k.staff.unlock('1234')
    const call = k.main.next('unlockStaff')
    expect(call.input).toEqual({ pin: '1234' })
    call.answer(ok({ outcome: 'wrong', attemptsLeft: 4 }))
    expect(await wrong).toEqual({ outcome: 'wrong', attemptsLeft: 4 })

    const refused = k.staff.unlock('1234')
    k.main.next('unlockStaff').answer(fail('internal'))
    expect(await refused).toBeNull()
    k.main.breakBridge('unlockStaff')
    expect(await k.staff.unlock('1234')).toBeNull()
  })
})
