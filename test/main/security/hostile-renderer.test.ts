/**
 * What a compromised renderer can still send, through the real IPC router into the real services
 * (`composeMain` against a sandbox), as the security review of issue 17 found it. Each test is the
 * attack; its expectation is what a visitor or the branch would notice if it worked.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../../main/sandbox/server'
import { startMainRig, type MainRig } from '../../support/main-rig'

let sandbox: Sandbox
const rigs: MainRig[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ behaviour: { processingDelayMs: 0 } })
})
afterAll(async () => {
  await sandbox.close()
})
afterEach(async () => {
  sandbox.control.clearFaults()
  await Promise.all(rigs.splice(0).map((rig) => rig.close()))
})

async function rig(options: Omit<Parameters<typeof startMainRig>[0], 'sandbox'> = {}): Promise<MainRig> {
  const started = await startMainRig({ sandbox, ...options })
  rigs.push(started)
  return started
}

describe('row 3: one call with a huge array', () => {
  it('is refused before a single item is read', async () => {
    const main = await rig()
    const huge: unknown[] = new Array(50_000).fill(0)
    let itemsRead = 0
    Object.defineProperty(huge, 0, {
      enumerable: true,
      get: () => {
        itemsRead++
        return 0
      }
    })
    const answer = await main.call('prepareVerification', huge)
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input', issues: ['input has too many fields'] } })
    expect(itemsRead).toBe(0)
  })
})

describe('row 20: a Date where an object belongs', () => {
  it('is refused, not parsed as {} (which would start a verification at Assure)', async () => {
    const main = await rig()
    const dossiersBefore = sandbox.control.dossierIds().length
    const answer = await main.call('prepareVerification', new Date())
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(sandbox.control.dossierIds().length).toBe(dossiersBefore)
  })
})
