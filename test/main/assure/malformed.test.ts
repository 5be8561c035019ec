/**
 * Answers that are wrong in shape, not in status: the client must classify them, never crash, and
 * never hand on a silently wrong value. A tiny stub server plays a broken Assure.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as fs from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { strToU8, zipSync } from 'fflate'
import { join } from 'node:path'
import { Agent } from 'undici'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createAssureClient, type AssureClient, type AssureClientOptions } from '../../../main/assure/client'
import { durableFiles, type DurableFiles } from '../../../main/lib/durable-files'
import { AssureError } from '../../../main/assure/errors'
import { systemClock } from '../../../main/lib/clock'
import { silentLogger } from '../../support/log'
import { referencePhoto } from '../../support/assure'
import { tempDir } from '../../support/temp-dir'
import { rejectionOf } from '../../support/rejection'

type Reply = (req: IncomingMessage, res: ServerResponse) => void
const replies = new Map<string, Reply>()
const hits = new Map<string, number>()
/** The Accept header of the last request to each `METHOD path`. */
const accepts = new Map<string, string>()
let server: Server
let base: string
let dispatcher: Agent
let client: AssureClient

const json =
  (body: unknown, status = 200, type = 'application/json'): Reply =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': type })
    res.end(typeof body === 'string' ? body : JSON.stringify(body))
  }

beforeAll(async () => {
  server = createServer((req, res) => {
    const key = `${req.method} ${req.url}`
    hits.set(key, (hits.get(key) ?? 0) + 1)
    accepts.set(key, req.headers.accept ?? '')
    req.resume()
    req.on('end', () => {
      const reply = replies.get(key)
      if (reply) reply(req, res)
      else json({ title: 'no stub' }, 404)(req, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await dispatcher?.close()
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})
beforeEach(async () => {
  replies.clear()
  hits.clear()
  accepts.clear()
  replies.set('POST /token', json({ access_token: 'tok', expires_in: 600, token_type: 'Bearer' }))
  await dispatcher?.close()
  dispatcher = new Agent()
  client = clientWith()
})

/** The client under test, talking to the stub server; `extra` swaps one of its dependencies. */
function clientWith(extra: Partial<AssureClientOptions> = {}): AssureClient {
  return createAssureClient({
    baseUrl: base,
    tokenUrl: `${base}/token`,
    scope: 'signicat-api',
    clientId: 'id',
    clientSecret: async () => 'secret',
    dispatcher,
    clock: systemClock,
    log: silentLogger,
    // Hang guards only: no answer here is slow, and a timeout would turn a malformed answer into a network one.
    timeouts: { headersMs: 10_000, bodyMs: 10_000, totalMs: 30_000 },
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    random: () => 0,
    ...extra
  })
}

const failure = (promise: Promise<unknown>) => rejectionOf(promise, AssureError)

const P = '/assure/dossiers/d1/processes/p1'

describe('malformed answers', () => {
  it('a token answer without access_token', async () => {
    replies.set('POST /token', json({ token: 'x', expires_in: 600 }))
    expect(await failure(client.createDossier())).toMatchObject({ kind: 'malformed', operation: 'token' })
  })

  it('a dossier without its id (the POST may have created one: ambiguous)', async () => {
    replies.set('POST /assure/dossiers', json({ id: 'x' }, 201))
    expect(await failure(client.createDossier())).toMatchObject({
      kind: 'malformed',
      operation: 'createDossier',
      ambiguous: true
    })
    expect(hits.get('POST /assure/dossiers')).toBe(1)
  })

  it('a dossier list that is not a list of dossiers', async () => {
    replies.set('GET /assure/dossiers', json({ dossiers: [] }))
    expect(await failure(client.listDossiers())).toMatchObject({
      kind: 'malformed',
      operation: 'listDossiers',
      ambiguous: false
    })
  })

  it('a FaceTec process without the SDK keys', async () => {
    replies.set(
      'POST /assure/dossiers/d1/processes',
      json({ processId: 'p1', status: 'pending', provider: 'facetec' }, 201)
    )
    expect(await failure(client.createFacetecProcess('d1'))).toMatchObject({
      kind: 'malformed',
      operation: 'createProcess'
    })
  })

  it('a process whose status is not a string, retried as a GET before giving up', async () => {
    replies.set(`GET ${P}`, json({ processId: 'p1', status: 3 }))
    expect(await failure(client.getProcess('d1', 'p1'))).toMatchObject({
      kind: 'malformed',
      operation: 'getProcess',
      ambiguous: false
    })
    expect(hits.get(`GET ${P}`)).toBe(3)
  })

  it('an HTML error page from a proxy is still a classified server error', async () => {
    replies.set(`GET ${P}`, json('<html>Bad gateway</html>', 502, 'text/html'))
    const error = await failure(client.getProcess('d1', 'p1'))
    expect(error).toMatchObject({ kind: 'server', status: 502, problem: undefined })
  })

  it.each([
    ['text that is not an image', json('hello', 200, 'text/plain')],
    [
      'JSON carrying a data URL (the document says raw bytes)',
      json({ selfie: `data:image/jpeg;base64,${Buffer.from(referencePhoto.bytes).toString('base64')}` })
    ],
    ['octet-stream with GIF bytes', json('GIF89a....', 200, 'application/octet-stream')],
    ['nothing at all', json('', 200, 'application/octet-stream')]
  ])('an image answer with %s', async (_label, reply) => {
    replies.set(`GET ${P}/images?depiction=selfie`, reply)
    expect(await failure(client.getImage('d1', 'p1', 'selfie'))).toMatchObject({
      kind: 'malformed',
      operation: 'getImage'
    })
  })

  it.each([
    [
      'raw bytes as application/octet-stream (the document’s media type)',
      bytesReply(referencePhoto.bytes, 'application/octet-stream')
    ],
    ['raw bytes as image/jpeg', bytesReply(referencePhoto.bytes, 'image/jpeg')]
  ])('an image answer as %s is understood', async (_label, reply) => {
    replies.set(`GET ${P}/images?depiction=selfie`, reply)
    const image = await client.getImage('d1', 'p1', 'selfie')
    expect(image.mimeType).toBe('image/jpeg')
    expect(image.bytes.length).toBe(referencePhoto.bytes.length)
  })

  it('a full result answered 204 is "not ready yet": null, no retry, no file', async () => {
    const dir = await tempDir('kiosk-malformed')
    replies.set(`GET ${P}/download`, (_req, res) => {
      res.writeHead(204)
      res.end()
    })
    expect(await client.downloadFullResult('d1', 'p1', join(dir, 'r.zip'))).toBeNull()
    expect(hits.get(`GET ${P}/download`)).toBe(1)
    expect(await readdir(dir)).toEqual([])
  })

  it('a start answered 204 without a body (the document allows it) is a start', async () => {
    replies.set(`POST ${P}`, (_req, res) => {
      res.writeHead(204)
      res.end()
    })
    const enrollment = { faceScan: 'AA==', auditTrailImage: 'AA==', lowQualityAuditTrailImage: 'AA==', userAgent: 'ua' }
    expect(await client.startFacetecVerification('d1', 'p1', enrollment, 'selfie')).toEqual({})
  })

  it('a failReason that is not an object is a malformed process', async () => {
    replies.set(`GET ${P}`, json({ processId: 'p1', status: 'failed', failReason: 'upload_failed' }))
    expect(await failure(client.getProcess('d1', 'p1'))).toMatchObject({ kind: 'malformed', operation: 'getProcess' })
  })

  it('an empty full result leaves no file behind', async () => {
    const dir = await tempDir('kiosk-malformed')
    replies.set(`GET ${P}/download`, json('', 200, 'application/zip'))
    expect(await failure(client.downloadFullResult('d1', 'p1', join(dir, 'r.zip')))).toMatchObject({
      kind: 'malformed',
      operation: 'download'
    })
    expect(await readdir(dir)).toEqual([])
  })

  it('a full result cut off in the middle is retried, and no partial file is left behind', async () => {
    const dir = await tempDir('kiosk-malformed')
    replies.set(`GET ${P}/download`, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': '100000' })
      // A zip's start, so the cut is what fails, not the signature check.
      res.write(Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(996, 1)]))
      setTimeout(() => res.destroy(), 20)
    })
    const error = await failure(client.downloadFullResult('d1', 'p1', join(dir, 'r.zip')))
    expect(error).toMatchObject({ kind: 'network', operation: 'download' })
    expect(hits.get(`GET ${P}/download`)).toBe(3)
    expect(await readdir(dir)).toEqual([])
  })

  it('a full result refused before its file has even opened leaves no partial file behind', async () => {
    // Node's pipeline gives up at the first chunk while the write stream is still opening (creating)
    // its file; on a busy machine that open finished after the clean-up, and the `.part` stayed.
    const dir = await tempDir('kiosk-malformed')
    const opens: Promise<void>[] = []
    const slowOpen = {
      ...fs,
      // The file exists once the real open's callback runs: `opens` settle then.
      open: (path: string, flags: string, mode: number, callback: (error: Error | null, fd: number) => void) =>
        opens.push(
          new Promise<void>((opened) =>
            setTimeout(() => {
              fs.open(path, flags, mode, (error, fd) => {
                callback(error, fd)
                opened()
              })
            }, 100)
          )
        )
    }
    const files: DurableFiles = {
      ...durableFiles(),
      createFile: (path, mode) => fs.createWriteStream(path, { mode, fs: slowOpen })
    }
    const big = zipSync({ 'a.txt': strToU8('x'.repeat(2_000)) }, { level: 0 })
    replies.set(`GET ${P}/download`, bytesReply(big, 'application/zip'))
    const error = await failure(
      clientWith({ files }).downloadFullResult('d1', 'p1', join(dir, 'r.zip'), { maxBytes: 64 })
    )
    expect(error).toMatchObject({ kind: 'malformed', operation: 'download' })
    await Promise.all(opens)
    expect(opens.length).toBeGreaterThan(0)
    expect(await readdir(dir)).toEqual([])
  })

  it('a full result that cannot be published, or whose encryption cannot start, leaves no partial file and does not hang', async () => {
    const dir = await tempDir('kiosk-malformed')
    replies.set(`GET ${P}/download`, bytesReply(aZip, 'application/zip'))
    const locked: DurableFiles = {
      ...durableFiles(),
      publish: () => {
        throw Object.assign(new Error('EPERM: operation not permitted, rename'), { code: 'EPERM' })
      }
    }
    expect(
      await rejectionOf(clientWith({ files: locked }).downloadFullResult('d1', 'p1', join(dir, 'r.zip')), Error)
    ).toBeDefined()
    expect(await readdir(dir)).toEqual([])

    const noKey = () => {
      throw new Error('the archive key cannot be read')
    }
    expect(
      await rejectionOf(client.downloadFullResult('d1', 'p1', join(dir, 'r.zip'), { encode: noKey }), Error)
    ).toBeDefined()
    expect(await readdir(dir)).toEqual([])
  })
})

function bytesReply(body: Uint8Array, type: string): Reply {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': type, 'content-length': String(body.length) })
    res.end(Buffer.from(body))
  }
}
const aZip = zipSync({ 'process.json': strToU8('{"status":"accepted"}') })

describe('Accept, per operation', () => {
  it('asks for the media types the document lists per operation: JSON, octet-stream for Get image, zip for the download', async () => {
    const process = {
      processId: 'p1',
      status: 'pending',
      provider: 'facetec',
      authorization: 'a',
      facetecEncryptionPublicKey: 'k',
      facetecDeviceKeyIdentifier: 'd'
    }
    replies.set('POST /assure/dossiers', json({ dossierId: 'd1' }, 201))
    replies.set('GET /assure/dossiers', json([{ dossierId: 'd1' }]))
    replies.set('DELETE /assure/dossiers/d1', json('', 204))
    replies.set('POST /assure/dossiers/d1/processes', json(process, 201))
    replies.set(`GET ${P}`, json(process))
    replies.set(`DELETE ${P}`, json('', 204))
    replies.set(`POST ${P}/images`, json('', 201))
    replies.set(`POST ${P}`, json({ processId: 'p1', status: 'processing' }))
    replies.set(`GET ${P}/images?depiction=selfie`, bytesReply(referencePhoto.bytes, 'application/octet-stream'))
    replies.set(`GET ${P}/download`, bytesReply(aZip, 'application/zip'))
    const dir = await tempDir('kiosk-accept')

    await client.createDossier()
    await client.listDossiers()
    await client.createFacetecProcess('d1')
    await client.getProcess('d1', 'p1')
    await client.setImages('d1', 'p1', { selfie: referencePhoto })
    await client.startFacetecVerification(
      'd1',
      'p1',
      {
        faceScan: 'AA==',
        auditTrailImage: 'AA==',
        lowQualityAuditTrailImage: 'AA==',
        userAgent: 'ua'
      },
      'selfie'
    )
    await client.getImage('d1', 'p1', 'selfie')
    await client.downloadFullResult('d1', 'p1', join(dir, 'r.zip'))
    await client.deleteProcess('d1', 'p1')
    await client.deleteDossier('d1')

    const JSON_ONLY = 'application/json'
    expect(Object.fromEntries(accepts)).toEqual({
      'POST /token': JSON_ONLY,
      'POST /assure/dossiers': JSON_ONLY,
      'GET /assure/dossiers': JSON_ONLY,
      'POST /assure/dossiers/d1/processes': JSON_ONLY,
      [`GET ${P}`]: JSON_ONLY,
      [`POST ${P}/images`]: JSON_ONLY,
      [`POST ${P}`]: JSON_ONLY,
      [`GET ${P}/images?depiction=selfie`]: 'application/octet-stream, application/json',
      [`GET ${P}/download`]: 'application/zip, application/json',
      [`DELETE ${P}`]: JSON_ONLY,
      'DELETE /assure/dossiers/d1': JSON_ONLY
    })
  })
})

describe('the full result must be a zip', () => {
  it.each([
    ['JSON answered 200', json({ status: 'accepted' }, 200, 'application/zip')],
    ['an HTML page', json('<html>Service unavailable</html>', 200, 'text/html')],
    ['three bytes of a zip signature', json('PK\x03', 200, 'application/octet-stream')]
  ])('%s is a malformed answer (retried as a GET), and no file is left behind', async (_label, reply) => {
    const dir = await tempDir('kiosk-zip')
    replies.set(`GET ${P}/download`, reply)
    expect(await failure(client.downloadFullResult('d1', 'p1', join(dir, 'r.zip')))).toMatchObject({
      kind: 'malformed',
      operation: 'download',
      ambiguous: false
    })
    expect(hits.get(`GET ${P}/download`)).toBe(3)
    expect(await readdir(dir)).toEqual([])
  })

  it.each([
    ['a zip with a file', aZip],
    ['an empty zip (end-of-central-directory record only)', zipSync({})]
  ])('%s is saved byte for byte, whatever its media type', async (_label, zip) => {
    const dir = await tempDir('kiosk-zip')
    replies.set(`GET ${P}/download`, bytesReply(zip, 'application/octet-stream'))
    const file = await client.downloadFullResult('d1', 'p1', join(dir, 'r.zip'))
    if (!file) throw new Error('answered as not ready')
    expect(file).toMatchObject({
      bytes: zip.length,
      sha256: createHash('sha256').update(zip).digest('hex'),
      contentType: 'application/octet-stream'
    })
    expect(Buffer.from(await readFile(join(dir, 'r.zip'))).equals(Buffer.from(zip))).toBe(true)
  })

  it('a zip that arrives a byte at a time is recognised across chunks', async () => {
    const dir = await tempDir('kiosk-zip')
    replies.set(`GET ${P}/download`, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(aZip.length) })
      let i = 0
      const next = (): void => {
        if (i >= 6) {
          res.end(Buffer.from(aZip.subarray(i)))
          return
        }
        res.write(Buffer.from(aZip.subarray(i, i + 1)))
        i++
        setTimeout(next, 5)
      }
      next()
    })
    const file = await client.downloadFullResult('d1', 'p1', join(dir, 'r.zip'))
    expect(file?.bytes).toBe(aZip.length)
    expect(Buffer.from(await readFile(join(dir, 'r.zip'))).equals(Buffer.from(aZip))).toBe(true)
  })
})
