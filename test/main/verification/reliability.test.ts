/**
 * A busy kiosk's reliability, as the chaos run of issue 16 found it wanting, one defect per block:
 * nothing of a person left on disk after their job ends, however it ended (a kill at a durable point,
 * a cancel racing the capture, a refusal for good); no record that saves but cannot be read back.
 * The engine runs against the sandbox over real HTTP, with real files in temporary folders; kills are
 * a fault hook throwing at the exact durable point, after which the engine is abandoned and a new one
 * starts on the same folder, as a restarted kiosk would.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { StaffJob, StaffJobPage } from '../../../preload/api'
import { AssureError } from '../../../main/assure/errors'
import { ServiceError } from '../../../main/ipc/service-error'
import { startSandbox, type Sandbox } from '../../../main/sandbox/fault-control'
import { blobName } from '../../../main/verification/housekeeping'
import { JobRecord, newJob } from '../../../main/verification/job'
import { captureFor, makeEngine, type TestEngine } from '../../support/engine'
import { rejectionOf } from '../../support/rejection'
import { tempDir } from '../../support/temp-dir'

let sandbox: Sandbox
const engines: TestEngine[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ behaviour: { processingDelayMs: 20, fullResultDelayMs: 0 } })
})
afterAll(async () => {
  await sandbox.close()
})
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.close()))
  sandbox.control.reset({ data: true })
})

async function engineIn(dir: string, options: Parameters<typeof makeEngine>[2] = {}): Promise<TestEngine> {
  const engine = makeEngine(sandbox, dir, options)
  engines.push(engine)
  await engine.engine.start()
  return engine
}

/** A kill at a durable point: thrown there, and nothing of that engine runs afterwards. */
class Killed extends Error {}

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve = (): void => {}
  const promise = new Promise<void>((done) => (resolve = done))
  return { promise, resolve }
}

const filesIn = (dir: string, folder: string): string[] => {
  try {
    return readdirSync(join(dir, folder)).filter((name) => name !== 'quarantine')
  } catch {
    return []
  }
}
const record = (dir: string, jobId: string): JobRecord =>
  JobRecord.parse(JSON.parse(readFileSync(join(dir, 'jobs', `${jobId}.json`), 'utf8')))

describe('row 1: a kill between writing the capture and recording it', () => {
  it('leaves no capture behind: at restart the job is cancelled and the unrecorded capture deleted', async () => {
    const dir = await tempDir('kiosk-reliability')
    const first = await engineIn(dir, {
      durable(point) {
        if (point === 'capture-written') throw new Killed('killed after the capture was written')
      }
    })
    const { jobId } = await first.engine.prepare()
    await first.settled(jobId)
    await expect(first.engine.submitCapture(captureFor(jobId))).rejects.toBeInstanceOf(Killed)
    expect(filesIn(dir, 'captures')).toEqual([blobName(jobId, 'capture')])
    expect(record(dir, jobId).capture).toBeNull()
    await first.engine.stop()

    const second = await engineIn(dir, { key: first.key })
    expect(await second.settled(jobId)).toMatchObject({ phase: 'cancelled' })
    expect(record(dir, jobId).step).toBe('cleaned')
    expect(filesIn(dir, 'captures')).toEqual([])
    expect(sandbox.control.dossierIds()).toEqual([])
  })

  it('deletes the temporary file of a capture write a kill cut short', async () => {
    const dir = await tempDir('kiosk-reliability')
    const first = await engineIn(dir)
    const { jobId } = await first.engine.prepare()
    await first.settled(jobId)
    await first.engine.stop()
    // What `atomically` leaves when the process dies in the middle of writing the capture.
    writeFileSync(join(dir, 'captures', `${blobName(jobId, 'capture')}.tmp-1732812345abcdef`), 'sealed bytes')

    const second = await engineIn(dir, { key: first.key })
    expect(await second.settled(jobId)).toMatchObject({ phase: 'cancelled' })
    expect(filesIn(dir, 'captures')).toEqual([])
  })

  it('deletes, at the next sweep, a file of a job that has ended which its record does not name', async () => {
    const dir = await tempDir('kiosk-reliability')
    const t = await engineIn(dir)
    const { jobId } = await t.engine.prepare()
    await t.settled(jobId)
    await t.engine.cancel(jobId)
    await t.settled(jobId)
    writeFileSync(join(dir, 'captures', blobName(jobId, 'capture')), 'left by an older kiosk')
    await t.engine.purgeExpired()
    expect(filesIn(dir, 'captures')).toEqual([])
  })
})

describe('row 2: a cancel racing the capture (the idle reset as the session ends)', () => {
  it('refuses the capture that finishes writing after the job was cancelled, and deletes it', async () => {
    const dir = await tempDir('kiosk-reliability')
    const writing = deferred()
    const held = deferred()
    const t = await engineIn(dir, {
      wrapCaptures: (store) => ({
        ...store,
        async put(name, plaintext) {
          if (name.endsWith('.capture')) {
            held.resolve()
            await writing.promise
          }
          return store.put(name, plaintext)
        }
      })
    })
    const { jobId } = await t.engine.prepare()
    await t.settled(jobId)
    const submitted = t.engine.submitCapture(captureFor(jobId))
    await held.promise
    // The write is under way; the session ends.
    await t.engine.cancel(jobId)
    expect(await t.settled(jobId)).toMatchObject({ phase: 'cancelled' })
    writing.resolve()

    const refused = await rejectionOf(submitted, ServiceError)
    expect(refused.code).toBe('conflict')
    expect(filesIn(dir, 'captures')).toEqual([])
    expect(record(dir, jobId)).toMatchObject({ capture: null, step: 'cleaned', ended: { kind: 'cancelled' } })
  })
})

describe('row 4: an Assure error longer than a record may hold', () => {
  const long = (letter: string): string => letter.repeat(1_500)

  it('records it cut to the limit, reads it back after a restart, and staff still see the whole queue', async () => {
    const dir = await tempDir('kiosk-reliability')
    const t = await engineIn(dir, {
      wrapClient: (client) => ({
        ...client,
        startFacetecVerification: async () => {
          throw new AssureError({
            kind: 'client',
            operation: 'startVerification',
            status: 422,
            ambiguous: false,
            problem: { title: long('t'), detail: long('d') }
          })
        }
      })
    })
    const { jobId } = await t.engine.prepare()
    await t.settled(jobId)
    await t.engine.submitCapture(captureFor(jobId))
    expect(await t.settled(jobId)).toMatchObject({ phase: 'failed', failure: { reason: 'request-refused' } })
    await t.engine.stop()

    const restarted = await engineIn(dir, { key: t.key })
    expect(restarted.engine.problems()).toEqual([])
    const queue = restarted.engine.listPage({}).jobs
    expect(StaffJob.array().max(1000).safeParse(queue).success).toBe(true)
    expect(queue[0]?.detail?.length).toBeLessThanOrEqual(2000)
    expect(queue[0]?.detail).toContain('ttt')
  })

  it('refuses to save a record the journal could not read back, instead of quarantining it at the next start', async () => {
    const dir = await tempDir('kiosk-reliability')
    const t = await engineIn(dir)
    const { jobId } = await t.engine.prepare()
    await t.settled(jobId)
    const valid = record(dir, jobId)
    expect(() => t.journal.save({ ...valid, outbox: { attempts: 1, nextAt: 0, lastError: long('x') } })).toThrow(
      /invalid job record/
    )
    expect(record(dir, jobId)).toEqual(valid)
  })
})

describe('privacy: a job that ends leaves nothing of the person on disk', () => {
  it('deletes the capture of a job Assure refused for good (not retryable), at once', async () => {
    const dir = await tempDir('kiosk-reliability')
    sandbox.control.addFault({ endpoint: 'startVerification', fault: { kind: 'status', status: 400 } })
    const t = await engineIn(dir)
    const { jobId } = await t.engine.prepare()
    await t.settled(jobId)
    await t.engine.submitCapture(captureFor(jobId))
    expect(await t.settled(jobId)).toMatchObject({ phase: 'failed', failure: { retryable: false } })
    expect(record(dir, jobId).capture).toBeNull()
    expect(filesIn(dir, 'captures')).toEqual([])
  })

  it('keeps the capture of a job staff can retry (until retention), and completes it after the retry', async () => {
    const dir = await tempDir('kiosk-reliability')
    sandbox.control.addFault({ endpoint: 'startVerification', fault: { kind: 'malformed' } })
    const t = await engineIn(dir, { options: { maxMalformedAttempts: 2 } })
    const { jobId } = await t.engine.prepare()
    await t.settled(jobId)
    await t.engine.submitCapture(captureFor(jobId))
    expect(await t.settled(jobId)).toMatchObject({ phase: 'failed', failure: { retryable: true } })
    expect(filesIn(dir, 'captures')).toEqual([blobName(jobId, 'capture')])
    sandbox.control.clearFaults()
    t.engine.retry(jobId)
    expect(await t.settled(jobId)).toMatchObject({ phase: 'completed' })
    expect(filesIn(dir, 'captures')).toEqual([])
  })

  it('completed, cancelled and discarded jobs leave no capture, reference or temporary file', async () => {
    const dir = await tempDir('kiosk-reliability')
    const t = await engineIn(dir)
    const completed = await t.engine.prepare()
    await t.settled(completed.jobId)
    await t.engine.submitCapture(captureFor(completed.jobId))
    const cancelled = await t.engine.prepare()
    await t.engine.cancel(cancelled.jobId)
    sandbox.control.addFault({ endpoint: 'startVerification', fault: { kind: 'status', status: 503 } })
    const discarded = await t.engine.prepare()
    await t.settled(discarded.jobId)
    await t.engine.submitCapture(captureFor(discarded.jobId))
    await t.engine.discard(discarded.jobId)
    for (const { jobId } of [completed, cancelled, discarded]) await t.settled(jobId)
    expect(t.list().map((view) => view.phase)).toEqual(['cancelled', 'cancelled', 'completed'])
    expect(filesIn(dir, 'captures')).toEqual([])
  })
})

describe('row 8: what a kill leaves in the journal folder', () => {
  it('deletes a record’s temporary file at start, and quarantined records once past retention', async () => {
    const dir = await tempDir('kiosk-reliability')
    const jobs = join(dir, 'jobs')
    mkdirSync(join(jobs, 'quarantine'), { recursive: true })
    writeFileSync(join(jobs, '3f6c2b1e-8d4a-4c1f-9b7e-2a5d6c8e9f01.json.tmp-1732812345abcdef'), '{"half":')
    const old = Date.now() - 31 * 24 * 3600_000
    writeFileSync(join(jobs, 'quarantine', `3f6c2b1e-8d4a-4c1f-9b7e-2a5d6c8e9f02.json.${old}`), 'damaged')
    writeFileSync(join(jobs, 'quarantine', `3f6c2b1e-8d4a-4c1f-9b7e-2a5d6c8e9f03.json.${Date.now()}`), 'damaged')
    await engineIn(dir)
    expect(readdirSync(jobs)).toEqual(['quarantine'])
    expect(readdirSync(join(jobs, 'quarantine'))).toEqual([
      expect.stringMatching(/^3f6c2b1e-8d4a-4c1f-9b7e-2a5d6c8e9f03\.json\./)
    ])
  })
})

describe('row 3: a Create dossier Assure processes after the client gave up on it', () => {
  it('keeps looking for the dossier after a cancelled preparation until it appears, and deletes it', async () => {
    const dir = await tempDir('kiosk-reliability')
    const processLate = deferred()
    let listed = 0
    const t = await engineIn(dir, {
      options: { prepareRetryDelaysMs: [], strayDossierLookupMs: 60_000 },
      wrapClient: (client) => ({
        ...client,
        async createDossier(input) {
          // The request reaches Assure, which makes the dossier only after the answer was lost.
          void processLate.promise.then(() => client.createDossier(input))
          throw new AssureError({ kind: 'network', operation: 'createDossier', ambiguous: true })
        },
        async listDossiers() {
          const dossiers = await client.listDossiers()
          if (++listed === 1) processLate.resolve()
          return dossiers
        }
      })
    })
    expect((await rejectionOf(t.engine.prepare(), ServiceError)).code).toBe('unavailable')
    const [job] = t.list()
    if (!job) throw new Error('no job')
    expect(await t.settled(job.jobId)).toMatchObject({ phase: 'cancelled' })
    expect(listed).toBeGreaterThanOrEqual(2)
    expect(sandbox.control.dossierIds()).toEqual([])
  })

  it('goes on looking when List dossiers is refused once (a 4xx)', async () => {
    const dir = await tempDir('kiosk-reliability')
    sandbox.control.addFault({ endpoint: 'createDossier', fault: { kind: 'reset' }, phase: 'after', times: 1 })
    sandbox.control.addFault({ endpoint: 'listDossiers', fault: { kind: 'status', status: 400 }, times: 1 })
    const t = await engineIn(dir, { options: { prepareRetryDelaysMs: [], strayDossierLookupMs: 60_000 } })
    expect((await rejectionOf(t.engine.prepare(), ServiceError)).code).toBe('unavailable')
    const [job] = t.list()
    if (!job) throw new Error('no job')
    expect(await t.settled(job.jobId)).toMatchObject({ phase: 'cancelled' })
    expect(sandbox.control.calls().listDossiers).toBeGreaterThanOrEqual(2)
    expect(sandbox.control.dossierIds()).toEqual([])
  })

  it('serves the visitor after a lost Create dossier answer: looks the dossier up and carries on with it', async () => {
    const dir = await tempDir('kiosk-reliability')
    sandbox.control.addFault({ endpoint: 'createDossier', fault: { kind: 'reset' }, phase: 'after', times: 1 })
    const t = await engineIn(dir, { options: { deleteDossierWhenDone: true } })
    const { jobId } = await t.engine.prepare()
    expect(sandbox.control.calls()).toMatchObject({ createDossier: 1, listDossiers: 1 })
    await t.settled(jobId)
    await t.engine.submitCapture(captureFor(jobId))
    expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: 'accepted' })
    expect(sandbox.control.dossierIds()).toEqual([])
  })

  it('deletes the second dossier a retried Create dossier may leave, as well as its own', async () => {
    const dir = await tempDir('kiosk-reliability')
    const processLate = deferred()
    let creates = 0
    const t = await engineIn(dir, {
      options: { strayDossierLookupMs: 60_000 },
      wrapClient: (client) => ({
        ...client,
        async createDossier(input) {
          if (++creates > 1) return client.createDossier(input)
          void processLate.promise.then(() => client.createDossier(input))
          throw new AssureError({ kind: 'network', operation: 'createDossier', ambiguous: true })
        }
      })
    })
    const { jobId } = await t.engine.prepare()
    await t.settled(jobId)
    // The first try is made at Assure only now, after the retry made the dossier the job uses.
    processLate.resolve()
    await expect.poll(() => sandbox.control.dossierIds().length).toBe(2)
    await t.engine.cancel(jobId)
    expect(await t.settled(jobId)).toMatchObject({ phase: 'cancelled' })
    expect(sandbox.control.dossierIds()).toEqual([])
  })
})

describe('row 6 / visitor priority: a visitor never waits behind background work', () => {
  it('prepares the next visitor while every background slot is held by a poll Assure does not answer', async () => {
    const dir = await tempDir('kiosk-reliability')
    const answerPolls = deferred()
    let hanging = 0
    const polling = deferred()
    const t = await engineIn(dir, {
      options: { maxConcurrentJobs: 2 },
      wrapClient: (client) => ({
        ...client,
        async getProcess(dossierId, processId) {
          if (++hanging >= 2) polling.resolve()
          await answerPolls.promise
          return client.getProcess(dossierId, processId)
        }
      })
    })
    const captured: string[] = []
    for (let i = 0; i < 3; i++) {
      const { jobId } = await t.engine.prepare()
      await t.settled(jobId)
      await t.engine.submitCapture(captureFor(jobId))
      captured.push(jobId)
    }
    await polling.promise
    // Both background slots hang in Get process; the next person's preparation goes past them.
    const next = await t.engine.prepare()
    expect(next.facetec.sessionToken).toEqual(expect.any(String))
    answerPolls.resolve()
    for (const jobId of captured) expect(await t.settled(jobId)).toMatchObject({ phase: 'completed' })
  })
})

describe('row 7 / a final result is kept', () => {
  it('asks again after one 404 on a poll, instead of failing the job', async () => {
    const dir = await tempDir('kiosk-reliability')
    const t = await engineIn(dir)
    const { jobId } = await t.engine.prepare()
    await t.settled(jobId)
    sandbox.control.addFault({ endpoint: 'getProcess', fault: { kind: 'status', status: 404 }, times: 1 })
    await t.engine.submitCapture(captureFor(jobId))
    expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: 'accepted' })
  })

  it('archives the result, and notes a dossier Assure refuses to delete beside it: completed, never failed', async () => {
    const dir = await tempDir('kiosk-reliability')
    const t = await engineIn(dir, { options: { deleteDossierWhenDone: true } })
    const { jobId } = await t.engine.prepare()
    await t.settled(jobId)
    sandbox.control.addFault({ endpoint: 'deleteDossier', fault: { kind: 'status', status: 409 } })
    await t.engine.submitCapture(captureFor(jobId))
    expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: 'accepted', failure: null })
    expect(t.engine.listPage({}).jobs[0]).toMatchObject({
      hasArchivedResult: true,
      detail: expect.stringMatching(/^deleteDossier: /)
    })
    expect(record(dir, jobId)).toMatchObject({ step: 'cleaned', ended: { kind: 'completed' } })
    expect(filesIn(dir, 'captures')).toEqual([])
  })

  it('notes a download Assure refuses beside the result, and still cleans up', async () => {
    const dir = await tempDir('kiosk-reliability')
    const t = await engineIn(dir)
    const { jobId } = await t.engine.prepare()
    await t.settled(jobId)
    sandbox.control.addFault({ endpoint: 'download', fault: { kind: 'status', status: 400 } })
    await t.engine.submitCapture(captureFor(jobId))
    expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: 'accepted', failure: null })
    expect(t.engine.listPage({}).jobs[0]).toMatchObject({
      hasArchivedResult: false,
      detail: expect.stringMatching(/^archive: /)
    })
    expect(filesIn(dir, 'captures')).toEqual([])
  })
})

describe('row 5: a queue of more than 1,000 jobs', () => {
  /** Jobs as a month of a busy kiosk leaves them: completed, a few failed; written straight to the journal. */
  function fillJournal(dir: string, count: number): string[] {
    mkdirSync(join(dir, 'jobs'), { recursive: true })
    const ids: string[] = []
    const start = Date.now() - count * 60_000
    for (let i = 0; i < count; i++) {
      const jobId = randomUUID()
      const job = newJob({
        jobId,
        kioskId: 'k',
        visitReference: 'ACEFHJ',
        reference: { kind: 'image', sha256: 'x', source: 'demo' },
        ownDossier: true,
        dossierId: `d-${i}`,
        now: start + i * 60_000
      })
      const failed = i % 100 === 0
      const record: JobRecord = {
        ...job,
        step: failed ? 'started' : 'cleaned',
        processId: `p-${i}`,
        result: failed ? null : { status: 'accepted', at: job.createdAt + 2_000 },
        ended: failed
          ? { kind: 'failed', at: job.createdAt + 5_000, reason: 'request-refused', retryable: false, detail: 'x' }
          : { kind: 'completed', at: job.createdAt + 5_000 }
      }
      writeFileSync(join(dir, 'jobs', `${jobId}.json`), JSON.stringify(record))
      ids.push(jobId)
    }
    return ids
  }

  it('answers staff one page at a time, newest first, filtered by phase or by the visit’s reference', async () => {
    const dir = await tempDir('kiosk-reliability')
    const ids = fillJournal(dir, 1_001)
    const t = await engineIn(dir)
    const first = t.engine.listPage({ pageSize: 50 })
    expect(StaffJobPage.safeParse(first).success).toBe(true)
    expect(first).toMatchObject({ page: 0, pages: 21, total: 1_001 })
    expect(first.jobs[0]?.jobId).toBe(ids.at(-1))
    const last = t.engine.listPage({ pageSize: 50, page: 99 })
    expect(last).toMatchObject({ page: 20, total: 1_001 })
    expect(last.jobs.map((job) => job.jobId)).toEqual([ids[0]])

    const failed = t.engine.listPage({ phase: 'failed', pageSize: 50 })
    expect(failed.total).toBe(11)
    expect(failed.jobs.every((job) => job.phase === 'failed')).toBe(true)

    const wanted = ids[500] ?? ''
    expect(t.engine.listPage({ reference: wanted.slice(0, 13).toUpperCase() }).jobs.map((job) => job.jobId)).toContain(
      wanted
    )
  })
})
