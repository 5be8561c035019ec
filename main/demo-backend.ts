/**
 * Demo mode's Assure: the embedded sandbox on 127.0.0.1 (a random free port), with its demo
 * credentials. Nothing leaves the machine, and no credentials need configuring.
 */
import type { AssureConnection } from './assure/client'
import { startSandbox, type Sandbox } from './sandbox/server'

export interface DemoBackend {
  connection: AssureConnection
  sandbox: Sandbox
  close(): Promise<void>
}

export async function startDemoBackend(): Promise<DemoBackend> {
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0 })
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
