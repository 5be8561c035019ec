/**
 * The Assure client against the embedded sandbox, over real HTTP on loopback: every call, every fault
 * the sandbox can inject, tokens, and the whole sequence from token to full-result zip.
 */
import { createPublicKey } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { unzipSync, strFromU8 } from 'fflate'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { AssureClient } from '../../../main/assure/client'
import { AssureError } from '../../../main/assure/errors'
import { isFinalStatus, productionKeyOf } from '../../../main/assure/schemas'
import type { Clock } from '../../../main/lib/clock'
import { systemClock } from '../../../main/lib/clock'
import type { Endpoint, Fault } from '../../../main/sandbox/faults'
import { startSandbox, type Sandbox } from '../../../main/sandbox/fault-control'
import {
  clientFor,
  idDocumentCheck,
  otherPhoto,
  referencePhoto,
  sampleEnrollment,
  type TestClient
} from '../../support/assure'
import { ManualClock } from '../../support/manual-clock'
import { tempDir } from '../../support/temp-dir'
import { UNTIL_DONE } from '../../support/waiting'
import { rejectionOf } from '../../support/rejection'

let sandbox: Sandbox
let t: TestClient

beforeAll(async () => {
  sandbox = await startSandbox({ behaviour: { processingDelayMs: 0, fullResultDelayMs: 0 } })
})
afterAll(async () => {
  await sandbox.close()
})
afterEach(async () => {
  sandbox.control.reset()
  sandbox.control.configure({
    processingDelayMs: 0,
    tokenLifetimeSeconds: 600,
    rateLimitPerSecond: null,
    fullResultDelayMs: 0,
    defaultOutcome: 'accepted'
  })
  // A test that builds no client of its own leaves the previous one, already closed.
  if (t && !t.dispatcher.closed) await t.dispatcher.close()
})

const failure = (promise: Promise<unknown>) => rejectionOf(promise, AssureError)

async function newProcess(client = t.client) {
  const dossier = await client.createDossier()
  const process = await client.createFacetecProcess(dossier.dossierId)
  return { dossierId: dossier.dossierId, processId: process.processId, process }
}

describe('the calls a verification needs', () => {
  it('creates and deletes a dossier; what was in it is gone', async () => {
    t = clientFor(sandbox)
    const dossier = await t.client.createDossier({ externalReference: 'job-1' })
    expect(dossier.dossierId).toMatch(/^[0-9a-f-]{36}$/)
    expect(dossier.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    const { processId } = await t.client.createFacetecProcess(dossier.dossierId)
    await t.client.deleteDossier(dossier.dossierId)
    const gone = await failure(t.client.getProcess(dossier.dossierId, processId))
    expect(gone.kind).toBe('not-found')
    expect(gone.problem).toMatchObject({
      status: 404,
      title: 'Dossier not found.',
      traceId: expect.stringMatching(/^[0-9a-f]{32}$/)
    })
  })

  it('lists the dossiers, each with the externalReference it was created with', async () => {
    t = clientFor(sandbox)
    const mine = await t.client.createDossier({ externalReference: 'job-listed' })
    const listed = await t.client.listDossiers()
    expect(listed).toContainEqual(
      expect.objectContaining({ dossierId: mine.dossierId, externalReference: 'job-listed' })
    )
    await t.client.deleteDossier(mine.dossierId)
    expect((await t.client.listDossiers()).map((dossier) => dossier.dossierId)).not.toContain(mine.dossierId)
  })

  it('creates a FaceTec process with the SDK keys and a session token', async () => {
    t = clientFor(sandbox)
    const { process, dossierId, processId } = await newProcess()
    expect(process).toMatchObject({ provider: 'facetec', status: 'pending' })
    expect(process.authorization.length).toBeGreaterThan(20)
    expect(process.facetecDeviceKeyIdentifier).toMatch(/^[A-Za-z0-9]{32}$/)
    expect(createPublicKey(process.facetecEncryptionPublicKey).asymmetricKeyType).toBe('rsa')
    // The document's name for the production key, which the engine hands to the SDK.
    expect(typeof process.facetecMobileSdkProductionKey).toBe('string')
    expect(productionKeyOf(process)).toBe(process.facetecMobileSdkProductionKey)
    expect((await t.client.getProcess(dossierId, processId)).status).toBe('pending')
    await t.client.deleteProcess(dossierId, processId)
    expect((await failure(t.client.getProcess(dossierId, processId))).kind).toBe('not-found')
  })

  it('sets the selfie and reads it back with ?depiction=; a FaceTec process has no portrait (400), no front yet (404)', async () => {
    t = clientFor(sandbox)
    const { dossierId, processId } = await newProcess()
    await t.client.setImages(dossierId, processId, { selfie: referencePhoto })
    const image = await t.client.getImage(dossierId, processId, 'selfie')
    expect(image.mimeType).toBe('image/jpeg')
    expect(Buffer.from(image.bytes).equals(Buffer.from(referencePhoto.bytes))).toBe(true)
    const portrait = await failure(t.client.getImage(dossierId, processId, 'portrait'))
    expect(portrait).toMatchObject({ kind: 'client', status: 400 })
    expect(portrait.problem?.detail).toMatch(/does not provide the requested image type/)
    expect(await failure(t.client.getImage(dossierId, processId, 'front'))).toMatchObject({
      kind: 'not-found',
      status: 404
    })
  })

  it('reads the portrait and the front of an ID-document (readid) process', async () => {
    t = clientFor(sandbox)
    const { dossierId, processId } = await idDocumentCheck(sandbox, { portrait: otherPhoto, front: referencePhoto })
    expect((await t.client.getProcess(dossierId, processId)).provider).toBe('readid')
    const portrait = await t.client.getImage(dossierId, processId, 'portrait')
    expect(Buffer.from(portrait.bytes).equals(Buffer.from(otherPhoto.bytes))).toBe(true)
    const front = await t.client.getImage(dossierId, processId, 'front')
    expect(Buffer.from(front.bytes).equals(Buffer.from(referencePhoto.bytes))).toBe(true)
  })

  it('is refused by Assure when an image is not JPEG or PNG, with the reason', async () => {
    t = clientFor(sandbox)
    const { dossierId, processId } = await newProcess()
    const gif = { mimeType: 'image/jpeg' as const, bytes: new Uint8Array(Buffer.from('GIF89a....')) }
    const refused = await failure(t.client.setImages(dossierId, processId, { selfie: gif }))
    expect(refused.kind).toBe('client')
    expect(refused.status).toBe(400)
    expect(refused.problem?.detail).toMatch(/holds|JPEG/)
  })

  it('starts verification at the process URL with imageDepiction, and polls to a final status', async () => {
    sandbox.control.configure({ processingDelayMs: 150 })
    t = clientFor(sandbox)
    const { dossierId, processId } = await newProcess()
    await t.client.setImages(dossierId, processId, { selfie: referencePhoto })
    const started = await t.client.startFacetecVerification(dossierId, processId, sampleEnrollment(), 'selfie')
    expect(started).toMatchObject({ processId, status: 'processing' })
    let status = started.status ?? ''
    while (!isFinalStatus(status)) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      status = (await t.client.getProcess(dossierId, processId)).status
    }
    const final = await t.client.getProcess(dossierId, processId)
    expect(final.status).toBe('accepted')
    expect(final.providerSpecific).toMatchObject({ matching: { success: true, matchLevel: 8 } })
    expect(final.finalResult).toEqual({ livenessDetected: true, similarityScore: 'high' })
    expect(sandbox.control.calls().startVerification).toBe(1)
  })

  it('has no …/verify path: a start configured there is answered 404', async () => {
    t = clientFor(sandbox, {
      paths: { startVerification: '/assure/dossiers/{dossierId}/processes/{processId}/verify' }
    })
    const { dossierId, processId } = await newProcess()
    await t.client.setImages(dossierId, processId, { selfie: referencePhoto })
    const refused = await failure(t.client.startFacetecVerification(dossierId, processId, sampleEnrollment(), 'selfie'))
    expect(refused).toMatchObject({ kind: 'not-found', status: 404 })
    expect(sandbox.control.processStatus(dossierId, processId)).toBe('pending')
  })

  it('compares with the front when the reference was set as the front', async () => {
    t = clientFor(sandbox)
    const { dossierId, processId } = await newProcess()
    await t.client.setImages(dossierId, processId, { front: referencePhoto })
    const noSelfie = await failure(
      t.client.startFacetecVerification(dossierId, processId, sampleEnrollment(), 'selfie')
    )
    expect(noSelfie.problem?.title).toBe('No selfie image on the process.')
    await t.client.startFacetecVerification(dossierId, processId, sampleEnrollment(), 'front')
    expect((await t.client.getProcess(dossierId, processId)).status).toBe('accepted')
  })

  it('is refused when starting without a selfie, or twice', async () => {
    t = clientFor(sandbox)
    const { dossierId, processId } = await newProcess()
    const noSelfie = await failure(
      t.client.startFacetecVerification(dossierId, processId, sampleEnrollment(), 'selfie')
    )
    expect(noSelfie).toMatchObject({ kind: 'client', status: 400, ambiguous: false })
    expect(noSelfie.problem?.title).toBe('No selfie image on the process.')
    await t.client.setImages(dossierId, processId, { selfie: referencePhoto })
    await t.client.startFacetecVerification(dossierId, processId, sampleEnrollment(), 'selfie')
    // No 409 is documented for a second start: the sandbox refuses it with a 400 (its choice).
    const again = await failure(t.client.startFacetecVerification(dossierId, processId, sampleEnrollment(), 'selfie'))
    expect(again).toMatchObject({ kind: 'client', status: 400 })
    expect(again.problem?.title).toBe('Verification already started.')
    expect(sandbox.control.duplicateStarts()).toBe(1)
  })

  it.each(['rejected', 'inconclusive'] as const)(
    'reports a %s outcome chosen through the control API',
    async (outcome) => {
      t = clientFor(sandbox)
      const { dossierId, processId } = await newProcess()
      sandbox.control.setOutcome(processId, outcome)
      await t.client.setImages(dossierId, processId, { selfie: otherPhoto })
      await t.client.startFacetecVerification(dossierId, processId, sampleEnrollment(), 'selfie')
      expect((await t.client.getProcess(dossierId, processId)).status).toBe(outcome)
    }
  )

  it('reads a failed process with its failReason object, and a canceled one', async () => {
    t = clientFor(sandbox)
    const failed = await newProcess()
    const canceled = await newProcess()
    sandbox.control.setOutcome(failed.processId, 'failed')
    sandbox.control.setOutcome(canceled.processId, 'canceled')
    for (const { dossierId, processId } of [failed, canceled]) {
      await t.client.setImages(dossierId, processId, { selfie: referencePhoto })
      await t.client.startFacetecVerification(dossierId, processId, sampleEnrollment(), 'selfie')
    }
    expect(await t.client.getProcess(failed.dossierId, failed.processId)).toMatchObject({
      status: 'failed',
      failReason: { type: 'provider_error', message: expect.any(String) }
    })
    const result = await t.client.getProcess(canceled.dossierId, canceled.processId)
    expect(result.status).toBe('canceled')
    expect(result.failReason).toBeUndefined()
    // Neither has a full result to download: Assure keeps answering 204.
    const dir = await tempDir('kiosk-download')
    expect(await t.client.downloadFullResult(failed.dossierId, failed.processId, join(dir, 'f.zip'))).toBeNull()
    expect(await readdir(dir)).toEqual([])
  })

  it('is answered 204 for the full result until the process is final and the zip is ready: null, no file', async () => {
    sandbox.control.configure({ processingDelayMs: 60_000, fullResultDelayMs: 0 })
    t = clientFor(sandbox)
    const dir = await tempDir('kiosk-download')
    const { dossierId, processId } = await newProcess()
    await t.client.setImages(dossierId, processId, { selfie: referencePhoto })
    expect(await t.client.downloadFullResult(dossierId, processId, join(dir, 'pending.zip'))).toBeNull()
    await t.client.startFacetecVerification(dossierId, processId, sampleEnrollment(), 'selfie')
    expect(await t.client.downloadFullResult(dossierId, processId, join(dir, 'processing.zip'))).toBeNull()
    sandbox.control.configure({ processingDelayMs: 0, fullResultDelayMs: 60_000 })
    expect((await t.client.getProcess(dossierId, processId)).status).toBe('accepted')
    expect(await t.client.downloadFullResult(dossierId, processId, join(dir, 'not-yet.zip'))).toBeNull()
    expect(await readdir(dir)).toEqual([])
    sandbox.control.configure({ fullResultDelayMs: 0 })
    expect(await t.client.downloadFullResult(dossierId, processId, join(dir, 'result.zip'))).toMatchObject({
      contentType: 'application/zip'
    })
    expect(await readdir(dir)).toEqual(['result.zip'])
    // No retries: a 204 is an answer, not a failure.
    expect(sandbox.control.calls().download).toBe(4)
  })
})

describe('the whole sequence, token to zip', () => {
  it('runs dossier → process → selfie → start → result → zip, and the zip holds the process and images', async () => {
    t = clientFor(sandbox)
    const dir = await tempDir('kiosk-sequence')
    const dossier = await t.client.createDossier()
    const process = await t.client.createFacetecProcess(dossier.dossierId)
    await t.client.setImages(dossier.dossierId, process.processId, { selfie: referencePhoto })
    const enrollment = sampleEnrollment()
    await t.client.startFacetecVerification(dossier.dossierId, process.processId, enrollment, 'selfie')
    const result = await t.client.getProcess(dossier.dossierId, process.processId)
    expect(result.status).toBe('accepted')

    const destination = join(dir, 'result.zip')
    const file = await t.client.downloadFullResult(dossier.dossierId, process.processId, destination)
    if (!file) throw new Error('the full result was not ready')
    expect(file).toMatchObject({ path: destination, contentType: 'application/zip' })
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(await readdir(dir)).toEqual(['result.zip'])

    const entries = unzipSync(new Uint8Array(await readFile(destination)))
    expect(Object.keys(entries).sort()).toEqual([
      'facetec/auditTrailImage.jpg',
      'facetec/faceScan.b64',
      'facetec/lowQualityAuditTrailImage.jpg',
      'process.json',
      'selfie.jpg'
    ])
    expect(JSON.parse(strFromU8(entries['process.json'] as Uint8Array))).toMatchObject({
      processId: process.processId,
      status: 'accepted'
    })
    expect(Buffer.from(entries['selfie.jpg'] as Uint8Array).equals(Buffer.from(referencePhoto.bytes))).toBe(true)
    expect(strFromU8(entries['facetec/faceScan.b64'] as Uint8Array)).toBe(enrollment.faceScan)

    await t.client.deleteDossier(dossier.dossierId)
    expect(sandbox.control.calls()).toMatchObject({
      token: 1,
      createDossier: 1,
      createProcess: 1,
      setImages: 1,
      startVerification: 1,
      getProcess: 1,
      download: 1,
      deleteDossier: 1
    })
  })
})

describe('tokens', () => {
  it('sends client credentials with HTTP Basic and a form body, and caches the token', async () => {
    t = clientFor(sandbox)
    await t.client.createDossier()
    await t.client.createDossier()
    expect(sandbox.control.calls().token).toBe(1)
  })

  it('shares one token call between concurrent callers', async () => {
    t = clientFor(sandbox)
    await Promise.all(Array.from({ length: 10 }, () => t.client.createDossier()))
    expect(sandbox.control.calls()).toMatchObject({ token: 1, createDossier: 10 })
  })

  it('renews once and retries once when a token expires in the middle of a sequence', async () => {
    t = clientFor(sandbox)
    const { dossierId, processId } = await newProcess()
    sandbox.control.expireTokens()
    await t.client.setImages(dossierId, processId, { selfie: referencePhoto })
    expect(sandbox.control.calls()).toMatchObject({ token: 2, setImages: 2 })
    sandbox.control.expireTokens()
    expect((await t.client.getProcess(dossierId, processId)).status).toBe('pending')
    expect(sandbox.control.calls()).toMatchObject({ token: 3, getProcess: 2 })
  })

  it('renews shortly before expires_in without waiting for a 401', async () => {
    sandbox.control.configure({ tokenLifetimeSeconds: 60 })
    let offset = 0
    const clock: Clock = { ...systemClock, now: () => systemClock.now() + offset }
    t = clientFor(sandbox, { clock })
    await t.client.createDossier()
    offset = 50_000
    await t.client.createDossier()
    expect(sandbox.control.calls().token).toBe(1)
    offset = 58_000
    await t.client.createDossier()
    expect(sandbox.control.calls()).toMatchObject({ token: 2, createDossier: 3 })
  })

  it('gives up with an auth error when Assure keeps answering 401', async () => {
    t = clientFor(sandbox)
    sandbox.control.addFault({ endpoint: 'createDossier', fault: { kind: 'status', status: 401 } })
    const refused = await failure(t.client.createDossier())
    expect(refused).toMatchObject({ kind: 'auth', status: 401, retryable: false })
    expect(sandbox.control.calls()).toMatchObject({ token: 2, createDossier: 2 })
  })

  it('calls wrong credentials an auth error, not something to retry', async () => {
    t = clientFor(sandbox, { clientSecret: async () => 'wrong-secret' })
    const refused = await failure(t.client.createDossier())
    expect(refused).toMatchObject({ kind: 'auth', operation: 'token', status: 401, retryable: false })
    expect(refused.problem?.error).toBe('invalid_client')
    expect(sandbox.control.calls()).toMatchObject({ token: 1, createDossier: 0 })
  })

  it('never lets the secret or a token reach a log line or an error message', async () => {
    t = clientFor(sandbox)
    const { dossierId, processId } = await newProcess()
    sandbox.control.addFault({ endpoint: 'getProcess', fault: { kind: 'status', status: 503 } })
    const error = await failure(t.client.getProcess(dossierId, processId))
    sandbox.control.clearFaults()
    const bad = clientFor(sandbox, { clientSecret: async () => 'wrong-secret' })
    const authError = await failure(bad.client.createDossier())
    await bad.dispatcher.close()
    const everything = JSON.stringify([
      t.logs,
      bad.logs,
      error.message,
      authError.message,
      String(error.cause),
      String(authError.cause)
    ])
    expect(everything).not.toContain(sandbox.credentials.clientSecret)
    expect(everything).not.toContain('wrong-secret')
    expect(everything).not.toMatch(/Bearer [A-Za-z0-9_-]{20,}/)
    expect(everything).not.toMatch(/Basic [A-Za-z0-9+/=]{10,}/)
  })
})

describe('faults, per kind', () => {
  it('retries a GET after a 5xx, and reports it to the observer', async () => {
    t = clientFor(sandbox)
    const { dossierId, processId } = await newProcess()
    sandbox.control.addFault({ endpoint: 'getProcess', fault: { kind: 'status', status: 503 }, times: 2 })
    expect((await t.client.getProcess(dossierId, processId)).processId).toBe(processId)
    expect(sandbox.control.calls().getProcess).toBe(3)
    expect(t.observed.server).toBe(2)
  })

  it('gives up on a GET after the attempt budget with a retryable server error carrying Signicat’s body', async () => {
    t = clientFor(sandbox)
    const { dossierId, processId } = await newProcess()
    sandbox.control.addFault({ endpoint: 'getProcess', fault: { kind: 'status', status: 500 } })
    const error = await failure(t.client.getProcess(dossierId, processId))
    expect(error).toMatchObject({ kind: 'server', status: 500, retryable: true })
    expect(error.problem).toMatchObject({
      status: 500,
      type: 'base:server-problem',
      instance: `/assure/dossiers/${dossierId}/processes/${processId}`
    })
    expect(error.traceId).toMatch(/^[0-9a-f]{32}$/)
    expect(sandbox.control.calls().getProcess).toBe(3)
  })

  it('never repeats a POST after a 5xx: the error says it may have been processed', async () => {
    t = clientFor(sandbox)
    const before = sandbox.control.dossierIds().length
    sandbox.control.addFault({
      endpoint: 'createDossier',
      fault: { kind: 'status', status: 502 },
      phase: 'after',
      times: 1
    })
    const error = await failure(t.client.createDossier())
    expect(error).toMatchObject({ kind: 'server', ambiguous: true })
    expect(sandbox.control.calls().createDossier).toBe(1)
    // It was in fact processed: the dossier exists.
    expect(sandbox.control.dossierIds()).toHaveLength(before + 1)
  })

  it('waits out a 429 with its Retry-After, for GET and for POST (a 429 was not processed)', async () => {
    t = clientFor(sandbox)
    sandbox.control.addFault({
      endpoint: 'createDossier',
      fault: { kind: 'status', status: 429, retryAfterSeconds: 1 },
      times: 1
    })
    const started = Date.now()
    const dossier = await t.client.createDossier()
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    sandbox.control.addFault({
      endpoint: 'listDossiers',
      fault: { kind: 'status', status: 429, retryAfterSeconds: 0 },
      times: 2
    })
    expect((await t.client.listDossiers()).map((listed) => listed.dossierId)).toContain(dossier.dossierId)
    expect(sandbox.control.calls()).toMatchObject({ createDossier: 2, listDossiers: 3 })
  })

  it('hands a Retry-After longer than it will wait to the caller', async () => {
    t = clientFor(sandbox)
    sandbox.control.addFault({
      endpoint: 'createDossier',
      fault: { kind: 'status', status: 429, retryAfterSeconds: 120 }
    })
    const error = await failure(t.client.createDossier())
    expect(error).toMatchObject({ kind: 'rate-limit', retryAfterMs: 120_000, ambiguous: false, retryable: true })
    expect(sandbox.control.calls().createDossier).toBe(1)
  })

  it('times out a hanging GET and retries it', async () => {
    t = clientFor(sandbox)
    const { dossierId, processId } = await newProcess()
    sandbox.control.addFault({ endpoint: 'getProcess', fault: { kind: 'hang' }, times: 1 })
    expect((await t.client.getProcess(dossierId, processId)).processId).toBe(processId)
    expect(sandbox.control.calls().getProcess).toBe(2)
    expect(t.observed.network).toBe(1)
  })

  it('times out a hanging POST and does not repeat it', async () => {
    t = clientFor(sandbox)
    const { dossierId, processId } = await newProcess()
    await t.client.setImages(dossierId, processId, { selfie: referencePhoto })
    sandbox.control.addFault({ endpoint: 'startVerification', fault: { kind: 'hang' }, phase: 'after', times: 1 })
    const error = await failure(t.client.startFacetecVerification(dossierId, processId, sampleEnrollment(), 'selfie'))
    expect(error).toMatchObject({ kind: 'network', code: 'UND_ERR_HEADERS_TIMEOUT', ambiguous: true, retryable: true })
    expect(sandbox.control.calls().startVerification).toBe(1)
    // The start went through: reading the process tells the caller so.
    expect((await t.client.getProcess(dossierId, processId)).status).toBe('accepted')
  })

  it('retries a GET whose connection is reset, and reports a reset POST as ambiguous', async () => {
    t = clientFor(sandbox)
    const { dossierId, processId } = await newProcess()
    sandbox.control.addFault({ endpoint: 'getProcess', fault: { kind: 'reset' }, times: 1 })
    expect((await t.client.getProcess(dossierId, processId)).processId).toBe(processId)
    expect(sandbox.control.calls().getProcess).toBe(2)
    sandbox.control.addFault({ endpoint: 'createDossier', fault: { kind: 'reset' }, times: 1 })
    const error = await failure(t.client.createDossier())
    expect(error).toMatchObject({ kind: 'network', ambiguous: true })
    expect(sandbox.control.calls().createDossier).toBe(2)
  })

  it('retries a GET whose body is malformed JSON, and calls a malformed POST answer ambiguous', async () => {
    t = clientFor(sandbox)
    const { dossierId, processId } = await newProcess()
    sandbox.control.addFault({ endpoint: 'getProcess', fault: { kind: 'malformed' }, times: 1 })
    expect((await t.client.getProcess(dossierId, processId)).status).toBe('pending')
    sandbox.control.addFault({ endpoint: 'getProcess', fault: { kind: 'malformed' } })
    expect(await failure(t.client.getProcess(dossierId, processId))).toMatchObject({
      kind: 'malformed',
      ambiguous: false,
      retryable: false
    })
    sandbox.control.clearFaults()
    sandbox.control.addFault({ endpoint: 'createProcess', fault: { kind: 'malformed' }, phase: 'after', times: 1 })
    expect(await failure(t.client.createFacetecProcess(dossierId))).toMatchObject({
      kind: 'malformed',
      ambiguous: true
    })
    expect(sandbox.control.calls().createProcess).toBe(2)
  })

  it('waits a delay out when it stays within the timeouts', async () => {
    // Well within: a busy machine's own pauses must not reach the limit this test is not about.
    t = clientFor(sandbox, { timeouts: { headersMs: 5_000, bodyMs: 5_000, totalMs: 15_000 } })
    sandbox.control.addFault({ endpoint: 'createDossier', fault: { kind: 'delay', ms: 200 }, times: 1 })
    await t.client.createDossier()
    expect(sandbox.control.calls().createDossier).toBe(1)
  })

  it('meets the rate limit with 429s and gets through by honouring Retry-After', async () => {
    t = clientFor(sandbox)
    await t.client.createDossier()
    sandbox.control.configure({ rateLimitPerSecond: 3 })
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => t.client.listDossiers()))
    expect(results.every((result) => result.status === 'fulfilled')).toBe(true)
    expect(sandbox.control.calls().listDossiers).toBeGreaterThan(6)
  })

  it('stays under the rate limit without a single 429 when maxRequestsPerSecond matches it', async () => {
    // Kiosk and Assure on one clock that moves only once every released request has arrived: a busy
    // machine delaying some arrivals must not crowd them into Assure's window (real Assure's clock does
    // not wait, but its limit is far above the kiosk's pace; this pins the pacer's arithmetic).
    const clock = new ManualClock()
    const limited = await startSandbox({ now: () => clock.now(), behaviour: { processingDelayMs: 0 } })
    try {
      t = clientFor(limited, { maxRequestsPerSecond: 3, clock })
      await t.client.createDossier()
      await clock.advance(1_100)
      limited.control.configure({ rateLimitPerSecond: 3 })
      const results = Promise.allSettled(Array.from({ length: 6 }, () => t.client.listDossiers()))
      await vi.waitFor(() => expect(limited.control.calls().listDossiers).toBe(3), UNTIL_DONE)
      await clock.advance(1_100)
      expect((await results).every((result) => result.status === 'fulfilled')).toBe(true)
      expect(limited.control.calls().listDossiers).toBe(6)
      expect(limited.control.rateLimited()).toBe(0)
    } finally {
      await t.dispatcher.close()
      await limited.close()
    }
  })

  it('retries a DELETE answered 503 and succeeds, but never repeats a POST answered 503', async () => {
    t = clientFor(sandbox)
    const { dossierId, processId } = await newProcess()
    sandbox.control.addFault({ endpoint: 'deleteDossier', fault: { kind: 'status', status: 503 }, times: 1 })
    await t.client.deleteDossier(dossierId)
    expect(sandbox.control.calls().deleteDossier).toBe(2)
    expect((await failure(t.client.getProcess(dossierId, processId))).kind).toBe('not-found')

    const dossiers = sandbox.control.dossierIds().length
    sandbox.control.addFault({ endpoint: 'createDossier', fault: { kind: 'status', status: 503 }, times: 1 })
    expect(await failure(t.client.createDossier())).toMatchObject({ kind: 'server', status: 503, ambiguous: true })
    expect(sandbox.control.calls().createDossier).toBe(2)
    expect(sandbox.control.dossierIds()).toHaveLength(dossiers)
  })

  it('calls an unreachable host a network error that was certainly not processed', async () => {
    const closed = await startSandbox()
    await closed.close()
    t = clientFor(closed)
    const error = await failure(t.client.createDossier())
    expect(error).toMatchObject({
      kind: 'network',
      code: 'ECONNREFUSED',
      ambiguous: false,
      retryable: true,
      operation: 'token'
    })
    expect(t.observed.network).toBe(3)
  })
})

describe('faults on every endpoint the client uses', () => {
  interface Target {
    dossierId: string
    processId: string
    dir: string
  }
  type Method = 'GET' | 'POST' | 'DELETE'
  const calls: Record<string, { method: Method; run: (client: AssureClient, at: Target) => Promise<unknown> }> = {
    token: { method: 'POST', run: (client) => client.verifyCredentials() },
    createDossier: { method: 'POST', run: (client) => client.createDossier() },
    listDossiers: { method: 'GET', run: (client) => client.listDossiers() },
    deleteDossier: { method: 'DELETE', run: (client, at) => client.deleteDossier(at.dossierId) },
    createProcess: { method: 'POST', run: (client, at) => client.createFacetecProcess(at.dossierId) },
    getProcess: { method: 'GET', run: (client, at) => client.getProcess(at.dossierId, at.processId) },
    deleteProcess: { method: 'DELETE', run: (client, at) => client.deleteProcess(at.dossierId, at.processId) },
    getImage: { method: 'GET', run: (client, at) => client.getImage(at.dossierId, at.processId, 'selfie') },
    setImages: {
      method: 'POST',
      run: (client, at) => client.setImages(at.dossierId, at.processId, { selfie: otherPhoto })
    },
    startVerification: {
      method: 'POST',
      run: (client, at) => client.startFacetecVerification(at.dossierId, at.processId, sampleEnrollment(), 'selfie')
    },
    download: {
      method: 'GET',
      run: (client, at) => client.downloadFullResult(at.dossierId, at.processId, join(at.dir, 'result.zip'))
    }
  }
  const unavailable: Fault = { kind: 'status', status: 503 }
  const reset: Fault = { kind: 'reset' }
  const cases: Array<[Endpoint, string, Fault]> = [
    ...Object.keys(calls).map((endpoint): [Endpoint, string, Fault] => [endpoint as Endpoint, '503', unavailable]),
    ...Object.entries(calls)
      .filter(([, call]) => call.method !== 'POST')
      .map(([endpoint]): [Endpoint, string, Fault] => [endpoint as Endpoint, 'a reset connection', reset])
  ]

  /** A process with a selfie, pending; for the download, finished. */
  async function target(endpoint: Endpoint): Promise<Target> {
    const { dossierId, processId } = await newProcess()
    await t.client.setImages(dossierId, processId, { selfie: referencePhoto })
    if (endpoint === 'download')
      await t.client.startFacetecVerification(dossierId, processId, sampleEnrollment(), 'selfie')
    return { dossierId, processId, dir: await tempDir('kiosk-faults') }
  }

  it.each(cases)('%s answering %s once', async (endpoint, _label, fault) => {
    t = clientFor(sandbox)
    const at = await target(endpoint)
    const { method, run } = calls[endpoint] as (typeof calls)[string]
    const before = sandbox.control.calls()[endpoint]
    sandbox.control.addFault({ endpoint, fault, times: 1 })

    if (method === 'POST') {
      // It may have been processed (the client cannot know the fault came first): reported, not repeated.
      expect(await failure(run(t.client, at))).toMatchObject({
        kind: 'server',
        status: 503,
        ambiguous: true,
        retryable: true,
        operation: endpoint
      })
      expect(sandbox.control.calls()[endpoint] - before).toBe(1)
    } else {
      await run(t.client, at)
      expect(sandbox.control.calls()[endpoint] - before).toBe(2)
      expect(fault.kind === 'reset' ? t.observed.network : t.observed.server).toBe(1)
    }
  })
})
