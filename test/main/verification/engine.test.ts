/**
 * The job engine against the sandbox over real HTTP, with its journal and encrypted files in real
 * temporary folders. What a person at the kiosk (and staff) would notice: the check completes, exactly
 * once, through faults and outages, and nothing personal is left lying around.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import type { FaultRuleInput } from '../../../main/sandbox/faults'
import { startSandbox, type Sandbox } from '../../../main/sandbox/fault-control'
import { decrypt } from '../../../main/storage/crypto-box'
import { ServiceError } from '../../../main/ipc/service-error'
import { JobRecord } from '../../../main/verification/job'
import { readReferenceFile } from '../../../main/verification/reference-file'
import type { ReferenceInput } from '../../../preload/api'
import { clientFor, idDocumentCheck, otherPhoto, referencePhoto } from '../../support/assure'
import { captureFor, makeEngine, type TestEngine } from '../../support/engine'
import { tempDir } from '../../support/temp-dir'
import { ManualClock, whileAdvancing } from '../../support/manual-clock'
import { systemClock } from '../../../main/lib/clock'
import { rejectionOf } from '../../support/rejection'
import { AssureError } from '../../../main/assure/errors'

let sandbox: Sandbox
const engines: TestEngine[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ behaviour: { processingDelayMs: 60, fullResultDelayMs: 100 } })
})
afterAll(async () => {
  await sandbox.close()
})
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.close()))
  sandbox.control.reset()
  sandbox.control.configure({ processingDelayMs: 60, fullResultDelayMs: 100, defaultOutcome: 'accepted' })
})

async function engineIn(options: Parameters<typeof makeEngine>[2] = {}, dir?: string): Promise<TestEngine> {
  const engine = makeEngine(sandbox, dir ?? (await tempDir('kiosk-engine')), options)
  engines.push(engine)
  await engine.engine.start()
  return engine
}

const record = (t: TestEngine, jobId: string): JobRecord =>
  JobRecord.parse(JSON.parse(readFileSync(join(t.dir, 'jobs', `${jobId}.json`), 'utf8')))

const rejection = (promise: Promise<unknown>) => rejectionOf(promise, ServiceError)

describe('a verification from start to finish', () => {
  it('prepares, captures, starts once, polls to accepted, archives an encrypted zip and cleans up', async () => {
    const t = await engineIn({ options: { deleteDossierWhenDone: true } })
    const session = await t.engine.prepare()
    expect(session.facetec).toMatchObject({
      deviceKeyIdentifier: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      sessionToken: expect.any(String),
      productionKeyText: expect.any(String)
    })
    expect(session.facetec.publicFaceScanEncryptionKey).toContain('BEGIN PUBLIC KEY')
    const prepared = record(t, session.jobId)
    expect(prepared.dossierId).toBeTruthy()

    const submitted = await t.engine.submitCapture(captureFor(session.jobId))
    expect(['submitted', 'processing', 'completed']).toContain(submitted.phase)
    const done = await t.settled(session.jobId)
    expect(done).toMatchObject({ phase: 'completed', result: 'accepted', failure: null })

    const final = record(t, session.jobId)
    expect(final.step).toBe('cleaned')
    expect(Object.keys(final.stepAt)).toEqual([
      'created',
      'dossier',
      'process',
      'selfie',
      'captured',
      'started',
      'final',
      'archived',
      'cleaned'
    ])
    expect(final.capture).toBeNull()
    expect(readdirSync(join(t.dir, 'captures'))).toEqual([])

    // The archived result is encrypted on disk and decrypts to the zip Assure sent.
    const sealed = readFileSync(join(t.dir, 'archive', `${session.jobId}.result.zip`))
    expect(sealed.subarray(0, 2).toString()).not.toBe('PK')
    const zip = unzipSync(new Uint8Array(decrypt(t.key, sealed, `${session.jobId}.result.zip`)))
    expect(JSON.parse(strFromU8(zip['process.json'] as Uint8Array))).toMatchObject({ status: 'accepted' })
    expect((await t.engine.archivedResult(session.jobId)).subarray(0, 2).toString()).toBe('PK')

    expect(sandbox.control.calls()).toMatchObject({
      createDossier: 1,
      createProcess: 1,
      setImages: 1,
      startVerification: 1,
      deleteDossier: 1
    })
    // Asked again while Assure answered 204 (not ready yet), until the zip came.
    expect(sandbox.control.calls().download).toBeGreaterThanOrEqual(1)
    expect(sandbox.control.dossierIds()).not.toContain(final.dossierId)
    expect(t.updates.map((view) => view.phase)).toContain('processing')
  })

  it.each(['rejected', 'inconclusive'] as const)(
    'reports %s and archives nothing (only accepted is archived by default)',
    async (outcome) => {
      sandbox.control.queueOutcomes(outcome)
      const t = await engineIn()
      const { jobId } = await t.engine.prepare()
      await t.engine.submitCapture(captureFor(jobId))
      expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: outcome })
      expect(sandbox.control.calls().download).toBe(0)
      expect(readdirSync(join(t.dir, 'archive'))).toEqual([])
    }
  )

  it.each(['failed', 'canceled'] as const)(
    'reports Assure’s %s as the result (a failed one with its failReason for staff), and archives nothing',
    async (outcome) => {
      sandbox.control.queueOutcomes(outcome)
      const t = await engineIn({ options: { archiveOn: ['accepted', 'rejected', 'inconclusive'] } })
      const { jobId } = await t.engine.prepare()
      await t.engine.submitCapture(captureFor(jobId))
      expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: outcome, failure: null })
      const [staffView] = t.engine.listPage({}).jobs
      if (outcome === 'failed') expect(staffView?.detail).toMatch(/^provider_error: /)
      else expect(staffView?.detail).toBeNull()
      expect(sandbox.control.calls().download).toBe(0)
    }
  )

  it('keeps the capture encrypted at rest: the file holds none of the face scan or images', async () => {
    sandbox.control.configure({ processingDelayMs: 60_000 })
    const t = await engineIn()
    const { jobId } = await t.engine.prepare()
    const capture = captureFor(jobId)
    await t.engine.submitCapture(capture)
    const file = readFileSync(join(t.dir, 'captures', `${jobId}.capture`))
    for (const secret of [capture.faceScan.slice(0, 40), capture.auditTrailImage.slice(100, 140), 'facetec-test-agent'])
      expect(file.toString('latin1')).not.toContain(secret)
    expect(JSON.stringify(t.logs)).not.toContain(capture.faceScan.slice(0, 40))
  })
})

/** An earlier check at Assure whose process holds a selfie (the other person's photo). */
async function linkedProcess() {
  const idCheck = clientFor(sandbox)
  onTestFinished(() => idCheck.dispatcher.close())
  const dossier = await idCheck.client.createDossier()
  const earlier = await idCheck.client.createFacetecProcess(dossier.dossierId)
  await idCheck.client.setImages(dossier.dossierId, earlier.processId, { selfie: otherPhoto })
  return { kind: 'linked-process' as const, dossierId: dossier.dossierId, processId: earlier.processId, idCheck }
}

describe('the visit’s short reference', () => {
  it('is made at the first preparation, kept by the visit’s next one, stored with the job and in its view', async () => {
    const t = await engineIn()
    const first = await t.engine.prepare()
    expect(first.visitReference).toMatch(/^[ACEFHJKMNPRTWXY34679]{6}$/)
    // The person tries again: the same visit, the same reference, a new job.
    const again = await t.engine.prepare(undefined, first.visitReference)
    expect(again.jobId).not.toBe(first.jobId)
    expect(again.visitReference).toBe(first.visitReference)
    expect(record(t, again.jobId).visitReference).toBe(first.visitReference)
    expect(t.engine.get(again.jobId)?.visitReference).toBe(first.visitReference)
    expect(t.engine.listPage({ pageSize: 50 }).jobs.map((job) => job.visitReference)).toEqual([
      first.visitReference,
      first.visitReference
    ])
    // The next visitor gets another.
    const next = await t.engine.prepare()
    expect(next.visitReference).not.toBe(first.visitReference)
  })
})

describe('reference photos', () => {
  it('takes the portrait of an earlier ID-document check, sets it as the selfie, and compares with it', async () => {
    const idCheck = await idDocumentCheck(sandbox, { portrait: otherPhoto, front: referencePhoto })
    const reader = clientFor(sandbox)
    onTestFinished(() => reader.dispatcher.close())
    const t = await engineIn({ options: { deleteDossierWhenDone: true } })
    const { jobId } = await t.engine.prepare({ kind: 'linked-process', ...idCheck, imageType: 'portrait' })
    const job = record(t, jobId)
    expect(job).toMatchObject({ dossierId: idCheck.dossierId, ownDossier: false })
    await t.engine.submitCapture(captureFor(jobId))
    expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: 'accepted' })
    const processId = record(t, jobId).processId as string
    const selfie = await reader.client.getImage(idCheck.dossierId, processId, 'selfie')
    expect(Buffer.from(selfie.bytes).equals(Buffer.from(otherPhoto.bytes))).toBe(true)
    // Someone else's dossier is never deleted.
    expect(sandbox.control.dossierIds()).toContain(idCheck.dossierId)
  })

  it('takes the front of an ID document, sets it as the front, and starts with imageDepiction "front"', async () => {
    const idCheck = await idDocumentCheck(sandbox, { portrait: otherPhoto, front: referencePhoto })
    const reader = clientFor(sandbox)
    onTestFinished(() => reader.dispatcher.close())
    const t = await engineIn()
    const { jobId } = await t.engine.prepare({ kind: 'linked-process', ...idCheck, imageType: 'front' })
    await t.engine.submitCapture(captureFor(jobId))
    expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: 'accepted' })
    const processId = record(t, jobId).processId as string
    const front = await reader.client.getImage(idCheck.dossierId, processId, 'front')
    expect(Buffer.from(front.bytes).equals(Buffer.from(referencePhoto.bytes))).toBe(true)
    // The sandbox refuses a start whose imageDepiction names an image the process lacks: no selfie was set.
    expect(
      (await rejectionOf(reader.client.getImage(idCheck.dossierId, processId, 'selfie'), AssureError)).status
    ).toBe(404)
  })

  it('fails as reference-not-provided when the earlier check cannot have a portrait (not an ID-document check)', async () => {
    const linked = await linkedProcess()
    const t = await engineIn()
    const { jobId } = await t.engine.prepare({ ...linked, imageType: 'portrait' })
    expect(await t.settled(jobId)).toMatchObject({
      phase: 'failed',
      failure: { reason: 'reference-not-provided', retryable: false }
    })
    expect(t.engine.listPage({}).jobs[0]?.detail).toMatch(/does not provide a portrait image/)
  })

  it('with placement new-dossier, creates the FaceTec process in a dossier of its own, which it deletes; the linked dossier is kept', async () => {
    const linked = await linkedProcess()
    const t = await engineIn({ options: { deleteDossierWhenDone: true, linkedReferencePlacement: 'new-dossier' } })
    const { jobId } = await t.engine.prepare({ ...linked, imageType: 'selfie' })
    const job = record(t, jobId)
    expect(job).toMatchObject({ ownDossier: true, reference: { sameDossier: false } })
    expect(job.dossierId).not.toBe(linked.dossierId)
    await expect.poll(() => record(t, jobId).step).toBe('selfie')
    const selfie = await linked.idCheck.client.getImage(job.dossierId ?? '', job.processId ?? '', 'selfie')
    expect(Buffer.from(selfie.bytes).equals(Buffer.from(otherPhoto.bytes))).toBe(true)

    await t.engine.submitCapture(captureFor(jobId))
    expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: 'accepted' })
    expect(sandbox.control.dossierIds()).not.toContain(job.dossierId)
    expect(sandbox.control.dossierIds()).toContain(linked.dossierId)
    expect(sandbox.control.processStatus(linked.dossierId, linked.processId)).toBe('pending')
  })

  it.each([
    ['linked-dossier', 'its process is deleted, the dossier kept'],
    ['new-dossier', 'its own dossier is deleted']
  ] as const)('cancelled with placement %s: %s, and the linked process is untouched', async (placement, _outcome) => {
    const linked = await linkedProcess()
    const t = await engineIn({ options: { linkedReferencePlacement: placement } })
    const { jobId } = await t.engine.prepare({ ...linked, imageType: 'selfie' })
    const job = record(t, jobId)
    await t.engine.cancel(jobId)
    expect(await t.settled(jobId)).toMatchObject({ phase: 'cancelled' })
    expect(record(t, jobId).step).toBe('cleaned')
    expect(sandbox.control.processStatus(job.dossierId ?? '', job.processId ?? '')).toBeUndefined()
    expect(sandbox.control.dossierIds().includes(job.dossierId ?? '')).toBe(placement === 'linked-dossier')
    expect(sandbox.control.processStatus(linked.dossierId, linked.processId)).toBe('pending')
  })

  it('records Set selfie as in flight before it asks Assure for the linked photo', async () => {
    const linked = await linkedProcess()
    sandbox.control.addFault({ endpoint: 'getImage', fault: { kind: 'hang' } })
    const t = await engineIn()
    const { jobId } = await t.engine.prepare({ ...linked, imageType: 'selfie' })
    await expect.poll(() => sandbox.control.calls().getImage).toBeGreaterThan(0)
    // Get image is at Assure, unanswered: a kill now must find the step in the journal.
    expect(record(t, jobId).inFlight?.operation).toBe('setSelfie')
    sandbox.control.clearFaults()
    await expect.poll(() => record(t, jobId).step).toBe('selfie')
  })

  it('fails the job with reference-unavailable when the linked process has no such image', async () => {
    const idCheck = clientFor(sandbox)
    const dossier = await idCheck.client.createDossier()
    const earlier = await idCheck.client.createFacetecProcess(dossier.dossierId)
    const t = await engineIn()
    const { jobId } = await t.engine.prepare({
      kind: 'linked-process',
      dossierId: dossier.dossierId,
      processId: earlier.processId,
      imageType: 'front'
    })
    expect(await t.settled(jobId)).toMatchObject({
      phase: 'failed',
      failure: { reason: 'reference-unavailable', retryable: false }
    })
    await idCheck.dispatcher.close()
  })

  it('reads a staff-chosen file only when it is a JPEG or PNG of at most 4 MB', async () => {
    const dir = await tempDir('kiosk-reference')
    const good = join(dir, 'photo.jpg')
    writeFileSync(good, referencePhoto.bytes)
    expect((await readReferenceFile(good)).mimeType).toBe('image/jpeg')
    const renamed = join(dir, 'notes.jpg')
    writeFileSync(renamed, 'just text')
    await expect(readReferenceFile(renamed)).rejects.toThrow(/neither a JPEG nor a PNG/)
    const huge = join(dir, 'huge.jpg')
    writeFileSync(huge, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(4 * 1024 * 1024)]))
    await expect(readReferenceFile(huge)).rejects.toThrow(/at most 4 MB/)
    await expect(readReferenceFile(join(dir, 'missing.jpg'))).rejects.toThrow(/cannot be opened/)
    await expect(readReferenceFile(dir)).rejects.toThrow(/not a file/)
  })
})

describe('preparing ahead, cancelling, and prepared jobs nobody used', () => {
  it('hands over the SDK keys before the selfie is set, and the capture still waits for the selfie', async () => {
    // The selfie upload is held until the test lets it go: prepare must answer while it is still out.
    let selfieReleased = false
    let letSelfieGo = (): void => {}
    const selfieHeld = new Promise<void>((resolve) => (letSelfieGo = resolve))
    const startedBeforeSelfie: boolean[] = []
    const t = await engineIn({
      wrapClient: (client) => ({
        ...client,
        async setImages(...args) {
          await selfieHeld
          return client.setImages(...args)
        },
        startFacetecVerification(...args) {
          startedBeforeSelfie.push(!selfieReleased)
          return client.startFacetecVerification(...args)
        }
      })
    })
    const { jobId } = await t.engine.prepare()
    expect(record(t, jobId).step).toBe('process')
    await t.engine.submitCapture(captureFor(jobId))
    selfieReleased = true
    letSelfieGo()
    expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: 'accepted' })
    // Started once, and only after the selfie was let go.
    expect(startedBeforeSelfie).toEqual([false])
  })

  it('cancels a job before its capture and deletes its dossier; after the capture, cancel is refused', async () => {
    const t = await engineIn()
    const first = await t.engine.prepare()
    expect((await t.engine.cancel(first.jobId)).phase).toBe('cancelled')
    await t.settled(first.jobId)
    expect(record(t, first.jobId).step).toBe('cleaned')
    expect(sandbox.control.dossierIds()).not.toContain(record(t, first.jobId).dossierId)
    await expect(t.engine.submitCapture(captureFor(first.jobId))).rejects.toMatchObject({ code: 'conflict' })

    sandbox.control.configure({ processingDelayMs: 60_000 })
    const second = await t.engine.prepare()
    await t.engine.submitCapture(captureFor(second.jobId))
    expect((await rejection(t.engine.cancel(second.jobId))).code).toBe('conflict')
  })

  it('cleans up a prepared job that nobody captured within the time limit', async () => {
    // The time limit runs on a manual clock: on a busy machine a real 100 ms passed before the test had
    // even read the prepared job, so it was already gone.
    const clock = new ManualClock()
    const t = await engineIn({
      clock,
      client: { clock: systemClock },
      options: { preparedTtlMs: 60_000, sweepIntervalMs: 10_000 }
    })
    const { jobId } = await t.engine.prepare()
    const dossierId = record(t, jobId).dossierId
    expect(dossierId).toBeTruthy()
    await clock.advance(50_000)
    expect(record(t, jobId).step).not.toBe('cleaned')
    await clock.advance(20_000)
    await expect.poll(() => record(t, jobId).step).toBe('cleaned')
    expect(t.engine.get(jobId)?.phase).toBe('cancelled')
    expect(sandbox.control.dossierIds()).not.toContain(dossierId)
  })

  it('logs a housekeeping sweep that fails (a folder that cannot be read) and sweeps again later', async () => {
    const clock = new ManualClock()
    let unreadable = false
    let listed = 0
    const t = await engineIn({
      clock,
      client: { clock: systemClock },
      options: { sweepIntervalMs: 10_000 },
      wrapCaptures: (store) => ({
        ...store,
        names() {
          listed++
          if (unreadable) throw Object.assign(new Error('EIO: i/o error, scandir'), { code: 'EIO' })
          return store.names()
        }
      })
    })
    unreadable = true
    const listedBefore = listed
    // The stores are listed once an hour (the orphan grace), at the first sweep after it.
    await clock.advance(60 * 60_000 + 10_000)
    expect(listed).toBe(listedBefore + 1)
    expect(t.logs.filter((record) => record.message === 'the housekeeping sweep failed')).toHaveLength(1)
    await clock.advance(60 * 60_000 + 10_000)
    expect(listed).toBe(listedBefore + 2)
  })

  it('refuses a capture whose audit-trail image is not a JPEG', async () => {
    const t = await engineIn()
    const { jobId } = await t.engine.prepare()
    const error = await rejection(
      t.engine.submitCapture({ ...captureFor(jobId), auditTrailImage: Buffer.from('nope').toString('base64') })
    )
    expect(error.code).toBe('invalid-input')
    expect(t.engine.get(jobId)?.phase).toBe('ready')
  })

  it('fails preparation at once, classified, when Assure cannot be reached', async () => {
    sandbox.control.addFault({ endpoint: '*', fault: { kind: 'reset' } })
    const t = await engineIn()
    expect((await rejection(t.engine.prepare())).code).toBe('unavailable')
  })

  it('fails preparation as a configuration problem when the credentials are wrong', async () => {
    const t = await engineIn({ clientSecret: async () => 'wrong' })
    expect((await rejection(t.engine.prepare())).code).toBe('misconfigured')
  })
})

/**
 * Every step, every fault kind of the sandbox: each case ends in completion once the fault clears, or
 * (while preparing, when the person is still at the kiosk) in a classified failure.
 */
type FaultCase = readonly [label: string, fault: FaultRuleInput['fault'], phase: FaultRuleInput['phase'], times: number]
const FAULTS: readonly FaultCase[] = [
  ['503', { kind: 'status', status: 503 }, 'before', 4],
  ['503 after taking effect', { kind: 'status', status: 503 }, 'after', 4],
  ['429', { kind: 'status', status: 429, retryAfterSeconds: 0 }, 'before', 4],
  ['hang', { kind: 'hang' }, 'before', 4],
  ['hang after taking effect', { kind: 'hang' }, 'after', 4],
  ['reset', { kind: 'reset' }, 'before', 4],
  ['reset after taking effect', { kind: 'reset' }, 'after', 4],
  ['malformed JSON', { kind: 'malformed' }, 'before', 4],
  // What an expired token looks like to the client, on exactly this step (once: a second 401 with a
  // fresh token is a credentials problem, tested below).
  ['token expiry', { kind: 'status', status: 401 }, 'before', 1]
]

/**
 * The fault was met, not dodged: the client retried, the engine queued the job, or the engine's token
 * was renewed (more than its one token after `tokensBefore`).
 */
function metFault(t: TestEngine, tokensBefore: number): boolean {
  return (
    t.http.logs.some((line) => line.message === 'retrying') ||
    t.logs.some((line) => line.message === 'waiting in the outbox') ||
    sandbox.control.calls().token > tokensBefore + 1
  )
}

describe('faults while preparing', () => {
  const cases = (['createDossier', 'createProcess'] as const).flatMap((endpoint) =>
    FAULTS.map((fault) => [endpoint, ...fault] as const)
  )

  it.each(cases)(
    '%s with %s: completes, or fails classified and the next check completes; no dossier is left behind',
    async (endpoint, label, fault, phase, times) => {
      // Without the engine's own retries of a preparation (tested in reliability.test.ts): each fault
      // is met by the classification alone.
      const t = await engineIn({ options: { deleteDossierWhenDone: true, prepareRetryDelaysMs: [] } })
      const before = new Set(sandbox.control.dossierIds())
      sandbox.control.addFault({ endpoint, fault, phase, times })
      if (label === 'token expiry') {
        // A renewed token: the person never notices.
        const { jobId } = await t.engine.prepare()
        await t.engine.submitCapture(captureFor(jobId))
        expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: 'accepted' })
        expect(sandbox.control.calls().token).toBe(2)
      } else {
        // The person is still reading the notice: told at once that Assure cannot be reached.
        expect((await rejection(t.engine.prepare())).code).toBe('unavailable')
        const [failed] = t.list()
        if (!failed) throw new Error('the job is missing')
        expect(await t.settled(failed.jobId)).toMatchObject({ phase: 'cancelled' })
        expect(record(t, failed.jobId).step).toBe('cleaned')
        sandbox.control.clearFaults()
        const { jobId } = await t.engine.prepare()
        await t.engine.submitCapture(captureFor(jobId))
        expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: 'accepted' })
      }
      // Not even a dossier whose creation lost its answer is left at Assure.
      expect(sandbox.control.dossierIds().filter((id) => !before.has(id))).toEqual([])
      expect(sandbox.control.duplicateStarts()).toBe(0)
    }
  )
})

describe('faults after the preparation', () => {
  const steps = [
    ['getImage (linked reference)', 'getImage'],
    ['setImages', 'setImages'],
    ['startVerification', 'startVerification'],
    ['poll', 'getProcess'],
    ['archive', 'download'],
    ['clean-up', 'deleteDossier']
  ] as const
  const cases = steps.flatMap(([step, endpoint]) =>
    FAULTS.map(([label, ...fault]) => [step, label, endpoint, ...fault] as const)
  )

  it.each(cases)(
    '%s with %s: completes once the fault clears, starting exactly once',
    async (_step, label, endpoint, fault, phase, times) => {
      const t = await engineIn({ options: { deleteDossierWhenDone: true, linkedReferencePlacement: 'new-dossier' } })
      let reference: ReferenceInput | undefined
      if (endpoint === 'getImage') {
        const idCheck = clientFor(sandbox)
        const dossier = await idCheck.client.createDossier()
        const earlier = await idCheck.client.createFacetecProcess(dossier.dossierId)
        await idCheck.client.setImages(dossier.dossierId, earlier.processId, { selfie: otherPhoto })
        await idCheck.dispatcher.close()
        reference = {
          kind: 'linked-process',
          dossierId: dossier.dossierId,
          processId: earlier.processId,
          imageType: 'selfie'
        }
        // Get image follows the preparation at once: the fault must be there before it.
        sandbox.control.addFault({ endpoint, fault, phase, times })
      } else if (endpoint !== 'setImages') {
        // The capture is in before the fault, so the person is done; the rest must finish by itself.
        sandbox.control.addFault({ endpoint: 'setImages', fault: { kind: 'delay', ms: 50 }, times: 1 })
      }
      const tokensBefore = sandbox.control.calls().token
      const { jobId } = await t.engine.prepare(reference)
      if (endpoint !== 'getImage') sandbox.control.addFault({ endpoint, fault, phase, times })
      await t.engine.submitCapture(captureFor(jobId))
      expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: 'accepted' })
      expect(metFault(t, tokensBefore)).toBe(true)
      if (label === 'token expiry') expect(sandbox.control.calls().token).toBe(tokensBefore + 2)
      // Its own dossier is gone at Assure once the job is done.
      expect(
        sandbox.control.processStatus(record(t, jobId).dossierId ?? '', record(t, jobId).processId ?? '')
      ).toBeUndefined()
      // Exactly once: no start ever reached Assure for an already started process (the sandbox
      // answers those 409 and counts them), and where the start itself was not hit, one request went out.
      expect(sandbox.control.duplicateStarts()).toBe(0)
      if (endpoint !== 'startVerification') expect(sandbox.control.calls().startVerification).toBe(1)
    }
  )

  it('fails with reference-unavailable when the linked photo never arrives readable', async () => {
    const idCheck = clientFor(sandbox)
    const dossier = await idCheck.client.createDossier()
    const earlier = await idCheck.client.createFacetecProcess(dossier.dossierId)
    await idCheck.client.setImages(dossier.dossierId, earlier.processId, { selfie: otherPhoto })
    await idCheck.dispatcher.close()
    sandbox.control.addFault({ endpoint: 'getImage', fault: { kind: 'malformed' } })
    const t = await engineIn({ options: { maxMalformedAttempts: 2 } })
    const { jobId } = await t.engine.prepare({
      kind: 'linked-process',
      dossierId: dossier.dossierId,
      processId: earlier.processId,
      imageType: 'selfie'
    })
    expect(await t.settled(jobId)).toMatchObject({
      phase: 'failed',
      failure: { reason: 'reference-unavailable', retryable: false }
    })
  })

  it('renews an expired token in the middle of the sequence', async () => {
    const t = await engineIn()
    const { jobId } = await t.engine.prepare()
    sandbox.control.expireTokens()
    await t.engine.submitCapture(captureFor(jobId))
    expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: 'accepted' })
    expect(sandbox.control.calls().token).toBe(2)
  })

  it('never sends Start verification twice when its answer is lost after it took effect', async () => {
    const t = await engineIn()
    const { jobId } = await t.engine.prepare()
    sandbox.control.addFault({ endpoint: 'startVerification', fault: { kind: 'reset' }, phase: 'after', times: 1 })
    await t.engine.submitCapture(captureFor(jobId))
    expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: 'accepted' })
    expect(sandbox.control.calls().startVerification).toBe(1)
    expect(sandbox.control.duplicateStarts()).toBe(0)
    expect(t.logs.some((line) => line.message === 'start verification had gone through')).toBe(true)
  })

  it('counts a start Assure refuses (400) as started when the process has left pending', async () => {
    const t = await engineIn()
    const { jobId } = await t.engine.prepare()
    // The start takes effect, then its answer is a refusal: what a second start's answer could look like.
    sandbox.control.addFault({
      endpoint: 'startVerification',
      fault: { kind: 'status', status: 400 },
      phase: 'after',
      times: 1
    })
    await t.engine.submitCapture(captureFor(jobId))
    expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: 'accepted' })
    expect(sandbox.control.calls().startVerification).toBe(1)
    expect(t.logs.some((line) => line.message === 'start verification was refused, but the process had started')).toBe(
      true
    )
  })

  it('fails as request-refused when Assure refuses a start and the process is still pending', async () => {
    const t = await engineIn()
    const { jobId } = await t.engine.prepare()
    sandbox.control.addFault({ endpoint: 'startVerification', fault: { kind: 'status', status: 400 }, times: 1 })
    await t.engine.submitCapture(captureFor(jobId))
    expect(await t.settled(jobId)).toMatchObject({
      phase: 'failed',
      failure: { reason: 'request-refused', retryable: false }
    })
    const job = record(t, jobId)
    expect(sandbox.control.processStatus(job.dossierId ?? '', job.processId ?? '')).toBe('pending')
  })

  it('survives a lost start answer followed by a second start the server refuses: started once, completed', async () => {
    // Assure's read lags behind its write once: the re-read after the lost answer still says pending,
    // so the engine sends the start again, and the sandbox refuses it (400, no 409 is documented).
    let staleReads = 1
    const t = await engineIn({
      wrapClient: (client) => ({
        ...client,
        async getProcess(dossierId, processId) {
          const process = await client.getProcess(dossierId, processId)
          if (process.status !== 'pending' && staleReads > 0) {
            staleReads--
            return { ...process, status: 'pending' }
          }
          return process
        }
      })
    })
    const { jobId } = await t.engine.prepare()
    sandbox.control.addFault({ endpoint: 'startVerification', fault: { kind: 'reset' }, phase: 'after', times: 1 })
    await t.engine.submitCapture(captureFor(jobId))
    expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: 'accepted' })
    expect(staleReads).toBe(0)
    // Two requests reached Assure; the second was refused, and the first alone started the process.
    expect(sandbox.control.calls().startVerification).toBe(2)
    expect(sandbox.control.duplicateStarts()).toBe(1)
    expect(t.logs.some((line) => line.message === 'start verification was refused, but the process had started')).toBe(
      true
    )
  })

  it('waits in the outbox while Assure refuses the credentials (staff see why), and completes by itself once a token can be had', async () => {
    let secret = sandbox.credentials.clientSecret
    const t = await engineIn({ clientSecret: async () => secret })
    const { jobId } = await t.engine.prepare()
    await t.settled(jobId)
    sandbox.control.expireTokens()
    secret = 'rotated-by-mistake'
    await t.engine.submitCapture(captureFor(jobId))
    await expect.poll(() => t.engine.listPage({}).jobs[0]?.lastError).toMatch(/^startVerification: auth/)
    expect(t.engine.get(jobId)).toMatchObject({ phase: 'queued', failure: null })
    await expect.poll(() => t.engine.get(jobId)?.attempts).toBeGreaterThanOrEqual(2)
    // Staff fix the secret; no job needs a retry.
    secret = sandbox.credentials.clientSecret
    expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: 'accepted' })
  })

  it('keeps retrying a malformed answer a few times, then fails as a bad response', async () => {
    const t = await engineIn({ options: { maxMalformedAttempts: 3 } })
    const { jobId } = await t.engine.prepare()
    sandbox.control.addFault({ endpoint: 'getProcess', fault: { kind: 'malformed' } })
    await t.engine.submitCapture(captureFor(jobId))
    expect(await t.settled(jobId)).toMatchObject({
      phase: 'failed',
      failure: { reason: 'bad-response', retryable: true }
    })
  })
})

describe('the full result', () => {
  it('asks again while Assure answers 204 (not ready), staff seeing why, and archives it when it comes', async () => {
    sandbox.control.configure({ processingDelayMs: 0, fullResultDelayMs: 3_600_000 })
    const t = await engineIn()
    const { jobId } = await t.engine.prepare()
    await t.engine.submitCapture(captureFor(jobId))
    // The person has the result at once; the zip is what waits.
    await expect.poll(() => t.engine.get(jobId)?.result).toBe('accepted')
    await expect.poll(() => sandbox.control.calls().download).toBeGreaterThanOrEqual(3)
    expect(t.engine.get(jobId)).toMatchObject({ phase: 'completed', failure: null })
    expect(t.engine.listPage({}).jobs[0]?.lastError).toBe('download: 204 not ready yet')
    expect(record(t, jobId)).toMatchObject({ step: 'final', fullResultWait: { attempts: expect.any(Number) } })
    sandbox.control.configure({ fullResultDelayMs: 0 })
    expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: 'accepted', failure: null })
    expect(record(t, jobId)).toMatchObject({ step: 'cleaned', fullResultWait: null, archive: expect.any(Object) })
  })

  it('gives up after its limit, keeping the result: completed, the missing archive noted beside it for staff', async () => {
    sandbox.control.configure({ processingDelayMs: 0, fullResultDelayMs: 3_600_000 })
    const t = await engineIn({ options: { fullResult: { intervalsMs: [20], deadlineMs: 150 } } })
    const { jobId } = await t.engine.prepare()
    await t.engine.submitCapture(captureFor(jobId))
    expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: 'accepted', failure: null })
    expect(t.engine.listPage({}).jobs[0]).toMatchObject({
      detail: expect.stringMatching(/^archive: download answered 204 \(not ready\) \d+ times/),
      hasArchivedResult: false
    })
    expect(record(t, jobId)).toMatchObject({ step: 'cleaned', archive: null, ended: { kind: 'completed' } })
  })
})

describe('polling', () => {
  it('stops at the deadline with a retryable result-timeout, and a staff retry picks it up', async () => {
    // Assure is still processing when the deadline passes, and has finished when staff retry.
    sandbox.control.configure({ processingDelayMs: 600_000 })
    const t = await engineIn({ options: { pollDeadlineMs: 100 } })
    const { jobId } = await t.engine.prepare()
    await t.engine.submitCapture(captureFor(jobId))
    expect(await t.settled(jobId)).toMatchObject({
      phase: 'failed',
      failure: { reason: 'result-timeout', retryable: true }
    })
    sandbox.control.configure({ processingDelayMs: 0 })
    t.engine.retry(jobId)
    expect(await t.settled(jobId)).toMatchObject({ phase: 'completed', result: 'accepted' })
    expect(sandbox.control.calls().startVerification).toBe(1)
  })

  it('keeps the polling time across a restart, so a restarted kiosk honours what is left of the deadline', async () => {
    sandbox.control.configure({ processingDelayMs: 600_000 })
    const dir = await tempDir('kiosk-engine')
    const key = randomBytes(32)
    const first = await engineIn({ key, options: { pollingSaveEveryMs: 0 } }, dir)
    const { jobId } = await first.engine.prepare()
    await first.engine.submitCapture(captureFor(jobId))
    await expect.poll(() => record(first, jobId).pollingMs).toBeGreaterThanOrEqual(300)
    await first.close()
    engines.splice(engines.indexOf(first), 1)

    const polls = sandbox.control.calls().getProcess
    const second = await engineIn({ key, options: { pollDeadlineMs: 400 } }, dir)
    expect(await second.settled(jobId)).toMatchObject({
      phase: 'failed',
      failure: { reason: 'result-timeout', retryable: true }
    })
    // Polls come after 20, 40, then every 80 ms of counted time: the at most 100 ms left take at most
    // three polls, where a deadline reset by the restart would take seven.
    expect(sandbox.control.calls().getProcess - polls).toBeLessThanOrEqual(3)
  })

  it('saves the polling time each time another pollingSaveEveryMs has been counted, not on every poll', async () => {
    sandbox.control.configure({ processingDelayMs: 600_000 })
    const t = await engineIn({ options: { pollingSaveEveryMs: 200 } })
    const saved: number[] = []
    const save = t.journal.save.bind(t.journal)
    t.journal.save = (job) => {
      if (job.step === 'started') saved.push(job.pollingMs)
      save(job)
    }
    const { jobId } = await t.engine.prepare()
    await t.engine.submitCapture(captureFor(jobId))
    await expect.poll(() => record(t, jobId).pollingMs).toBeGreaterThanOrEqual(600)
    // Polls come after 20, 40, then every 80 ms: saving after each would grow the saved time by 80 at most.
    const growth = saved
      .slice(1)
      .map((value, index) => value - (saved[index] ?? 0))
      .filter((step) => step > 0)
    expect(growth.length).toBeGreaterThanOrEqual(3)
    for (const step of growth) expect(step).toBeGreaterThanOrEqual(200)
  })

  it("learns Assure's processing time, so later verifications are answered with a few polls instead of many", async () => {
    // Assure's processing time and the engine's polls on one manual clock: what is measured is the
    // engine's schedule, not how fast this machine answers HTTP.
    const clock = new ManualClock()
    const timed = await startSandbox({ now: () => clock.now(), behaviour: { processingDelayMs: 600 } })
    onTestFinished(() => timed.close())
    // No archive: the zip's download is not what this test is about, and each request costs real time.
    const t = makeEngine(timed, await tempDir('kiosk-engine'), {
      clock,
      client: { clock: systemClock },
      options: { archiveOn: [] }
    })
    engines.push(t)
    await t.engine.start()
    expect(t.processing.current()).toBeNull()
    const pollsPerJob: number[] = []
    for (let i = 0; i < 4; i++) {
      const before = timed.control.calls().getProcess
      const { jobId } = await whileAdvancing(clock, t.engine.prepare())
      await whileAdvancing(clock, t.engine.submitCapture(captureFor(jobId)))
      expect(await whileAdvancing(clock, t.settled(jobId))).toMatchObject({ phase: 'completed', result: 'accepted' })
      // The jobs run one after another, so every Get process in between is one of this job's polls.
      pollsPerJob.push(timed.control.calls().getProcess - before)
    }
    const [first = 0, ...later] = pollsPerJob
    const lastThree = later.slice(-3)
    expect(first).toBeGreaterThanOrEqual(6)
    expect(lastThree.reduce((sum, polls) => sum + polls, 0) / lastThree.length).toBeLessThanOrEqual(4)
    expect(t.processing.current()).toBeGreaterThan(300)
    expect(t.processing.current()).toBeLessThan(900)
  })

  it('pauses while offline: no polls go out until connectivity returns', async () => {
    sandbox.control.configure({ processingDelayMs: 0 })
    // The engine's waits on a manual clock: a minute offline passes in the test, whatever the machine's pace.
    const clock = new ManualClock()
    const t = await engineIn({ clock, client: { clock: systemClock } })
    const { jobId } = await t.engine.prepare()
    sandbox.control.addFault({ endpoint: 'startVerification', fault: { kind: 'delay', ms: 100 }, times: 1 })
    await t.engine.submitCapture(captureFor(jobId))
    t.connectivity.set('offline')
    await expect.poll(() => t.engine.get(jobId)?.phase).toBe('processing')
    const polls = sandbox.control.calls().getProcess
    await clock.advance(60_000)
    expect(sandbox.control.calls().getProcess).toBe(polls)
    t.connectivity.set('online')
    expect(await whileAdvancing(clock, t.settled(jobId))).toMatchObject({ phase: 'completed', result: 'accepted' })
  })
})

describe('the outbox', () => {
  it('queues 50 captured jobs through an outage and drains them when the network returns, each started once', async () => {
    sandbox.control.configure({ processingDelayMs: 0 })
    const t = await engineIn({ options: { outbox: { baseDelayMs: 50, maxDelayMs: 400 } } })
    const sessions = await Promise.all(Array.from({ length: 50 }, () => t.engine.prepare()))
    await Promise.all(sessions.map(({ jobId }) => expect.poll(() => t.journal && record(t, jobId).step).toBe('selfie')))

    sandbox.control.addFault({ endpoint: '*', fault: { kind: 'reset' } })
    t.connectivity.set('offline')
    await Promise.all(sessions.map(({ jobId }) => t.engine.submitCapture(captureFor(jobId))))
    await expect.poll(() => sessions.every(({ jobId }) => t.engine.get(jobId)?.phase === 'queued')).toBe(true)
    expect(sandbox.control.calls().startVerification).toBe(50)

    sandbox.control.clearFaults()
    t.connectivity.set('online')
    const results = await Promise.all(sessions.map(({ jobId }) => t.settled(jobId)))
    expect(results.every((view) => view.phase === 'completed' && view.result === 'accepted')).toBe(true)
    // Each job was started exactly once: the requests cut off during the outage never took effect, and
    // no start was sent for a process that was already started.
    expect(sandbox.control.duplicateStarts()).toBe(0)
    const processes = sessions.map(({ jobId }) => record(t, jobId))
    expect(
      processes.every((job) => sandbox.control.processStatus(job.dossierId ?? '', job.processId ?? '') === 'accepted')
    ).toBe(true)
  }, 60_000)

  it('survives a restart: a queued job resumes from the journal and completes', async () => {
    const dir = await tempDir('kiosk-engine')
    const key = randomBytes(32)
    const first = await engineIn({ key }, dir)
    const { jobId } = await first.engine.prepare()
    await expect.poll(() => record(first, jobId).step).toBe('selfie')
    sandbox.control.addFault({ endpoint: '*', fault: { kind: 'reset' } })
    await first.engine.submitCapture(captureFor(jobId))
    await expect.poll(() => first.engine.get(jobId)?.phase).toBe('queued')
    await first.close()
    engines.splice(engines.indexOf(first), 1)

    sandbox.control.clearFaults()
    const second = await engineIn({ key }, dir)
    expect(await second.settled(jobId)).toMatchObject({ phase: 'completed', result: 'accepted' })
  })

  it('cancels, at restart, a prepared job that had no capture yet (nobody is waiting for it)', async () => {
    const dir = await tempDir('kiosk-engine')
    const key = randomBytes(32)
    const first = await engineIn({ key }, dir)
    const { jobId } = await first.engine.prepare()
    await first.close()
    engines.splice(engines.indexOf(first), 1)
    const second = await engineIn({ key }, dir)
    expect(await second.settled(jobId)).toMatchObject({ phase: 'cancelled' })
    expect(record(second, jobId).step).toBe('cleaned')
  })
})

describe('bad state on disk', () => {
  it('moves a corrupt job file aside, reports it, and keeps the other jobs working', async () => {
    const dir = await tempDir('kiosk-engine')
    const key = randomBytes(32)
    const first = await engineIn({ key }, dir)
    sandbox.control.configure({ processingDelayMs: 60_000 })
    const good = await first.engine.prepare()
    await first.engine.submitCapture(captureFor(good.jobId))
    const broken = await first.engine.prepare()
    await first.engine.submitCapture(captureFor(broken.jobId))
    await first.close()
    engines.splice(engines.indexOf(first), 1)

    writeFileSync(join(dir, 'jobs', `${broken.jobId}.json`), '{"schemaVersion": 1, "jobId": "')
    writeFileSync(join(dir, 'jobs', '00000000-0000-4000-8000-000000000000.json'), JSON.stringify({ hello: 'world' }))
    sandbox.control.configure({ processingDelayMs: 0 })
    const second = makeEngine(sandbox, dir, { key })
    engines.push(second)
    const report = await second.engine.start()
    expect(report.problems).toEqual([
      {
        file: '00000000-0000-4000-8000-000000000000.json',
        reason: expect.stringContaining('not a job record'),
        movedTo: expect.stringContaining('quarantine')
      },
      {
        file: `${broken.jobId}.json`,
        reason: 'not valid JSON (damaged file)',
        movedTo: expect.stringContaining('quarantine')
      }
    ])
    expect(existsSync(join(dir, 'jobs', `${broken.jobId}.json`))).toBe(false)
    expect(readdirSync(join(dir, 'jobs', 'quarantine'))).toHaveLength(2)
    expect(await second.settled(good.jobId)).toMatchObject({ phase: 'completed', result: 'accepted' })
    expect(second.logs.some((line) => line.level === 'error' && line.message.includes('moved aside'))).toBe(true)
  })

  it('fails only the job whose capture no longer decrypts, with a clear reason', async () => {
    const t = await engineIn()
    sandbox.control.configure({ processingDelayMs: 0 })
    sandbox.control.addFault({ endpoint: 'startVerification', fault: { kind: 'reset' }, times: 2 })
    const damaged = await t.engine.prepare()
    const healthy = await t.engine.prepare()
    await Promise.all([damaged, healthy].map(({ jobId }) => expect.poll(() => record(t, jobId).step).toBe('selfie')))
    await t.engine.submitCapture(captureFor(damaged.jobId))
    const file = join(t.dir, 'captures', `${damaged.jobId}.capture`)
    const bytes = readFileSync(file)
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0xff
    writeFileSync(file, bytes)
    await t.engine.submitCapture(captureFor(healthy.jobId))
    expect(await t.settled(damaged.jobId)).toMatchObject({
      phase: 'failed',
      failure: { reason: 'capture-unreadable', retryable: false }
    })
    expect(await t.settled(healthy.jobId)).toMatchObject({ phase: 'completed', result: 'accepted' })
  })
})

describe('retention', () => {
  it('purges jobs, captures and archived results older than the retention period', async () => {
    let offset = 0
    const clock = {
      now: () => Date.now() + offset,
      setTimeout: (fn: () => void, ms: number) => ({ id: setTimeout(fn, ms) }),
      clearTimeout: (h: { id: unknown }) => clearTimeout(h.id as ReturnType<typeof setTimeout>)
    }
    const t = await engineIn({ clock, options: { retentionMs: 24 * 3600_000 } })
    const { jobId } = await t.engine.prepare()
    await t.engine.submitCapture(captureFor(jobId))
    await t.settled(jobId)
    expect(readdirSync(join(t.dir, 'archive'))).toHaveLength(1)
    expect(await t.engine.purgeExpired()).toBe(0)
    offset = 25 * 3600_000
    expect(await t.engine.purgeExpired()).toBe(1)
    expect(t.engine.get(jobId)).toBeNull()
    expect(readdirSync(join(t.dir, 'archive'))).toEqual([])
    expect(readdirSync(join(t.dir, 'jobs')).filter((name) => name.endsWith('.json'))).toEqual([])
  })
})
