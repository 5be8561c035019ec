/**
 * Demo mode's Assure: the embedded sandbox on 127.0.0.1 (a random free port). Nothing leaves the
 * machine, and no credentials need configuring: each start makes up its own client id and secret,
 * rather than the sandbox's published ones, so another local user (or a page in a local browser)
 * cannot drive the kiosk's sandbox. The sandbox also answers only to its own Host.
 */
import { randomBytes } from 'node:crypto'
import type { AssureConnection } from './assure/client'
import { startSandbox, type Sandbox } from './sandbox/server'

export interface DemoBackend {
  connection: AssureConnection
  sandbox: Sandbox
  close(): Promise<void>
}

export async function startDemoBackend(): Promise<DemoBackend> {
  const sandbox = await startSandbox({
    host: '127.0.0.1',
    port: 0,
    behaviour: {
      clientId: `demo-kiosk-${randomBytes(6).toString('hex')}`,
      clientSecret: randomBytes(32).toString('base64url')
    }
  })
  return { sandbox, connection: sandboxConnection(sandbox), close: () => sandbox.close() }
}

/** Where a sandbox is and how to log in to it (demo mode's connection; the tests' too). */
export function sandboxConnection(sandbox: Pick<Sandbox, 'url' | 'tokenUrl' | 'credentials'>): AssureConnection {
  return {
    baseUrl: sandbox.url,
    tokenUrl: sandbox.tokenUrl,
    scope: 'signicat-api',
    clientId: sandbox.credentials.clientId,
    clientSecret: async () => sandbox.credentials.clientSecret
  }
}
