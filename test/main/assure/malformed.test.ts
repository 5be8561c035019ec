/**
 * Answers that are wrong in shape, not in status: the client must classify them, never crash, and
 * never hand on a silently wrong value. A tiny stub server plays a broken Assure.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Agent } from 'undici'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createAssureClient, type AssureClient } from '../../../main/assure/client'
import { AssureError } from '../../../main/assure/errors'
import { systemClock } from '../../../main/lib/clock'
import { silentLogger } from '../../../main/log/logger'
import { referencePhoto } from '../../support/assure'
import { tempDir } from '../../support/temp-dir'

type Reply = (req: IncomingMessage, res: ServerResponse) => void
const replies = new Map<string, Reply>()
const hits = new Map<string, number>()
let server: Server
let base: string
let dispatcher: Agent
let client: AssureClient

const json = (body: unknown, status = 200, type = 'application/json'): Reply => (_req, res) => {
  res.writeHead(status, { 'content-type': type })
  res.end(typeof body === 'string' ? body : JSON.stringify(body))
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const key = `${req.method} ${req.url}`
    hits.set(key, (hits.get(key) ?? 0) + 1)
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
  replies.set('POST /token', json({ access_token: 'tok', expires_in: 600, token_type: 'Bearer' }))
  await dispatcher?.close()
  dispatcher = new Agent()
  client = createAssureClient({
    baseUrl: base,
    tokenUrl: `${base}/token`,
    scope: 'signicat-api',
    clientId: 'id',
    clientSecret: async () => 'secret',
    dispatcher,
    clock: systemClock,
    log: silentLogger,
    timeouts: { headersMs: 300, bodyMs: 300, totalMs: 2_000 },
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    random: () => 0
  })
})

async function failure(promise: Promise<unknown>): Promise<AssureError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof AssureError) return error
    throw error
  }
  throw new Error('expected a failure')
}

const P = '/assure/dossiers/d1/processes/p1'

describe('malformed answers', () => {
  it('a token answer without access_token', async () => {
    replies.set('POST /token', json({ token: 'x', expires_in: 600 }))
    expect(await failure(client.createDossier())).toMatchObject({ kind: 'malformed', operation: 'token' })
  })

  it('a dossier without its id (the POST may have created one: ambiguous)', async () => {
    replies.set('POST /assure/dossiers', json({ id: 'x' }, 201))
    expect(await failure(client.createDossier())).toMatchObject({ kind: 'malformed', operation: 'createDossier', ambiguous: true })
    expect(hits.get('POST /assure/dossiers')).toBe(1)
  })

  it('a FaceTec process without the SDK keys', async () => {
    replies.set('POST /assure/dossiers/d1/processes', json({ processId: 'p1', status: 'pending', provider: 'facetec' }, 201))
    expect(await failure(client.createFacetecProcess('d1'))).toMatchObject({ kind: 'malformed', operation: 'createProcess' })
  })

  it('a process whose status is not a string, retried as a GET before giving up', async () => {
    replies.set(`GET ${P}`, json({ processId: 'p1', status: 3 }))
    expect(await failure(client.getProcess('d1', 'p1'))).toMatchObject({ kind: 'malformed', operation: 'getProcess', ambiguous: false })
    expect(hits.get(`GET ${P}`)).toBe(3)
  })

  it('an HTML error page from a proxy is still a classified server error', async () => {
    replies.set(`GET ${P}`, json('<html>Bad gateway</html>', 502, 'text/html'))
    const error = await failure(client.getProcess('d1', 'p1'))
    expect(error).toMatchObject({ kind: 'server', status: 502, problem: undefined })
  })

  it.each([
    ['text that is not an image', json('hello', 200, 'text/plain')],
    ['JSON without a data URL', json({ selfie: 'not-a-data-url' })],
    ['a data URL that claims JPEG but holds PNG', json({ selfie: `data:image/jpeg;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]).toString('base64')}` })],
    ['image/jpeg with GIF bytes', json('GIF89a....', 200, 'image/jpeg')]
  ])('an image answer with %s', async (_label, reply) => {
    replies.set(`GET ${P}/images/selfie`, reply)
    expect(await failure(client.getImage('d1', 'p1', 'selfie'))).toMatchObject({ kind: 'malformed', operation: 'getImage' })
  })

  it.each([
    ['a bare JSON string data URL', json(JSON.stringify(`data:image/jpeg;base64,${Buffer.from(referencePhoto.bytes).toString('base64')}`))],
    ['a data URL as text/plain', json(`data:image/jpeg;base64,${Buffer.from(referencePhoto.bytes).toString('base64')}`, 200, 'text/plain')],
    ['JSON with an `image` field', json({ image: `data:image/jpeg;base64,${Buffer.from(referencePhoto.bytes).toString('base64')}` })],
    ['raw bytes as octet-stream', (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      res.end(Buffer.from(referencePhoto.bytes))
    }]
  ])('an image answer as %s is understood', async (_label, reply) => {
    replies.set(`GET ${P}/images/selfie`, reply)
    const image = await client.getImage('d1', 'p1', 'selfie')
    expect(image.mimeType).toBe('image/jpeg')
    expect(image.bytes.length).toBe(referencePhoto.bytes.length)
  })

  it('an empty full result leaves no file behind', async () => {
    const dir = await tempDir('kiosk-malformed')
    replies.set(`GET ${P}/download`, json('', 200, 'application/zip'))
    expect(await failure(client.downloadFullResult('d1', 'p1', join(dir, 'r.zip')))).toMatchObject({ kind: 'malformed', operation: 'download' })
    expect(await readdir(dir)).toEqual([])
  })

  it('a full result cut off in the middle is retried, and no partial file is left behind', async () => {
    const dir = await tempDir('kiosk-malformed')
    replies.set(`GET ${P}/download`, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': '100000' })
      res.write(Buffer.alloc(1000, 1))
      setTimeout(() => res.destroy(), 20)
    })
    const error = await failure(client.downloadFullResult('d1', 'p1', join(dir, 'r.zip')))
    expect(error).toMatchObject({ kind: 'network', operation: 'download' })
    expect(hits.get(`GET ${P}/download`)).toBe(3)
    expect(await readdir(dir)).toEqual([])
  })
})
