/**
 * Staff mode in main, through its bridge calls (the staff handlers in front of the staff service):
 * nothing without the PIN, everything audited, secrets write-only, exports through the (test-answered)
 * dialogs. Runs against a real engine, client and sandbox.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { invokeContract, type InvokeName, type JobView, type JourneySettings } from '../../../preload/api'
import { createHttpProbe } from '../../../main/connectivity/http-probe'
import { createFaceTecOutcomes } from '../../../main/facetec/outcomes'
import { createEventPublisher } from '../../../main/ipc/event-publisher'
import { ServiceError } from '../../../main/ipc/service-error'
import { systemClock } from '../../../main/lib/clock'
import { createLogger } from '../../../main/log/logger'
import { silentLogger } from '../../support/log'
import { startSandbox, type Sandbox } from '../../../main/sandbox/fault-control'
import { createAuditLog } from '../../../main/staff/audit-log'
import { createDeskState } from '../../../main/staff/desk-state'
import { createPinAttemptLimiter, createPinGate, hashPin } from '../../../main/staff/pin'
import { staffHandlers } from '../../../main/staff/handlers'
import { createStaffService, type StaffDialogs } from '../../../main/staff/staff-service'
import { createStaffOverrides } from '../../../main/storage/staff-overrides'
import { memoryBacking } from '../../support/memory-backing'
import { createSecretStore } from '../../../main/storage/secret-store'
import { createReferenceSource } from '../../../main/verification/reference-source'
import { FIXTURES } from '../../support/assure'
import { captureFor, makeEngine, type TestEngine } from '../../support/engine'
import { ManualClock } from '../../support/manual-clock'
import { tempDir } from '../../support/temp-dir'
import { parseConfig } from '../../../main/config/config'
import { readOperatorSettings } from '../../../main/config/operator'

const PIN = '482916'
/** The config's journey settings: production's defaults, offering English and Norwegian only. */
const JOURNEY: JourneySettings = {
  languages: ['en', 'nb'],
  defaultLanguage: 'en',
  idleTimeoutSeconds: 60,
  idleCountdownSeconds: 15,
  maxLivenessAttempts: 3,
  referenceSource: 'configured',
  resultSeconds: 30,
  prepareAhead: true,
  sdk: { baseUrl: '/facetec-sdk/', simulated: false },
  processingHandOverSeconds: 45,
  operator: (await readOperatorSettings(parseConfig({}))).settings
}
let sandbox: Sandbox
let pinHash: string

beforeAll(async () => {
  sandbox = await startSandbox({ behaviour: { processingDelayMs: 0 } })
  // Cheap scrypt parameters: the hash format is what matters here, not its cost.
  pinHash = await hashPin(PIN, { N: 1024, r: 8, p: 1 })
})
afterAll(async () => {
  await sandbox.close()
})

const fakeSafeStorage = {
  isAsyncEncryptionAvailable: async () => true,
  encryptStringAsync: async (text: string) => Buffer.from(`OSK:${Buffer.from(text).toString('base64')}`),
  decryptStringAsync: async (data: Buffer) => ({
    result: Buffer.from(data.toString().slice(4), 'base64').toString(),
    shouldReEncrypt: false
  }),
  getSelectedStorageBackend: () => 'gnome_libsecret'
}

let engines: TestEngine[] = []
afterEach(async () => {
  sandbox.control.clearFaults()
  await Promise.all(engines.map((engine) => engine.close()))
  engines = []
})

async function setup(
  options: {
    dialogs?: Partial<StaffDialogs>
    engine?: Parameters<typeof makeEngine>[2]
    demo?: boolean
    configFile?: string
    /** Where the staff clock starts (the engine's jobs are dated by the system clock). */
    clockStart?: number
    /** What staff changed earlier (as stored). */
    stored?: unknown
    quit?: () => void
  } = {}
) {
  const dir = await tempDir('kiosk-staff')
  const t = makeEngine(sandbox, dir, options.engine)
  engines.push(t)
  await t.engine.start()
  const clock = new ManualClock(options.clockStart)
  const events = createEventPublisher(silentLogger)
  const pushed: unknown[] = []
  events.attach({ send: (_channel, payload) => pushed.push(payload) })
  const audit = createAuditLog({ dir: join(dir, 'audit'), clock, log: silentLogger, kioskId: 'staff-test' })
  const secrets = createSecretStore({
    file: join(dir, 'keys', 'secret.bin'),
    safeStorage: fakeSafeStorage,
    allowPlaintextBackend: false,
    platform: 'linux',
    log: silentLogger
  })
  const reference = createReferenceSource({ clock })
  const desk = createDeskState({ file: join(dir, 'desk.json'), clock, log: silentLogger })
  const overrides = createStaffOverrides(memoryBacking(options.stored), silentLogger)
  const facetec = createFaceTecOutcomes({ log: silentLogger, clock, simulated: false })
  const saved: string[] = []
  const staff = createStaffService({
    quit: options.quit,
    pin: createPinGate({ pinHash, limiter: createPinAttemptLimiter({ clock }) }),
    sessionMinutes: 10,
    clock,
    log: createLogger({ sink: () => {} }),
    audit,
    events,
    dialogs: {
      saveFile: async ({ defaultName }) => {
        const path = join(dir, defaultName)
        saved.push(path)
        return path
      },
      openImage: async () => join(FIXTURES, 'reference-photo.jpg'),
      ...options.dialogs
    },
    engine: t.engine,
    client: t.http.client,
    connectivity: { current: () => ({ state: 'online', since: 0 }) },
    probe: createHttpProbe({ url: sandbox.url, dispatcher: t.http.dispatcher, clock: systemClock }),
    secrets: options.demo ? null : secrets,
    overrides,
    reference,
    desk,
    facetec,
    kiosk: {
      kioskId: 'staff-test',
      mode: 'live',
      version: '1.0.0',
      clientId: () => 'sandbox-demo-kiosk',
      sdk: { simulated: false, root: null, problem: 'No FaceTec SDK folder is configured (facetec.sdkFolder).' },
      configFile: options.configFile ?? null
    },
    journeySettings: () => overrides.journeySettings(JOURNEY)
  })
  const service = staffHandlers({ staff, facetec })
  return { service, t, clock, audit, secrets, reference, pushed, saved, dir, facetec, desk }
}

const staffCalls = (Object.keys(invokeContract) as InvokeName[]).filter(
  (name) => invokeContract[name].channel.startsWith('kiosk:staff:') && name !== 'unlockStaff' && name !== 'lockStaff'
)

describe('quitting the kiosk app', () => {
  it('is for staff only, is recorded in the audit log, ends the session, and quits after answering', async () => {
    const quit = vi.fn()
    const { service, clock } = await setup({ quit })
    await expect(service.quitKiosk(undefined)).rejects.toMatchObject({ code: 'unauthorized' })
    expect(quit).not.toHaveBeenCalled()

    await service.unlockStaff({ pin: PIN })
    expect(await service.quitKiosk(undefined)).toEqual({ quitting: true })
    // Not before the answer has gone back to the page.
    expect(quit).not.toHaveBeenCalled()
    await clock.advance(0)
    expect(quit).toHaveBeenCalledTimes(1)
    // The session is over: nothing else runs as staff.
    await expect(service.listAuditLog(undefined)).rejects.toMatchObject({ code: 'unauthorized' })
    await service.unlockStaff({ pin: PIN })
    const actions = (await service.listAuditLog(undefined)).map((entry) => entry.action)
    expect(actions).toContain('kiosk.quit')
  })
})

describe('staff mode', () => {
  it.each(staffCalls)('refuses %s while locked', async (name) => {
    const { service } = await setup()
    const call = service[name as keyof typeof service] as (input?: unknown) => Promise<unknown>
    const error = await call({ jobId: '3f6c2b1e-8d4a-4c1f-9b7e-2a5d6c8e9f01', clientSecret: 'x' }).then(
      () => null,
      (thrown: unknown) => thrown
    )
    expect(error).toBeInstanceOf(ServiceError)
    expect(error).toMatchObject({ code: 'unauthorized' })
  })

  it('unlocks with the right PIN, counts wrong ones down, locks after five, and audits without the PIN', async () => {
    const { service, audit } = await setup()
    expect(await service.unlockStaff({ pin: '000000' })).toEqual({ outcome: 'wrong', attemptsLeft: 4 })
    for (let i = 0; i < 3; i++) await service.unlockStaff({ pin: '000000' })
    expect(await service.unlockStaff({ pin: '000000' })).toEqual({ outcome: 'locked', retryInSeconds: 300 })
    // Locked: even the right PIN is refused now.
    expect(await service.unlockStaff({ pin: PIN })).toMatchObject({ outcome: 'locked' })
    const log = JSON.stringify(audit.latest(50))
    expect(log).toContain('staff.pin-wrong')
    expect(log).not.toContain('000000')
    expect(log).not.toContain(PIN)
  })

  it('locks itself after the session time without use, and tells the renderer', async () => {
    const { service, clock, pushed } = await setup()
    expect(await service.unlockStaff({ pin: PIN })).toMatchObject({ outcome: 'unlocked' })
    await service.getStaffOverview()
    await clock.advance(9 * 60_000)
    await service.getStaffOverview()
    await clock.advance(10 * 60_000)
    await expect(service.getStaffOverview()).rejects.toMatchObject({ code: 'unauthorized' })
    expect(pushed.at(-1)).toEqual({ unlocked: false, expiresAt: null })
  })

  it('stores credentials write-only: the secret is kept for main, never answered back or audited', async () => {
    const { service, secrets, audit } = await setup()
    await service.unlockStaff({ pin: PIN })
    const answer = await service.setCredentials({ clientId: 'prod-round-apple-9', clientSecret: 'very-secret-value' })
    expect(answer).toEqual({ clientId: 'sandbox-demo-kiosk', secretStored: true, problem: null })
    expect(JSON.stringify(answer)).not.toContain('very-secret-value')
    expect(await secrets.read()).toBe('very-secret-value')
    expect(JSON.stringify(audit.latest(10))).not.toContain('very-secret-value')
    await expect(service.setCredentials({ clientSecret: ' padded ' })).rejects.toMatchObject({ code: 'invalid-input' })
  })

  it('runs diagnostics: Assure reachable with its latency, a fresh token, the SDK folder problem', async () => {
    const { service } = await setup()
    await service.unlockStaff({ pin: PIN })
    const before = sandbox.control.calls()
    const result = await service.runDiagnostics()
    // Codes and numbers only: the renderer words them in the kiosk's language.
    expect(result.assure).toEqual({ ok: true, latencyMs: expect.any(Number), error: null })
    expect(result.token).toEqual({ ok: true, failure: null, status: null })
    expect(result.sdk).toEqual({ ok: false, simulated: false, version: null, problem: 'not-configured' })
    // No config file here: staff read "no file" rather than a path.
    expect(result.configFile).toBeNull()
    // End to end: a dossier created at Assure and deleted again, leaving nothing behind.
    expect(result.dossier).toEqual({ ok: true, failure: null })
    const calls = sandbox.control.calls()
    expect([calls.createDossier - before.createDossier, calls.deleteDossier - before.deleteDossier]).toEqual([1, 1])
    sandbox.control.addFault({ endpoint: 'createDossier', fault: { kind: 'status', status: 400 } })
    expect((await service.runDiagnostics()).dossier).toEqual({ ok: false, failure: 'client' })
    sandbox.control.clearFaults()
    sandbox.control.addFault({ endpoint: 'token', fault: { kind: 'status', status: 401 } })
    const refused = await service.runDiagnostics()
    expect(refused.token).toEqual({ ok: false, failure: 'auth', status: 401 })
    // Without a token there is nothing to try the dossier with.
    expect(refused.dossier).toEqual({ ok: false, failure: null })
  })

  it('names the config file main loaded, so staff can tell which file the kiosk runs on', async () => {
    const { service } = await setup({ configFile: '/etc/assure-kiosk/config.json' })
    await service.unlockStaff({ pin: PIN })
    expect((await service.runDiagnostics()).configFile).toBe('/etc/assure-kiosk/config.json')
  })

  it('shows staff the last FaceTec outcome the renderer reported, with when it came', async () => {
    const { service, facetec, clock } = await setup()
    await service.unlockStaff({ pin: PIN })
    expect(await service.getFaceTecOutcome()).toBeNull()
    facetec.report({
      phase: 'initialization',
      ok: false,
      status: { code: 2, name: 'NetworkIssues' },
      reason: 'sdk-status',
      action: 'retry',
      mode: 'development',
      sdkVersion: '9.7.27',
      scans: 0,
      errorCodes: []
    })
    expect(await service.getFaceTecOutcome()).toMatchObject({
      phase: 'initialization',
      status: { code: 2, name: 'NetworkIssues' },
      sdkVersion: '9.7.27',
      simulated: false,
      at: new Date(clock.now()).toISOString()
    })
  })

  it('describes the kiosk in codes, not sentences: the SDK problem, why secrets cannot be stored', async () => {
    const live = await setup()
    await live.service.unlockStaff({ pin: PIN })
    expect(await live.service.getStaffOverview()).toMatchObject({
      sdk: { problem: 'not-configured' },
      credentials: { problem: null },
      storageProblems: []
    })
    const demo = await setup({ demo: true })
    await demo.service.unlockStaff({ pin: PIN })
    expect((await demo.service.getStaffOverview()).credentials.problem).toBe('demo-mode')
  })

  it('lists the queue and exports an archived result through the save dialog', async () => {
    const { service, t, saved, audit } = await setup()
    await service.unlockStaff({ pin: PIN })
    const { jobId } = await t.engine.prepare()
    await t.engine.submitCapture(captureFor(jobId))
    await t.settled(jobId)
    const [job] = (await service.listJobs({})).jobs
    expect(job).toMatchObject({
      jobId,
      phase: 'completed',
      result: 'accepted',
      hasArchivedResult: true,
      lastError: null
    })
    expect(await service.exportResult({ jobId })).toEqual({ saved: true, fileName: `assure-result-${jobId}.zip` })
    expect(Object.keys(unzipSync(new Uint8Array(readFileSync(saved[0] ?? ''))))).toContain('process.json')
    // The audit log says what was exported, never the file name staff chose (it may name the person).
    expect(audit.latest(1)[0]).toEqual(expect.objectContaining({ action: 'result.exported', params: { jobId } }))
  })

  it('does not write the file name staff typed into the audit log (issue 17, row 13)', async () => {
    const exports = await tempDir('kiosk-exports')
    const { service, t, dir } = await setup({
      dialogs: { saveFile: async ({ kind }) => join(exports, `Ada Lovelace 101215-12345.${kind}`) }
    })
    await service.unlockStaff({ pin: PIN })
    const { jobId } = await t.engine.prepare()
    await t.engine.submitCapture(captureFor(jobId))
    await t.settled(jobId)
    await service.exportResult({ jobId })
    await service.exportAuditLog()
    const stored = readdirSync(join(dir, 'audit'))
      .map((name) => readFileSync(join(dir, 'audit', name), 'utf8'))
      .join('')
    expect(stored).toContain('result.exported')
    expect(stored).not.toContain('Lovelace')
  })

  it('answers “not saved” when staff cancel the save dialog', async () => {
    const { service, t } = await setup({ dialogs: { saveFile: async () => null } })
    await service.unlockStaff({ pin: PIN })
    const { jobId } = await t.engine.prepare()
    await t.engine.submitCapture(captureFor(jobId))
    await t.settled(jobId)
    expect(await service.exportResult({ jobId })).toEqual({ saved: false, fileName: null })
  })

  it('takes a reference photo from a file, refusing one that is not a JPEG or PNG', async () => {
    const { service, reference, dir } = await setup()
    await service.unlockStaff({ pin: PIN })
    expect(await service.chooseReferencePhoto()).toEqual({ chosen: true, bytes: expect.any(Number) })
    // Chosen is not in force: staff see its thumbnail first, and confirm it for the next visitor.
    expect(reference.describe().source).toBe('none')
    const chosen = (await service.getStaffOverview()).staffPhoto
    expect(chosen).toMatchObject({ state: 'chosen', until: null })
    expect(chosen?.image).toMatch(/^data:image\/jpeg;base64,\/9j\//)
    expect(await service.confirmReferencePhoto()).toEqual({ chosen: true, bytes: expect.any(Number) })
    expect(reference.describe().source).toBe('staff-file')
    expect((await service.getStaffOverview()).staffPhoto).toMatchObject({ state: 'ready', until: expect.any(String) })
    const bad = join(dir, 'notes.jpg')
    writeFileSync(bad, 'not a photo')
    const { service: second } = await setup({ dialogs: { openImage: async () => bad } })
    await second.unlockStaff({ pin: PIN })
    await expect(second.chooseReferencePhoto()).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'The image is neither a JPEG nor a PNG.'
    })
    expect((await service.clearReferencePhoto()).chosen).toBe(false)
    await expect(service.confirmReferencePhoto()).rejects.toMatchObject({ code: 'conflict' })
  })

  it('closes and reopens the kiosk, kept across a restart, audited, and told to every screen', async () => {
    const { service, audit, pushed, dir, clock } = await setup()
    expect(service.getDeskState()).toEqual({ closed: false })
    await service.unlockStaff({ pin: PIN })
    expect(await service.setKioskClosed({ closed: true })).toEqual({ closed: true })
    expect(service.getDeskState()).toEqual({ closed: true })
    expect(pushed).toContainEqual({ closed: true })
    // Closing twice is one change, audited once.
    await service.setKioskClosed({ closed: true })
    expect(createDeskState({ file: join(dir, 'desk.json'), clock, log: silentLogger }).closed()).toBe(true)
    await service.setKioskClosed({ closed: false })
    expect(
      audit
        .latest(10)
        .map((entry) => entry.action)
        .filter((action) => action.startsWith('kiosk.'))
    ).toEqual(['kiosk.reopened', 'kiosk.closed'])
  })

  it("counts visitors sent to staff today until staff acknowledge them, and shows today's numbers from the journal", async () => {
    // Today is the day the engine dates its jobs (by the system clock).
    const { service, t, audit } = await setup({ clockStart: Date.now() })
    const { jobId } = await t.engine.prepare()
    await t.engine.submitCapture(captureFor(jobId))
    await t.settled(jobId)
    // Without the PIN: the journey reports it from any visitor screen.
    expect(service.reportSentToStaff({ reason: 'retry-limit' })).toBeNull()
    expect(await service.reportSentToStaff({ reason: 'queued' })).toBeNull()
    await service.unlockStaff({ pin: PIN })
    const overview = await service.getStaffOverview()
    expect(overview.today).toEqual({
      visits: 1,
      accepted: 1,
      rejected: 0,
      inconclusive: 0,
      sentToStaff: 2,
      queued: 0,
      failed: 0
    })
    expect(overview.sentToStaffWaiting).toBe(2)
    expect(await service.acknowledgeSentToStaff()).toEqual({ acknowledged: 2 })
    const after = await service.getStaffOverview()
    expect(after.sentToStaffWaiting).toBe(0)
    expect(after.today.sentToStaff).toBe(2)
    expect(audit.latest(1)[0]).toMatchObject({ action: 'sent-to-staff.acknowledged', params: { count: 2 } })
  })

  it('shows the settings the journey runs with: a default language staff chose that the config no longer offers is not', async () => {
    const { service } = await setup({ stored: { settings: { defaultLanguage: 'fi', resultSeconds: 45 } } })
    await service.unlockStaff({ pin: PIN })
    expect((await service.getStaffOverview()).settings).toEqual({
      defaultLanguage: 'en',
      idleTimeoutSeconds: 60,
      maxLivenessAttempts: 3,
      resultSeconds: 45
    })
  })

  it('changes the journey settings it may, audits the names of those that changed, and exports the audit log', async () => {
    const { service, saved, audit } = await setup()
    await service.unlockStaff({ pin: PIN })
    expect(await service.updateStaffSettings({ maxLivenessAttempts: 5 })).toMatchObject({
      maxLivenessAttempts: 5,
      idleTimeoutSeconds: 60
    })
    // The settings form sends every setting: only the changed one is named.
    await service.updateStaffSettings({
      defaultLanguage: 'en',
      idleTimeoutSeconds: 90,
      maxLivenessAttempts: 5,
      resultSeconds: 30
    })
    expect(audit.latest(2).map(({ action, params }) => ({ action, params }))).toEqual([
      { action: 'settings.changed', params: { settings: 'idleTimeoutSeconds' } },
      { action: 'settings.changed', params: { settings: 'maxLivenessAttempts' } }
    ])
    expect(await service.exportAuditLog()).toMatchObject({ saved: true })
    const exported = saved.find((path) => path.endsWith('.jsonl')) ?? ''
    expect(existsSync(exported)).toBe(true)
    expect(readFileSync(exported, 'utf8')).toContain('settings.changed')
    expect((await service.lockStaff()).unlocked).toBe(false)
    await expect(service.listAuditLog()).rejects.toMatchObject({ code: 'unauthorized' })
  })
})

/** A verification whose capture is saved, left failed (retryable) or queued (Assure unreachable), with its dossier. */
async function jobIn(t: TestEngine, phase: 'failed' | 'queued'): Promise<{ jobId: string; dossierId: string }> {
  const before = new Set(sandbox.control.dossierIds())
  const { jobId } = await t.engine.prepare()
  const dossierId = sandbox.control.dossierIds().find((id) => !before.has(id)) ?? ''
  // failed: Assure's answers stop making sense; queued: Start verification never gets through.
  if (phase === 'failed') sandbox.control.addFault({ endpoint: 'getProcess', fault: { kind: 'malformed' } })
  else sandbox.control.addFault({ endpoint: 'startVerification', fault: { kind: 'reset' } })
  await t.engine.submitCapture(captureFor(jobId))
  if (phase === 'failed')
    expect(await t.settled(jobId)).toMatchObject({
      phase: 'failed',
      failure: { reason: 'bad-response', retryable: true }
    })
  else await expect.poll(() => t.engine.get(jobId)?.phase).toBe('queued')
  return { jobId, dossierId }
}

const capturesOf = (t: TestEngine, jobId: string): string[] =>
  readdirSync(join(t.dir, 'captures')).filter((name) => name.startsWith(jobId))

describe('the staff queue', () => {
  // One malformed answer fails a job, so a failed job is quick to have.
  const engine = { options: { maxMalformedAttempts: 1 } }

  it('retries a failed verification: the engine picks it up and finishes it, and the audit log names only the job', async () => {
    const { service, t, audit } = await setup({ engine })
    await service.unlockStaff({ pin: PIN })
    const { jobId } = await jobIn(t, 'failed')
    sandbox.control.clearFaults()
    expect(await service.retryJob({ jobId })).toMatchObject<Partial<JobView>>({ jobId, failure: null })
    expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: 'accepted' })
    expect(sandbox.control.duplicateStarts()).toBe(0)
    expect(audit.latest(1)).toEqual([
      { at: expect.any(String), actor: 'staff', action: 'job.retry', params: { jobId } }
    ])
  })

  it('refuses, as a conflict the renderer can word, to retry a job that finishes by itself or has finished', async () => {
    const { service, t } = await setup({ engine })
    await service.unlockStaff({ pin: PIN })
    const { jobId: queued } = await jobIn(t, 'queued')
    await expect(service.retryJob({ jobId: queued })).rejects.toMatchObject({ code: 'conflict' })
    sandbox.control.clearFaults()
    expect(await t.settled(queued)).toMatchObject({ phase: 'completed' })
    await expect(service.retryJob({ jobId: queued })).rejects.toMatchObject({ code: 'conflict' })
    await expect(service.retryJob({ jobId: '3f6c2b1e-8d4a-4c1f-9b7e-2a5d6c8e9f01' })).rejects.toMatchObject({
      code: 'not-found'
    })
  })

  it.each(['queued', 'failed'] as const)(
    'discards a %s verification: its capture and its dossier at Assure are deleted, and the audit log names only the job',
    async (phase) => {
      const { service, t, audit } = await setup({ engine })
      await service.unlockStaff({ pin: PIN })
      const { jobId, dossierId } = await jobIn(t, phase)
      expect(sandbox.control.dossierIds()).toContain(dossierId)
      if (phase === 'queued') expect(capturesOf(t, jobId)).not.toEqual([])
      expect(await service.discardJob({ jobId })).toMatchObject({ jobId, phase: 'cancelled' })
      expect(await t.settled(jobId)).toMatchObject({ phase: 'cancelled', result: null })
      expect(capturesOf(t, jobId)).toEqual([])
      expect(sandbox.control.dossierIds()).not.toContain(dossierId)
      // The discarded job stays listed (as cancelled) until the retention period ends; it cannot come back.
      expect((await service.listJobs({})).jobs.find((job) => job.jobId === jobId)).toMatchObject({
        phase: 'cancelled',
        failure: null
      })
      await expect(service.retryJob({ jobId })).rejects.toMatchObject({ code: 'conflict' })
      expect(audit.latest(1)).toEqual([
        { at: expect.any(String), actor: 'staff', action: 'job.discard', params: { jobId } }
      ])
    }
  )
})
