/**
 * What a compromised renderer can still send, through the real IPC router into the real services
 * (`composeMain` against a sandbox), as the security review of issue 17 found it. Each test is the
 * attack; its expectation is what a visitor or the branch would notice if it worked.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../../main/sandbox/fault-control'
import { hashPin } from '../../../main/staff/pin'
import type { PreparedSession, StaffJobPage } from '../../../preload/api'
import { captureFor } from '../../support/engine'
import { BRISK_ENGINE, startMainRig, type MainRig } from '../../support/main-rig'
import { memoryBacking } from '../../support/memory-backing'

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
  const started = await startMainRig({
    sandbox,
    ...options,
    verification: { ...BRISK_ENGINE, ...options.verification }
  })
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

describe('row 2: the staff PIN lockout', () => {
  const PIN = '482916'
  let pinHash: string
  beforeAll(async () => {
    pinHash = await hashPin(PIN, { N: 1024, r: 8, p: 1 })
  })
  const lockOut = async (main: MainRig): Promise<void> => {
    for (let i = 0; i < 5; i++) await main.call('unlockStaff', { pin: '000000' })
  }

  it('survives a restart (a power cycle, or a renderer crashing itself into a relaunch)', async () => {
    const main = await rig({ pinHash })
    await lockOut(main)
    await main.restart()
    // Even the right PIN: the five guesses are spent until the lock runs out.
    expect(await main.call('unlockStaff', { pin: PIN })).toMatchObject({ ok: true, value: { outcome: 'locked' } })
  })

  it('keeps counting wrong guesses across a restart before the lock', async () => {
    const main = await rig({ pinHash })
    for (let i = 0; i < 3; i++) await main.call('unlockStaff', { pin: '000000' })
    await main.restart()
    expect(await main.call('unlockStaff', { pin: '000000' })).toMatchObject({
      ok: true,
      value: { outcome: 'wrong', attemptsLeft: 1 }
    })
  })

  it('cannot be reset by editing the stored counter', async () => {
    const overrides = memoryBacking()
    const main = await rig({ pinHash, overrides })
    await lockOut(main)
    const stored = overrides.read() as { pinLockout: Record<string, unknown> }
    overrides.write({ ...stored, pinLockout: { ...stored.pinLockout, failures: 0, locks: 0, lockedUntil: 0 } } as never)
    await main.restart()
    expect(await main.call('unlockStaff', { pin: PIN })).toMatchObject({ ok: true, value: { outcome: 'locked' } })
  })

  it('still lets the right PIN in after a restart, when no lock is in force', async () => {
    const main = await rig({ pinHash })
    await main.call('unlockStaff', { pin: '000000' })
    await main.restart()
    expect(await main.call('unlockStaff', { pin: PIN })).toMatchObject({ ok: true, value: { outcome: 'unlocked' } })
  })

  it('is not mistaken for tampering when the data key lives only as long as the process (demo without a key store)', async () => {
    const main = await rig({ pinHash, ephemeralKeys: true })
    expect(await main.call('unlockStaff', { pin: PIN })).toMatchObject({ value: { outcome: 'unlocked' } })
    await main.restart()
    expect(await main.call('unlockStaff', { pin: PIN })).toMatchObject({ value: { outcome: 'unlocked' } })
    expect(main.services.engine.problems()).toEqual([])
  })

  it('refuses a PIN shorter than 6 digits in live mode, even the configured one', async () => {
    const main = await rig({ pinHash: await hashPin('4829', { N: 1024, r: 8, p: 1 }), mode: 'live' })
    expect(await main.call('unlockStaff', { pin: '4829' })).toMatchObject({ ok: true, value: { outcome: 'wrong' } })
  })
})

describe('row 4: flooding the audit log through the PIN pad', () => {
  it('writes one line per lock, however often a locked PIN pad is tried', async () => {
    const main = await rig({ pinHash: await hashPin('482916', { N: 1024, r: 8, p: 1 }) })
    for (let i = 0; i < 300; i++) await main.call('unlockStaff', { pin: '000000' })
    const lines = readdirSync(join(main.dataDir, 'audit'))
      .flatMap((name) =>
        readFileSync(join(main.dataDir, 'audit', name), 'utf8')
          .trim()
          .split('\n')
      )
      .map((line) => (JSON.parse(line) as { action: string }).action)
    expect(lines).toEqual([...Array<string>(4).fill('staff.pin-wrong'), 'staff.pin-locked'])
  })
})

describe('row 10: starting verifications at Assure', () => {
  it('is rate limited: a renderer in a loop cannot create dossiers without end', async () => {
    const main = await rig({ preparesPerMinute: 3 })
    const before = sandbox.control.dossierIds().length
    const answers = []
    for (let i = 0; i < 5; i++) answers.push(await main.call('prepareVerification', {}))
    expect(answers.map((answer) => answer.ok)).toEqual([true, true, true, false, false])
    expect(answers[3]).toMatchObject({ ok: false, error: { code: 'unavailable' } })
    expect(sandbox.control.dossierIds().length - before).toBe(3)
  })

  it('refuses a ticket reference on a kiosk configured without tickets', async () => {
    const main = await rig({ journey: { referenceSource: 'configured' } })
    const before = sandbox.control.dossierIds().length
    const callsBefore = sandbox.control.calls().createProcess
    const answer = await main.call('prepareVerification', {
      reference: {
        kind: 'linked-process',
        dossierId: '3f6c2b1e-8d4a-4c1f-9b7e-2a5d6c8e9f01',
        processId: '4a7d3c2f-9e5b-4d2a-8c8f-3b6e7d9fa012'
      }
    })
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(sandbox.control.dossierIds().length).toBe(before)
    expect(sandbox.control.calls().createProcess).toBe(callsBefore)
  })
})

describe('row 9: other visitors’ jobs', () => {
  it('are not pushed to the renderer, and cannot be read, captured into or cancelled through it', async () => {
    const main = await rig()
    // The first visitor's capture waits in the outbox: Assure refuses Start verification for now.
    sandbox.control.addFault({ endpoint: 'startVerification', fault: { kind: 'status', status: 503 } })
    const first = await main.call('prepareVerification', {})
    if (!first.ok) throw new Error('prepare refused')
    const earlier = (first.value as PreparedSession).jobId
    expect(await main.call('submitCapture', captureFor(earlier))).toMatchObject({ ok: true })
    // The next visitor.
    const second = await main.call('prepareVerification', {})
    expect(second).toMatchObject({ ok: true })
    const mark = main.pushed.length
    sandbox.control.clearFaults()
    await main.jobs.settled(earlier)
    expect(main.services.engine.get(earlier)?.phase).toBe('completed')
    const pushedIds = main.pushed.slice(mark).map(({ payload }) => (payload as { jobId?: string }).jobId)
    expect(pushedIds).not.toContain(earlier)
    for (const [name, input] of [
      ['getJob', { jobId: earlier }],
      ['cancelVerification', { jobId: earlier }],
      ['submitCapture', captureFor(earlier)]
    ] as const) {
      expect(await main.call(name, input)).toMatchObject({ ok: false, error: { code: 'not-found' } })
    }
  })

  it('are refused when the renderer names a job it never prepared', async () => {
    const main = await rig()
    const other = await main.services.engine.prepare()
    expect(await main.call('getJob', { jobId: other.jobId })).toMatchObject({
      ok: false,
      error: { code: 'not-found' }
    })
    expect(await main.call('cancelVerification', { jobId: other.jobId })).toMatchObject({ ok: false })
    expect(main.services.engine.get(other.jobId)?.phase).toBe('ready')
  })
})

describe('row 9: another visitor’s visit reference', () => {
  it('cannot be claimed for a retry (it would bring that visit’s staff photo); the visit’s own still can', async () => {
    const main = await rig()
    const prepare = async (input: { visitReference?: string }) => {
      const answer = await main.call('prepareVerification', input)
      if (!answer.ok) throw new Error(`prepare refused: ${answer.error.message}`)
      return answer.value as PreparedSession
    }
    const earlier = await prepare({})
    expect(await main.call('submitCapture', captureFor(earlier.jobId))).toMatchObject({ ok: true })
    const now = await prepare({})
    expect(now.visitReference).not.toBe(earlier.visitReference)
    const dossiersBefore = sandbox.control.calls().createDossier

    expect(await main.call('prepareVerification', { visitReference: earlier.visitReference })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' }
    })
    expect(sandbox.control.calls().createDossier).toBe(dossiersBefore)

    // The person at the screen tries again: the same visit, a new attempt.
    expect(await main.call('submitCapture', captureFor(now.jobId))).toMatchObject({ ok: true })
    const retry = await prepare({ visitReference: now.visitReference })
    expect(retry.visitReference).toBe(now.visitReference)
    expect(retry.jobId).not.toBe(now.jobId)
  })
})

describe('row 11: a forged job file', () => {
  it('is quarantined at start, not acted on; the kiosk’s own job files still load', async () => {
    const main = await rig()
    const prepared = await main.call('prepareVerification', {})
    if (!prepared.ok) throw new Error('prepare refused')
    const own = (prepared.value as PreparedSession).jobId
    await main.call('submitCapture', captureFor(own))
    await main.jobs.settled(own)
    // Someone with the data folder writes a job that would delete another visitor's dossier.
    const victim = (await main.services.assure.createDossier()).dossierId
    const jobs = join(main.dataDir, 'jobs')
    const genuine = JSON.parse(readFileSync(join(jobs, `${own}.json`), 'utf8')) as { record: Record<string, unknown> }
    const forgedId = '0b7c5a6e-1d2f-4a3b-9c8d-7e6f5a4b3c2d'
    const forged = {
      ...genuine.record,
      jobId: forgedId,
      dossierId: victim,
      ownDossier: true,
      step: 'final',
      ended: null,
      archive: null
    }
    writeFileSync(join(jobs, `${forgedId}.json`), JSON.stringify(forged))
    // Or copies the kiosk's own file under another name, integrity check and all.
    const copiedId = '1c8d6b7f-2e3a-4b4c-8d9e-8f7a6b5c4d3e'
    writeFileSync(
      join(jobs, `${copiedId}.json`),
      JSON.stringify({ ...genuine, record: { ...genuine.record, jobId: copiedId, dossierId: victim } })
    )
    await main.restart()
    expect(main.services.engine.get(forgedId)).toBeNull()
    expect(main.services.engine.get(copiedId)).toBeNull()
    expect(main.services.engine.get(own)).toMatchObject({ phase: 'completed' })
    expect(
      main.services.engine
        .problems()
        .map((problem) => problem.file)
        .sort()
    ).toEqual([`${forgedId}.json`, `${copiedId}.json`])
    expect(readdirSync(join(jobs, 'quarantine'))).toHaveLength(2)
    expect(sandbox.control.dossierIds()).toContain(victim)
  })
})

describe('row 20: staff error details', () => {
  it('name the file, not the folders it is in (no user name, no disk layout)', async () => {
    const main = await rig({ pinHash: await hashPin('482916', { N: 1024, r: 8, p: 1 }) })
    // The capture waits in the outbox; meanwhile its file disappears (a disk failure, say).
    sandbox.control.addFault({ endpoint: 'startVerification', fault: { kind: 'status', status: 503 } })
    const prepared = await main.call('prepareVerification', {})
    if (!prepared.ok) throw new Error('prepare refused')
    const { jobId } = prepared.value as PreparedSession
    await main.call('submitCapture', captureFor(jobId))
    rmSync(join(main.dataDir, 'captures'), { recursive: true, force: true })
    sandbox.control.clearFaults()
    await main.jobs.settled(jobId)
    expect(await main.call('unlockStaff', { pin: '482916' })).toMatchObject({ value: { outcome: 'unlocked' } })
    const listed = await main.call('listJobs', {})
    if (!listed.ok) throw new Error('listJobs refused')
    const job = (listed.value as StaffJobPage).jobs.find((row) => row.jobId === jobId)
    expect(job).toMatchObject({ phase: 'failed', failure: { reason: 'storage' } })
    expect(job?.detail).toMatch(/capture/)
    expect(JSON.stringify(listed.value)).not.toContain(main.dataDir)
  })
})
