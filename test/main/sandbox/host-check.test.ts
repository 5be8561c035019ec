/**
 * The demo sandbox answers only to its own name: a page in a local browser that rebinds a name of its
 * own to 127.0.0.1 sends that name as Host, and is refused before the token endpoint sees the published
 * credentials. Demo mode does not use the published credentials at all.
 */
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoBackend, type DemoBackend } from '../../../main/demo-backend'
import { startSandbox, TOKEN_PATH, type Sandbox } from '../../../main/sandbox/server'

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox()
})
afterAll(async () => {
  await sandbox.close()
})

/** A token request with the sandbox's published credentials and the given Host header. */
function tokenRequest(base: string, host: string, credentials = sandbox.credentials): Promise<number> {
  const url = new URL(`${base}${TOKEN_PATH}`)
  const body = new URLSearchParams({ grant_type: 'client_credentials', scope: 'signicat-api' }).toString()
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { Host: host, Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' }
      },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('the sandbox’s Host check', () => {
  it('answers its own address and localhost on its port', async () => {
    const { port } = new URL(sandbox.url)
    expect(await tokenRequest(sandbox.url, `127.0.0.1:${port}`)).toBe(200)
    expect(await tokenRequest(sandbox.url, `localhost:${port}`)).toBe(200)
  })

  it.each(['rebind.attacker.example', 'rebind.attacker.example:PORT', '127.0.0.1', '127.0.0.1:1'])(
    'refuses Host %j',
    async (host) => {
      const { port } = new URL(sandbox.url)
      expect(await tokenRequest(sandbox.url, host.replace('PORT', port))).toBe(421)
    }
  )
})

describe('demo mode’s sandbox', () => {
  let demo: DemoBackend
  beforeAll(async () => {
    demo = await startDemoBackend()
  })
  afterAll(async () => {
    await demo.close()
  })

  it('refuses the published credentials: each start makes up its own', async () => {
    const { port } = new URL(demo.sandbox.url)
    const host = `127.0.0.1:${port}`
    expect(demo.sandbox.credentials.clientSecret).not.toBe(sandbox.credentials.clientSecret)
    expect(await tokenRequest(demo.sandbox.url, host, sandbox.credentials)).toBe(401)
    expect(await tokenRequest(demo.sandbox.url, host, demo.sandbox.credentials)).toBe(200)
  })
})

describe('a sandbox an integrator binds to all addresses', () => {
  it('answers names of their own (a container host name)', async () => {
    const open = await startSandbox({ host: '0.0.0.0' })
    try {
      const { port } = new URL(open.url)
      expect(await tokenRequest(`http://127.0.0.1:${port}`, `sandbox.ci.internal:${port}`)).toBe(200)
    } finally {
      await open.close()
    }
  })
})
