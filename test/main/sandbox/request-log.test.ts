/**
 * The sandbox's request hook (what `npm run sandbox` prints): every request is reported once, after
 * its answer, with its status, and a connection the sandbox drops is reported as unanswered.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startSandbox, type Sandbox, type SandboxRequestRecord } from '../../../main/sandbox/fault-control'

let sandbox: Sandbox | undefined
afterEach(async () => {
  await sandbox?.close()
  sandbox = undefined
})

describe('the sandbox request hook', () => {
  it('reports each request once: method, path with its query, status, and time taken', async () => {
    const seen: SandboxRequestRecord[] = []
    sandbox = await startSandbox({ controlApi: true, onRequest: (request) => seen.push(request) })
    await fetch(`${sandbox.url}/`, { method: 'HEAD' })
    await fetch(`${sandbox.url}/assure/dossiers?limit=5`)
    await fetch(`${sandbox.url}/__sandbox/calls`)
    await vi.waitFor(() => expect(seen).toHaveLength(3))
    expect(seen).toEqual([
      { method: 'HEAD', path: '/', status: 200, ms: expect.any(Number) },
      { method: 'GET', path: '/assure/dossiers?limit=5', status: 400, ms: expect.any(Number) },
      { method: 'GET', path: '/__sandbox/calls', status: 200, ms: expect.any(Number) }
    ])
  })

  it('reports a dropped connection as unanswered', async () => {
    const seen: SandboxRequestRecord[] = []
    sandbox = await startSandbox({ onRequest: (request) => seen.push(request) })
    sandbox.control.addFault({ endpoint: 'probe', fault: { kind: 'reset' } })
    await expect(fetch(`${sandbox.url}/`, { method: 'HEAD' })).rejects.toThrow()
    await vi.waitFor(() => expect(seen).toEqual([{ method: 'HEAD', path: '/', status: null, ms: expect.any(Number) }]))
  })

  it('is silent unless asked: the demo app and the tests pass no hook', async () => {
    const write = vi.spyOn(process.stdout, 'write')
    sandbox = await startSandbox()
    await fetch(`${sandbox.url}/`, { method: 'HEAD' })
    expect(write).not.toHaveBeenCalled()
  })
})
