/**
 * The sandbox speaks Assure's HTTP API as Signicat's OpenAPI document describes it (every answer is also
 * checked against the document itself in test/main/assure/conformance.test.ts). These tests talk to it
 * with plain fetch, as an integrator's CI would, and pin the behaviour and the choices (*ours*) the
 * README documents.
 */
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../../main/sandbox/fault-control'
import { otherPhoto, referencePhoto, sampleEnrollment } from '../../support/assure'

let sandbox: Sandbox
let clock = Date.parse('2026-11-26T10:00:00Z')
let token = ''

const api = async (
  method: string,
  path: string,
  options: { body?: unknown; auth?: string | null; raw?: string } = {}
) => {
  const headers: Record<string, string> = {}
  const auth = options.auth === undefined ? `Bearer ${token}` : options.auth
  if (auth) headers.authorization = auth
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
  })
  const type = response.headers.get('content-type') ?? ''
  const raw = new Uint8Array(await response.arrayBuffer())
  const body: unknown = type.includes('json') ? JSON.parse(Buffer.from(raw).toString('utf8')) : raw
  return { status: response.status, headers: response.headers, body: body as Record<string, unknown> }
}

/** The control API over real HTTP, as an integrator's CI drives it. */
const control = (method: string, path: string, body?: unknown) =>
  fetch(`${sandbox.url}/__sandbox/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`
const getToken = async (
  form = 'grant_type=client_credentials&scope=signicat-api',
  auth = basic(sandbox.credentials.clientId, sandbox.credentials.clientSecret)
) => {
  const response = await fetch(sandbox.tokenUrl, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: form
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}
const selfieDataUrl = `data:image/jpeg;base64,${Buffer.from(referencePhoto.bytes).toString('base64')}`

async function pendingProcessWithSelfie() {
  const dossier = (await api('POST', '/assure/dossiers', { body: {} })).body
  const process = (
    await api('POST', `/assure/dossiers/${String(dossier.dossierId)}/processes`, { body: { provider: 'facetec' } })
  ).body
  const path = `/assure/dossiers/${String(dossier.dossierId)}/processes/${String(process.processId)}`
  expect((await api('POST', `${path}/images`, { body: { selfie: selfieDataUrl } })).status).toBe(201)
  return { path, dossierId: String(dossier.dossierId), processId: String(process.processId) }
}

const start = (path: string, imageDepiction = 'selfie') =>
  api('POST', path, { body: { facetecEnrollment: sampleEnrollment(), imageDepiction } })

beforeAll(async () => {
  sandbox = await startSandbox({
    controlApi: true,
    now: () => clock,
    behaviour: { processingDelayMs: 2_000, tokenLifetimeSeconds: 600, fullResultDelayMs: 0 }
  })
})
afterAll(async () => {
  await sandbox.close()
})
beforeEach(async () => {
  clock = Date.parse('2026-11-26T10:00:00Z')
  sandbox.control.reset()
  sandbox.control.configure({
    rateLimitPerSecond: null,
    processingDelayMs: 2_000,
    tokenLifetimeSeconds: 600,
    fullResultDelayMs: 0,
    maxDossiers: 50
  })
  token = String((await getToken()).body.access_token)
})

describe('token endpoint', () => {
  it('issues a Bearer token for the right client with Basic auth, a form body and scope signicat-api', async () => {
    const answer = await getToken()
    expect(answer).toEqual({
      status: 200,
      body: { access_token: expect.any(String), expires_in: 600, token_type: 'Bearer', scope: 'signicat-api' }
    })
  })

  it.each([
    [
      'a wrong secret',
      'grant_type=client_credentials&scope=signicat-api',
      basic('sandbox-demo-kiosk', 'nope'),
      401,
      'invalid_client'
    ],
    ['no client authentication', 'grant_type=client_credentials&scope=signicat-api', '', 401, 'invalid_client'],
    ['another grant type', 'grant_type=password&scope=signicat-api', undefined, 400, 'unsupported_grant_type'],
    ['no signicat-api scope', 'grant_type=client_credentials&scope=other', undefined, 400, 'invalid_scope']
  ])('refuses %s with an OAuth2 error', async (_label, form, auth, status, error) => {
    const answer = await getToken(form, auth)
    expect(answer.status).toBe(status)
    expect(answer.body).toMatchObject({ error, error_description: expect.any(String) })
  })

  it('tokens expire after expires_in', async () => {
    sandbox.control.configure({ tokenLifetimeSeconds: 5 })
    token = String((await getToken()).body.access_token)
    expect((await api('POST', '/assure/dossiers', { body: {} })).status).toBe(201)
    clock += 5_000
    expect((await api('POST', '/assure/dossiers', { body: {} })).status).toBe(401)
  })
})

describe('Bearer checks', () => {
  it('answers 400 with Signicat’s error body for a malformed Authorization header', async () => {
    for (const auth of [null, 'Basic abc', 'Bearer', 'bearer']) {
      const answer = await api('POST', '/assure/dossiers', { body: {}, auth })
      expect(answer.status).toBe(400)
      expect(answer.body).toEqual({
        instance: '/assure/dossiers',
        method: 'POST',
        status: 400,
        type: 'base:client-problem',
        title: 'Malformed Authorization header.',
        detail: 'Please provide a valid Bearer authentication.',
        traceId: expect.stringMatching(/^[0-9a-f]{32}$/)
      })
    }
  })

  it('answers 401 for an unknown token', async () => {
    const answer = await api('GET', '/assure/dossiers', { auth: 'Bearer not-a-token' })
    expect(answer.status).toBe(401)
    expect(answer.body.status).toBe(401)
  })
})

describe('dossiers and processes', () => {
  it('uses UUIDs and YYYY-MM-DDThh:mm:ssZ timestamps; 201 on create, 204 on delete, 404 afterwards', async () => {
    const created = await api('POST', '/assure/dossiers', { body: { externalReference: 'ref-1' } })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({
      dossierId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      createdAt: '2026-11-26T10:00:00Z',
      updatedAt: '2026-11-26T10:00:00Z',
      externalReference: 'ref-1'
    })
    const id = String(created.body.dossierId)
    expect(await api('GET', `/assure/dossiers/${id}`)).toMatchObject({
      status: 200,
      body: { dossierId: id, externalReference: 'ref-1', processes: [] }
    })
    expect((await api('DELETE', `/assure/dossiers/${id}`)).status).toBe(204)
    const gone = await api('GET', `/assure/dossiers/${id}`)
    expect(gone.status).toBe(404)
    expect(gone.body).toMatchObject({ status: 404, title: 'Dossier not found.', instance: `/assure/dossiers/${id}` })
  })

  it('keeps the most recent maxDossiers dossiers, forgetting the oldest (a demo kiosk runs for weeks)', async () => {
    sandbox.control.reset({ data: true })
    token = String((await getToken()).body.access_token)
    sandbox.control.configure({ maxDossiers: 3 })
    try {
      const ids = []
      for (let i = 0; i < 5; i++) ids.push(String((await api('POST', '/assure/dossiers', { body: {} })).body.dossierId))
      expect((await api('GET', `/assure/dossiers/${ids[1]}`)).status).toBe(404)
      expect((await api('GET', `/assure/dossiers/${ids[2]}`)).status).toBe(200)
      expect(sandbox.control.dossierIds()).toEqual(ids.slice(2))
    } finally {
      sandbox.control.configure({ maxDossiers: 50 })
    }
  })

  it('lists only the last 100 dossiers created and not deleted', async () => {
    sandbox.control.reset({ data: true })
    token = String((await getToken()).body.access_token)
    sandbox.control.configure({ maxDossiers: 150 })
    const ids = []
    for (let i = 0; i < 105; i++) ids.push(String((await api('POST', '/assure/dossiers', { body: {} })).body.dossierId))
    const listed = (await api('GET', '/assure/dossiers')).body as unknown as Array<{ dossierId: string }>
    expect(listed.map((dossier) => dossier.dossierId)).toEqual(ids.slice(5))
    // The five oldest still exist; the list just does not show them.
    expect((await api('GET', `/assure/dossiers/${ids[0]}`)).status).toBe(200)
  })

  it('creates facetec processes with the SDK keys under the document’s names, and readid ones without', async () => {
    const dossierId = String((await api('POST', '/assure/dossiers', { body: {} })).body.dossierId)
    expect(
      (await api('POST', `/assure/dossiers/${dossierId}/processes`, { body: { provider: 'onfido' } })).status
    ).toBe(400)
    const created = await api('POST', `/assure/dossiers/${dossierId}/processes`, { body: { provider: 'facetec' } })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({
      processId: expect.any(String),
      provider: 'facetec',
      status: 'pending',
      authorization: expect.any(String),
      facetecEncryptionPublicKey: expect.stringMatching(
        /^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n?$/
      ),
      facetecDeviceKeyIdentifier: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      facetecMobileSdkProductionKey: expect.any(String),
      createdAt: '2026-11-26T10:00:00Z',
      updatedAt: '2026-11-26T10:00:00Z'
    })
    // Get process answers the document's Process: no session token, no SDK keys.
    const read = await api('GET', `/assure/dossiers/${dossierId}/processes/${String(created.body.processId)}`)
    expect(Object.keys(read.body).sort()).toEqual(['createdAt', 'processId', 'provider', 'status', 'updatedAt'])
    const readid = await api('POST', `/assure/dossiers/${dossierId}/processes`, {
      body: { provider: 'readid', processType: 'sdk' }
    })
    expect(readid.body).toMatchObject({ provider: 'readid', processType: 'sdk', status: 'pending' })
    expect(readid.body).not.toHaveProperty('facetecDeviceKeyIdentifier')
    expect((await api('GET', `/assure/dossiers/${dossierId}`)).body.processes).toHaveLength(2)
    expect(
      (await api('GET', `/assure/dossiers/${dossierId}/processes/00000000-0000-4000-8000-000000000000`)).status
    ).toBe(404)
  })

  it('deletes a process with 204, and answers a missing one 404 with no body (the document gives it none)', async () => {
    const { path } = await pendingProcessWithSelfie()
    expect((await api('DELETE', path)).status).toBe(204)
    const gone = await api('DELETE', path)
    expect(gone.status).toBe(404)
    expect(gone.body).toEqual(new Uint8Array())
  })
})

describe('images', () => {
  it('accepts a JPEG data URL as selfie (201, no body) and refuses other types, mismatched types and images over 4 MB', async () => {
    const { path } = await pendingProcessWithSelfie()
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)])
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(4 * 1024 * 1024)])
    for (const selfie of [
      'data:image/gif;base64,R0lGODlh',
      `data:image/jpeg;base64,${png.toString('base64')}`,
      `data:image/jpeg;base64,${big.toString('base64')}`,
      'not a data url'
    ]) {
      const answer = await api('POST', `${path}/images`, { body: { selfie } })
      expect(answer.status).toBe(400)
      expect(answer.body.title).toBe('Invalid selfie image.')
    }
    const set = await api('POST', `${path}/images`, {
      body: { selfie: `data:image/png;base64,${png.toString('base64')}` }
    })
    expect(set).toMatchObject({ status: 201, body: new Uint8Array() })
    expect((await api('POST', `${path}/images`, { body: { video: selfieDataUrl } })).status).toBe(400)
  })

  it('answers Get image with the raw bytes for ?depiction=, 400 without one or for a portrait of a FaceTec process, 404 for a missing image', async () => {
    const { path } = await pendingProcessWithSelfie()
    const selfie = await api('GET', `${path}/images?depiction=selfie`)
    expect(selfie.status).toBe(200)
    expect(selfie.headers.get('content-type')).toBe('application/octet-stream')
    expect(Buffer.from(selfie.body as unknown as Uint8Array).equals(Buffer.from(referencePhoto.bytes))).toBe(true)
    for (const query of ['', '?depiction=face', '?depiction=selfie&depiction=front'])
      expect((await api('GET', `${path}/images${query}`)).status).toBe(400)
    const portrait = await api('GET', `${path}/images?depiction=portrait`)
    expect(portrait.status).toBe(400)
    expect(portrait.body.detail).toMatch(/\(facetec\) does not provide the requested image type/)
    expect((await api('GET', `${path}/images?depiction=front`)).status).toBe(404)
    // The path the kiosk once guessed does not exist.
    expect((await api('GET', `${path}/images/selfie`)).status).toBe(404)
  })

  it('gives an ID-document (readid) process its portrait and front from the provider, never through Set images', async () => {
    const dossierId = String((await api('POST', '/assure/dossiers', { body: {} })).body.dossierId)
    const processId = String(
      (
        await api('POST', `/assure/dossiers/${dossierId}/processes`, {
          body: { provider: 'readid', processType: 'sdk' }
        })
      ).body.processId
    )
    const path = `/assure/dossiers/${dossierId}/processes/${processId}`
    expect((await api('POST', `${path}/images`, { body: { front: selfieDataUrl } })).status).toBe(400)
    expect((await api('GET', `${path}/images?depiction=portrait`)).status).toBe(404)
    // Nothing uploaded yet: nothing to verify.
    expect((await api('POST', path, { body: {} })).status).toBe(400)
    const otherDataUrl = `data:image/jpeg;base64,${Buffer.from(otherPhoto.bytes).toString('base64')}`
    const upload = await control('POST', 'provider-images', {
      dossierId,
      processId,
      images: { portrait: otherDataUrl, front: selfieDataUrl }
    })
    expect(upload.status).toBe(204)
    const started = await api('POST', path, { body: {} })
    expect(started).toMatchObject({ status: 204, body: new Uint8Array() })
    const portrait = await api('GET', `${path}/images?depiction=portrait`)
    expect(Buffer.from(portrait.body as unknown as Uint8Array).equals(Buffer.from(otherPhoto.bytes))).toBe(true)
    clock += 2_000
    expect((await api('GET', path)).body).toMatchObject({ provider: 'readid', processType: 'sdk', status: 'accepted' })
    // The control API refuses what a provider would not do.
    const facetec = await pendingProcessWithSelfie()
    expect(
      (
        await control('POST', 'provider-images', {
          dossierId: facetec.dossierId,
          processId: facetec.processId,
          images: { portrait: otherDataUrl }
        })
      ).status
    ).toBe(400)
  })
})

describe('start verification and the result', () => {
  it('requires imageDepiction, its image on the process and a well-formed facetecEnrollment', async () => {
    const dossierId = String((await api('POST', '/assure/dossiers', { body: {} })).body.dossierId)
    const processId = String(
      (await api('POST', `/assure/dossiers/${dossierId}/processes`, { body: { provider: 'facetec' } })).body.processId
    )
    const path = `/assure/dossiers/${dossierId}/processes/${processId}`
    expect((await start(path)).body.title).toBe('No selfie image on the process.')
    await api('POST', `${path}/images`, { body: { selfie: selfieDataUrl } })
    expect((await start(path, 'front')).body.title).toBe('No front image on the process.')
    const good = sampleEnrollment()
    for (const body of [
      {},
      // The document: imageDepiction "is required" for FaceTec.
      { facetecEnrollment: good },
      { facetecEnrollment: good, imageDepiction: 'portrait' },
      { facetecEnrollment: { ...good, faceScan: '' }, imageDepiction: 'selfie' },
      { facetecEnrollment: { ...good, userAgent: undefined }, imageDepiction: 'selfie' },
      { facetecEnrollment: { ...good, extra: 1 }, imageDepiction: 'selfie' },
      { facetecEnrollment: { ...good, auditTrailImage: 'not base64!' }, imageDepiction: 'selfie' },
      {
        facetecEnrollment: { ...good, lowQualityAuditTrailImage: Buffer.from('not a jpeg').toString('base64') },
        imageDepiction: 'selfie'
      },
      { facetecEnrollment: good, imageDepiction: 'selfie', more: true }
    ]) {
      expect((await api('POST', path, { body })).status).toBe(400)
    }
    expect((await api('POST', path, { raw: '{"facetecEnrollment": ' })).status).toBe(400)
    expect(sandbox.control.processStatus(dossierId, processId)).toBe('pending')
  })

  it('goes pending → processing → final after the processing delay, with the document’s FaceTec result types', async () => {
    const { path, dossierId, processId } = await pendingProcessWithSelfie()
    expect((await api('POST', `${path}/verify`, { body: {} })).status).toBe(404)
    const started = await start(path)
    expect(started).toMatchObject({ status: 200, body: { processId, status: 'processing' } })
    expect((await api('GET', path)).body.status).toBe('processing')
    expect((await api('GET', `${path}/download`)).status).toBe(204)
    // Set images is not allowed once the verification has started.
    expect((await api('POST', `${path}/images`, { body: { selfie: selfieDataUrl } })).status).toBe(400)
    // No 409 is documented for a second start: refused with a 400 (*ours*), and counted.
    const again = await start(path)
    expect(again).toMatchObject({ status: 400, body: { title: 'Verification already started.' } })
    expect(sandbox.control.duplicateStarts()).toBe(1)
    clock += 2_000
    const final = await api('GET', path)
    expect(final.body).toEqual({
      processId,
      provider: 'facetec',
      status: 'accepted',
      finalResult: { livenessDetected: true, similarityScore: 'high' },
      providerSpecific: {
        liveness: {
          faceScanSecurityChecks: {
            auditTrailVerificationCheckSucceeded: true,
            replayCheckSucceeded: true,
            faceScanLivenessCheckSucceeded: true,
            sessionTokenCheckSucceeded: true
          },
          error: false,
          success: true
        },
        matching: {
          attempts: [
            { algorithm: 'facePortrait', matchLevel: 8, imageProcessing: 'faceFound', success: true, error: false }
          ],
          algorithm: 'facePortrait',
          matchLevel: 8,
          imageProcessing: 'faceFound',
          success: true,
          error: false
        }
      },
      createdAt: '2026-11-26T10:00:00Z',
      updatedAt: '2026-11-26T10:00:02Z'
    })
    expect(sandbox.control.processStatus(dossierId, processId)).toBe('accepted')
  })

  it('ends failed (with a failReason object) or canceled when the control API says so, with no result', async () => {
    sandbox.control.configure({ processingDelayMs: 0 })
    const failed = await pendingProcessWithSelfie()
    const canceled = await pendingProcessWithSelfie()
    expect((await control('POST', 'outcomes', { next: ['failed', 'canceled'] })).status).toBe(204)
    await start(failed.path)
    await start(canceled.path)
    const failedView = (await api('GET', failed.path)).body
    expect(failedView).toMatchObject({
      status: 'failed',
      failReason: { type: 'provider_error', message: expect.any(String) }
    })
    expect(failedView).not.toHaveProperty('providerSpecific')
    const canceledView = (await api('GET', canceled.path)).body
    expect(canceledView.status).toBe('canceled')
    expect(canceledView).not.toHaveProperty('failReason')
    // Only accepted, rejected and inconclusive are complete: no zip for these.
    expect((await api('GET', `${failed.path}/download`)).status).toBe(204)
    expect((await api('GET', `${canceled.path}/download`)).status).toBe(204)
  })

  it('chooses outcomes per process, from a queue, or by the default rule', async () => {
    sandbox.control.configure({ processingDelayMs: 0 })
    const a = await pendingProcessWithSelfie()
    const b = await pendingProcessWithSelfie()
    const c = await pendingProcessWithSelfie()
    sandbox.control.setOutcome(a.processId, 'inconclusive')
    sandbox.control.queueOutcomes('rejected')
    for (const { path } of [a, b, c]) await start(path)
    expect([a, b, c].map(({ dossierId, processId }) => sandbox.control.processStatus(dossierId, processId))).toEqual([
      'inconclusive',
      'rejected',
      'accepted'
    ])
  })

  it('serves the full result as a real zip once fullResultDelayMs has passed since it became final, 204 before', async () => {
    sandbox.control.configure({ processingDelayMs: 0, fullResultDelayMs: 5_000 })
    const { path } = await pendingProcessWithSelfie()
    await start(path)
    expect((await api('GET', path)).body.status).toBe('accepted')
    const early = await api('GET', `${path}/download`)
    expect(early).toMatchObject({ status: 204, body: new Uint8Array() })
    clock += 5_000
    const zip = await api('GET', `${path}/download`)
    expect(zip.status).toBe(200)
    expect(zip.headers.get('content-type')).toBe('application/zip')
    const files = unzipSync(zip.body as unknown as Uint8Array)
    expect(Object.keys(files)).toContain('process.json')
    expect(Object.keys(files)).toContain('facetec/auditTrailImage.jpg')
  })
})

describe('fault injection, rate limit and the control API', () => {
  it('applies a fault a number of times, to one endpoint, and counts every call', async () => {
    sandbox.control.addFault({ endpoint: 'createDossier', fault: { kind: 'status', status: 503 }, times: 2 })
    expect((await api('POST', '/assure/dossiers', { body: {} })).status).toBe(503)
    expect((await api('POST', '/assure/dossiers', { body: {} })).status).toBe(503)
    expect((await api('POST', '/assure/dossiers', { body: {} })).status).toBe(201)
    expect((await api('GET', '/assure/dossiers')).status).toBe(200)
    expect(sandbox.control.calls()).toMatchObject({ createDossier: 3, listDossiers: 1 })
  })

  it('answers 429 with Retry-After above the rate limit', async () => {
    sandbox.control.configure({ rateLimitPerSecond: 2 })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await api('GET', '/assure/dossiers')).status)
    expect(statuses).toEqual([200, 200, 429, 429])
    const limited = await api('GET', '/assure/dossiers')
    expect(limited.headers.get('retry-after')).toBe('1')
    clock += 1_000
    expect((await api('GET', '/assure/dossiers')).status).toBe(200)
    expect(sandbox.control.rateLimited()).toBe(3)
  })

  it('is driven over HTTP through /__sandbox/', async () => {
    expect(
      (await control('POST', 'faults', { endpoint: '*', fault: { kind: 'status', status: 500 }, times: 1 })).status
    ).toBe(201)
    expect((await api('GET', '/assure/dossiers')).status).toBe(500)
    expect((await control('POST', 'faults', { endpoint: 'nope', fault: { kind: 'hang' } })).status).toBe(400)
    expect((await control('PUT', 'settings', { processingDelayMs: 0, defaultOutcome: 'rejected' })).status).toBe(204)
    const { path, dossierId, processId } = await pendingProcessWithSelfie()
    await start(path)
    expect(sandbox.control.processStatus(dossierId, processId)).toBe('rejected')
    expect((await control('POST', 'expire-tokens')).status).toBe(204)
    expect((await api('GET', '/assure/dossiers')).status).toBe(401)
    const calls = (await (await control('GET', 'calls')).json()) as Record<string, number>
    expect(calls.startVerification).toBe(1)
    expect((await control('POST', 'reset', { data: true })).status).toBe(204)
    expect(await (await control('GET', 'dossiers')).json()).toEqual([])
    sandbox.control.configure({ defaultOutcome: 'accepted' })
  })

  it('clears every fault with DELETE /__sandbox/faults', async () => {
    const rules = [
      { endpoint: 'listDossiers', fault: { kind: 'status', status: 503 } },
      { endpoint: 'createDossier', fault: { kind: 'status', status: 500 } }
    ]
    expect((await control('POST', 'faults', rules)).status).toBe(201)
    // Persistent (no `times`): they keep failing until cleared.
    for (let i = 0; i < 2; i++) {
      expect((await api('GET', '/assure/dossiers')).status).toBe(503)
      expect((await api('POST', '/assure/dossiers', { body: {} })).status).toBe(500)
    }
    expect((await control('DELETE', 'faults')).status).toBe(204)
    expect((await api('GET', '/assure/dossiers')).status).toBe(200)
    expect((await api('POST', '/assure/dossiers', { body: {} })).status).toBe(201)
  })

  it('chooses outcomes with POST /__sandbox/outcomes: per process, then from the queue, then the default', async () => {
    sandbox.control.configure({ processingDelayMs: 0 })
    const a = await pendingProcessWithSelfie()
    const b = await pendingProcessWithSelfie()
    const c = await pendingProcessWithSelfie()
    const d = await pendingProcessWithSelfie()
    expect((await control('POST', 'outcomes', { processId: c.processId, outcome: 'rejected' })).status).toBe(204)
    expect((await control('POST', 'outcomes', { next: ['inconclusive', 'rejected'] })).status).toBe(204)
    expect((await control('POST', 'outcomes', { processId: a.processId, outcome: 'maybe' })).status).toBe(400)
    for (const { path } of [a, b, c, d]) await start(path)
    const statuses = [a, b, c, d].map(({ dossierId, processId }) => sandbox.control.processStatus(dossierId, processId))
    // c was chosen by id; a and b took the queue in order; d got the default.
    expect(statuses).toEqual(['inconclusive', 'rejected', 'rejected', 'accepted'])
    const final = await api('GET', b.path)
    expect(final.body.status).toBe('rejected')
  })

  it('delays every API request by latencyMs, as a far-away network would', async () => {
    sandbox.control.configure({ latencyMs: 150 })
    try {
      const started = performance.now()
      expect((await api('GET', '/assure/dossiers')).status).toBe(200)
      expect(performance.now() - started).toBeGreaterThanOrEqual(140)
    } finally {
      sandbox.control.configure({ latencyMs: 0 })
    }
  })

  it('has no control API unless asked for one', async () => {
    const quiet = await startSandbox()
    expect((await fetch(`${quiet.url}/__sandbox/calls`)).status).toBe(404)
    await quiet.close()
  })

  it('answers the connectivity probe (HEAD) unless an outage is injected', async () => {
    expect((await fetch(sandbox.url, { method: 'HEAD' })).status).toBe(200)
    sandbox.control.addFault({ endpoint: '*', fault: { kind: 'reset' } })
    await expect(fetch(sandbox.url, { method: 'HEAD' })).rejects.toThrow()
    sandbox.control.clearFaults()
    expect(sandbox.control.calls().probe).toBe(2)
  })
})
