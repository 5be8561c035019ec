/**
 * The kiosk is killed (SIGKILL: no clean-up, no flush) at every step boundary of a verification, and
 * started again. Every job must end exactly once: a captured job completes, its Start verification
 * reaching Assure exactly once (the sandbox counts the requests); a job killed before its capture was
 * saved is cancelled and its dossier deleted, even one whose creation was cut off before its answer.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../../main/sandbox/fault-control'
import { JobRecord } from '../../../main/verification/job'
import { FIXTURES } from '../../support/assure'
import { tempDir } from '../../support/temp-dir'

const root = join(import.meta.dirname, '..', '..', '..')
let sandbox: Sandbox
let childScript: string

beforeAll(async () => {
  sandbox = await startSandbox({ behaviour: { processingDelayMs: 30 } })
  // Bundle the child once so each start costs a plain `node` launch. It goes inside the project so its
  // npm imports (kept external) resolve from node_modules.
  const outDir = join(root, 'node_modules', '.cache', `kiosk-crash-child-${process.pid}`)
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      ssr: join(root, 'test/support/engine-child.ts'),
      outDir,
      minify: false,
      target: 'node20',
      rolldownOptions: { output: { format: 'es', entryFileNames: 'child.mjs' } }
    }
  })
  childScript = join(outDir, 'child.mjs')
}, 60_000)

afterAll(async () => {
  await sandbox.close()
  await rm(dirname(childScript), { recursive: true, force: true })
})

interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  writes: string[]
  result: Array<{ jobId: string; phase: string; result: string | null }> | null
  stderr: string
}

function runChild(env: Record<string, string>, onSpawn?: (pid: number) => void): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [childScript], {
      cwd: root,
      env: {
        ...process.env,
        SANDBOX_URL: sandbox.url,
        CLIENT_ID: sandbox.credentials.clientId,
        CLIENT_SECRET: sandbox.credentials.clientSecret,
        REFERENCE_PHOTO: join(FIXTURES, 'reference-photo.jpg'),
        ...env
      },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    if (child.pid) onSpawn?.(child.pid)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (code, signal) => {
      const lines = stdout.split('\n')
      const resultLine = lines.find((line) => line.startsWith('RESULT '))
      resolve({
        code,
        signal,
        writes: lines.filter((line) => line.startsWith('WRITE ')),
        result: resultLine ? (JSON.parse(resultLine.slice('RESULT '.length)) as Run['result']) : null,
        stderr
      })
    })
  })
}

function journalRecords(dir: string): JobRecord[] {
  return readdirSync(join(dir, 'jobs'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => JobRecord.parse(JSON.parse(readFileSync(join(dir, 'jobs', name), 'utf8'))))
}

describe('killed at every step boundary', () => {
  let boundaries: string[] = []

  it('a run without a kill shows the boundaries: every journal write of one verification', async () => {
    const dir = await tempDir('kiosk-crash')
    sandbox.control.reset()
    const run = await runChild({ DATA_DIR: dir, KEY_HEX: randomBytes(32).toString('hex'), MODE: 'new' })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.result).toEqual([expect.objectContaining({ phase: 'completed', result: 'accepted' })])
    boundaries = run.writes
    expect(boundaries.length).toBeGreaterThan(12)
    expect(sandbox.control.calls().startVerification).toBe(1)
  }, 30_000)

  it('completes every captured job exactly once, and cleans up every job killed before its capture', async () => {
    expect(boundaries.length).toBeGreaterThan(0)
    const outcomes: string[] = []
    for (let killAt = 1; killAt <= boundaries.length; killAt++) {
      const dir = await tempDir('kiosk-crash')
      const key = randomBytes(32).toString('hex')
      // An empty sandbox, so whatever dossier is left afterwards can only be this job's.
      sandbox.control.reset({ data: true })
      const killed = await runChild({ DATA_DIR: dir, KEY_HEX: key, MODE: 'new', KILL_AT: String(killAt) })
      const boundary = killed.writes.at(-1) ?? '?'
      expect(killed.signal, `kill at ${boundary}`).toBe('SIGKILL')
      const [atKill] = journalRecords(dir)
      if (!atKill) throw new Error(`no journal record after kill ${killAt}`)
      const captured =
        atKill.capture !== null || atKill.step === 'started' || ['final', 'archived', 'cleaned'].includes(atKill.step)

      const resumed = await runChild({ DATA_DIR: dir, KEY_HEX: key, MODE: 'resume' })
      expect(resumed.code, `resume after kill at ${boundary}: ${resumed.stderr}`).toBe(0)
      const [job] = journalRecords(dir)
      if (!job) throw new Error('the job disappeared')
      const calls = sandbox.control.calls()
      if (captured) {
        expect(job.ended?.kind, `kill at ${boundary}`).toBe('completed')
        expect(job.result?.status).toBe('accepted')
        // Over both lives of the kiosk, exactly one Start verification request reached Assure.
        expect(calls.startVerification, `starts, kill at ${boundary}`).toBe(1)
      } else {
        expect(job.ended?.kind, `kill at ${boundary}`).toBe('cancelled')
        expect(calls.startVerification).toBe(0)
      }
      expect(job.step).toBe('cleaned')
      // Cancelled or completed (the child deletes its dossier when done), nothing is left at Assure.
      expect(sandbox.control.dossierIds(), `dossiers left, kill at ${boundary}`).toEqual([])
      expect(sandbox.control.duplicateStarts()).toBe(0)
      outcomes.push(`${killAt}:${captured ? 'completed' : 'cancelled'}`)
    }
    expect(outcomes.some((outcome) => outcome.endsWith('completed'))).toBe(true)
    expect(outcomes.some((outcome) => outcome.endsWith('cancelled'))).toBe(true)
  }, 180_000)

  it('deletes the dossier of a job killed while Create dossier was in flight after Assure took it', async () => {
    const dir = await tempDir('kiosk-crash')
    const key = randomBytes(32).toString('hex')
    sandbox.control.reset({ data: true })
    // Assure creates the dossier, then never answers; the kiosk is killed while it waits.
    sandbox.control.addFault({ endpoint: 'createDossier', fault: { kind: 'hang' }, phase: 'after', times: 1 })
    let pid = 0
    const child = runChild({ DATA_DIR: dir, KEY_HEX: key, MODE: 'new' }, (spawned) => (pid = spawned))
    await expect.poll(() => sandbox.control.dossierIds().length).toBe(1)
    process.kill(pid, 'SIGKILL')
    expect((await child).signal).toBe('SIGKILL')
    // The journal knows a Create dossier was under way, but not which dossier it made.
    expect(journalRecords(dir)[0]).toMatchObject({ inFlight: { operation: 'createDossier' }, dossierId: null })

    const resumed = await runChild({ DATA_DIR: dir, KEY_HEX: key, MODE: 'resume' })
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(resumed.result).toEqual([expect.objectContaining({ phase: 'cancelled' })])
    expect(journalRecords(dir)[0]?.step).toBe('cleaned')
    expect(sandbox.control.calls()).toMatchObject({ listDossiers: 1, deleteDossier: 1 })
    expect(sandbox.control.dossierIds()).toEqual([])
  }, 30_000)

  it('does not start twice when killed while Start verification is in flight after Assure took it', async () => {
    const dir = await tempDir('kiosk-crash')
    const key = randomBytes(32).toString('hex')
    sandbox.control.reset()
    // Assure takes the start, then never answers; the kiosk is killed while it waits.
    sandbox.control.addFault({ endpoint: 'startVerification', fault: { kind: 'hang' }, phase: 'after', times: 1 })
    let pid = 0
    const child = runChild({ DATA_DIR: dir, KEY_HEX: key, MODE: 'new' }, (spawned) => (pid = spawned))
    await expect.poll(() => sandbox.control.calls().startVerification).toBe(1)
    // The request is at Assure: kill the child now, mid-call.
    process.kill(pid, 'SIGKILL')
    expect((await child).signal).toBe('SIGKILL')
    expect(journalRecords(dir)[0]?.inFlight?.operation).toBe('startVerification')

    const resumed = await runChild({ DATA_DIR: dir, KEY_HEX: key, MODE: 'resume' })
    expect(resumed.code).toBe(0)
    expect(resumed.result).toEqual([expect.objectContaining({ phase: 'completed', result: 'accepted' })])
    expect(sandbox.control.calls().startVerification).toBe(1)
    expect(sandbox.control.duplicateStarts()).toBe(0)
  }, 30_000)
})
