/**
 * The journal's index (journal.ts): a start reads settled jobs from one signed index file and only the
 * others from their own files, and gets exactly the jobs it would get from the files alone, whatever
 * happened to the index: deleted, damaged, changed outside the kiosk, or left behind by a kill between
 * a job file's write and the index's. Kills are the journal's fault hook throwing at its durable points
 * (as in reliability.test.ts); the journal is then abandoned and a new one loads the same folder.
 */
import { randomBytes } from 'node:crypto'
import { appendFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AssureClient } from '../../../main/assure/client'
import { systemClock } from '../../../main/lib/clock'
import { createLogger } from '../../../main/log/logger'
import { createBlobStore } from '../../../main/storage/blob-store'
import { staticKeyProvider } from '../../../main/storage/crypto-box'
import { createVerificationEngine, DEFAULT_ENGINE_OPTIONS } from '../../../main/verification/engine'
import { newJob, type JobRecord } from '../../../main/verification/job'
import { createJobJournal, isSettled, type JournalPoint } from '../../../main/verification/journal'
import type { StaffJobQuery } from '../../../preload/api'
import { manualConnectivity } from '../../support/engine'
import { tempDir } from '../../support/temp-dir'

const DAY = 24 * 3600_000

/** A job as the kiosk keeps it: completed or cancelled and cleaned up (settled), or failed and kept for a retry. */
function jobOf(n: number, kind: 'completed' | 'cancelled' | 'failed', createdAt: number): JobRecord {
  const jobId = `3f6c2b1e-8d4a-4c1f-9b7e-${n.toString(16).padStart(12, '0')}`
  const job = newJob({
    jobId,
    kioskId: 'k',
    visitReference: `REF${n.toString(36).toUpperCase().padStart(3, '0')}`,
    reference: { kind: 'image', sha256: 'ab'.repeat(32), source: 'demo' },
    ownDossier: true,
    dossierId: `dossier-${n}`,
    now: createdAt
  })
  const stepAt = { created: createdAt, dossier: createdAt + 1, process: createdAt + 2, selfie: createdAt + 3 }
  if (kind === 'failed')
    return {
      ...job,
      step: 'started',
      stepAt: { ...stepAt, captured: createdAt + 4, started: createdAt + 5 },
      processId: `process-${n}`,
      capture: { blob: `${jobId}.capture`, bytes: 10 },
      ended: {
        kind: 'failed',
        at: createdAt + 9,
        reason: 'result-timeout',
        retryable: true,
        detail: 'still processing'
      }
    }
  return {
    ...job,
    step: 'cleaned',
    stepAt: { ...stepAt, cleaned: createdAt + 9 },
    processId: `process-${n}`,
    result: kind === 'completed' ? { status: 'accepted', at: createdAt + 6 } : null,
    ended: { kind, at: createdAt + 9 }
  }
}

class Killed extends Error {}

async function folder(): Promise<{ dir: string; key: Buffer }> {
  return { dir: await tempDir('kiosk-journal-index'), key: randomBytes(32) }
}

/** The app's journal: signed with the integrity key. `killAt`: a kill lands there, once, for `jobId`. */
async function journalIn({ dir, key }: { dir: string; key: Buffer }, killAt?: { point: JournalPoint; jobId: string }) {
  let armed = Boolean(killAt)
  const journal = createJobJournal(dir, Date.now, staticKeyProvider(key), {
    durable(point, jobId) {
      if (armed && killAt?.point === point && killAt.jobId === jobId) {
        armed = false
        throw new Killed(`killed at ${point}`)
      }
    }
  })
  await journal.open()
  return journal
}

const indexPath = (dir: string): string => join(dir, 'index.jsonl')

/** What the files alone say: the same folder loaded without its index. */
async function withoutIndex(where: { dir: string; key: Buffer }): Promise<JobRecord[]> {
  rmSync(indexPath(where.dir), { force: true })
  return (await journalIn(where)).loadAll().jobs
}

async function withJobs(jobs: JobRecord[]) {
  const where = await folder()
  const journal = await journalIn(where)
  journal.loadAll()
  for (const job of jobs) journal.save(job)
  return where
}

const kept = [jobOf(1, 'completed', 1_000), jobOf(2, 'failed', 2_000), jobOf(3, 'cancelled', 3_000)]

describe('the journal index', () => {
  it('serves settled jobs from the index and reads only the others from their files', async () => {
    const where = await withJobs(kept)
    const loaded = (await journalIn(where)).loadAll()
    expect(loaded.jobs).toEqual(kept)
    expect(loaded.index).toEqual({ fromIndex: 2, readInFull: 1, rewritten: null })
  })

  it('is rebuilt from the job files when it is deleted, and used again at the next start', async () => {
    const where = await withJobs(kept)
    rmSync(indexPath(where.dir))
    const rebuilt = (await journalIn(where)).loadAll()
    expect(rebuilt.jobs).toEqual(kept)
    expect(rebuilt.index).toEqual({ fromIndex: 0, readInFull: 3, rewritten: 'there was none' })
    expect((await journalIn(where)).loadAll().index).toEqual({ fromIndex: 2, readInFull: 1, rewritten: null })
  })

  it('is not used when a line is damaged: every file is read, and the index is written anew', async () => {
    const where = await withJobs(kept)
    const lines = readFileSync(indexPath(where.dir), 'utf8').split('\n')
    lines[1] = (lines[1] ?? '').slice(0, 40)
    writeFileSync(indexPath(where.dir), lines.join('\n'))
    const loaded = (await journalIn(where)).loadAll()
    expect(loaded.jobs).toEqual(kept)
    expect(loaded.index).toMatchObject({ fromIndex: 0, readInFull: 3, rewritten: expect.stringMatching(/damaged/) })
    expect((await journalIn(where)).loadAll().index).toMatchObject({ fromIndex: 2, rewritten: null })
  })

  it('is not used when it was changed outside the kiosk (a line whose signature fails)', async () => {
    const where = await withJobs(kept)
    // A forged index would make the kiosk believe a job's result, or delete another dossier.
    const text = readFileSync(indexPath(where.dir), 'utf8').replace('"status":"accepted"', '"status":"rejected"')
    writeFileSync(indexPath(where.dir), text)
    const loaded = (await journalIn(where)).loadAll()
    expect(loaded.jobs).toEqual(kept)
    expect(loaded.problems).toEqual([])
    expect(loaded.index?.fromIndex).toBe(0)
  })

  it('is not used when its format is another kiosk version’s', async () => {
    const where = await withJobs(kept)
    const text = readFileSync(indexPath(where.dir), 'utf8').replace('{"journalIndex":1}', '{"journalIndex":2}')
    writeFileSync(indexPath(where.dir), text)
    expect((await journalIn(where)).loadAll()).toMatchObject({
      jobs: kept,
      index: { fromIndex: 0, rewritten: 'its format is unknown' }
    })
  })

  it('quarantines a changed job file when the index is rebuilt (until then the index’s signed copy is used)', async () => {
    const where = await withJobs(kept)
    const file = join(where.dir, `${kept[0]?.jobId}.json`)
    writeFileSync(file, readFileSync(file, 'utf8').replace('"status":"accepted"', '"status":"rejected"'))
    expect((await journalIn(where)).loadAll().jobs).toEqual(kept)
    rmSync(indexPath(where.dir))
    const rebuilt = (await journalIn(where)).loadAll()
    expect(rebuilt.jobs).toEqual([kept[1], kept[2]])
    expect(rebuilt.problems).toEqual([
      expect.objectContaining({ file: `${kept[0]?.jobId}.json`, reason: expect.stringMatching(/integrity/) })
    ])
  })

  it('does not return a purged job whose line is still in the index', async () => {
    const where = await withJobs(kept)
    const journal = await journalIn(where)
    journal.loadAll()
    journal.remove(kept[0]?.jobId ?? '')
    expect((await journalIn(where)).loadAll().jobs).toEqual([kept[1], kept[2]])
  })

  it('drops a last line a kill cut short, and rewrites the index', async () => {
    const where = await withJobs(kept)
    appendFileSync(indexPath(where.dir), '{"drop":"3f6c2b1e-8d4a')
    const loaded = (await journalIn(where)).loadAll()
    expect(loaded.jobs).toEqual(kept)
    expect(loaded.index).toEqual({ fromIndex: 2, readInFull: 1, rewritten: 'its last line was cut short' })
    expect(readFileSync(indexPath(where.dir), 'utf8').endsWith('}\n')).toBe(true)
  })

  it('cleans up what a kill left of an index rewrite', async () => {
    const where = await withJobs(kept)
    writeFileSync(`${indexPath(where.dir)}.tmp-1732812345abcdef`, '{"journalIndex":1}\n{"mac"')
    expect((await journalIn(where)).loadAll().jobs).toEqual(kept)
    expect(readdirSync(where.dir).filter((name) => name.includes('.tmp-'))).toEqual([])
  })
})

describe('a kill between a job file and the index', () => {
  it('after a settled record is written but before its index line: the job is read from its file', async () => {
    const running: JobRecord = { ...(kept[0] as JobRecord), step: 'archived', ended: null }
    const where = await withJobs([running])
    const journal = await journalIn(where, { point: 'record-written', jobId: running.jobId })
    journal.loadAll()
    expect(() => journal.save(kept[0] as JobRecord)).toThrow(Killed)

    const loaded = (await journalIn(where)).loadAll()
    expect(loaded.jobs).toEqual([kept[0]])
    expect(loaded.index).toMatchObject({ fromIndex: 0, readInFull: 1 })
    // …and from then on the index covers it.
    expect((await journalIn(where)).loadAll().index).toMatchObject({ fromIndex: 1, readInFull: 0 })
  })

  const revived: JobRecord = { ...(kept[2] as JobRecord), step: 'selfie', ended: null, updatedAt: 9_999 }

  it('after a settled job was dropped from the index but before it is written again: its old record counts', async () => {
    const where = await withJobs(kept)
    const journal = await journalIn(where, { point: 'index-dropped', jobId: revived.jobId })
    journal.loadAll()
    expect(() => journal.save(revived)).toThrow(Killed)
    const loaded = (await journalIn(where)).loadAll()
    expect(loaded.jobs).toEqual(kept)
    expect(loaded.index).toMatchObject({ fromIndex: 1, readInFull: 2 })
  })

  it('after a settled job was written again but before the index knows: the new record counts, never the index’s', async () => {
    const where = await withJobs(kept)
    const journal = await journalIn(where, { point: 'record-written', jobId: revived.jobId })
    journal.loadAll()
    expect(() => journal.save(revived)).toThrow(Killed)
    expect((await journalIn(where)).loadAll().jobs).toEqual([kept[0], kept[1], revived])
    expect(await withoutIndex(where)).toEqual([kept[0], kept[1], revived])
  })
})

const noAssure = new Proxy({} as AssureClient, {
  get: () => () => Promise.reject(new Error('no Assure call is expected'))
})

/** Staff's pages of the jobs in `dir`, through main's real engine. */
async function staffPages(where: { dir: string; key: Buffer }, queries: StaffJobQuery[]) {
  const keys = staticKeyProvider(where.key)
  const engine = createVerificationEngine({
    client: noAssure,
    journal: await journalIn(where),
    captures: createBlobStore(join(where.dir, 'captures'), keys),
    archive: createBlobStore(join(where.dir, 'archive'), keys),
    archiveKeys: keys,
    connectivity: manualConnectivity(),
    clock: systemClock,
    log: createLogger({ sink: () => {} }),
    options: { ...DEFAULT_ENGINE_OPTIONS, kioskId: 'k', retentionMs: 100_000 * DAY }
  })
  await engine.start()
  try {
    return queries.map((query) => engine.listPage(query))
  } finally {
    await engine.stop()
  }
}

describe('staff see the same queue with and without the index', () => {
  it('pages and filters alike, whatever the jobs and whichever jobs were purged (property)', async () => {
    const queries: StaffJobQuery[] = [
      { pageSize: 5 },
      { pageSize: 5, page: 1 },
      { pageSize: 5, page: 99 },
      { phase: 'failed', pageSize: 3 },
      { phase: 'completed', pageSize: 50 },
      { phase: 'cancelled', pageSize: 2, page: 1 },
      { reference: 'ref00a' },
      { reference: '9b7e-0000' }
    ]
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            kind: fc.constantFrom('completed', 'cancelled', 'failed'),
            // Equal creation times too: the order among them must not depend on where a job came from.
            createdAt: fc.integer({ min: 0, max: 30 }),
            purged: fc.boolean(),
            settledLater: fc.boolean()
          }),
          { maxLength: 24 }
        ),
        async (specs) => {
          const where = await folder()
          const journal = await journalIn(where)
          journal.loadAll()
          const jobs = specs.map((spec, n) => jobOf(n + 1, spec.kind, Date.now() - spec.createdAt * 1_000))
          for (const [n, job] of jobs.entries()) {
            // Some settle while this journal runs (index lines appended), some were settled before it.
            if (specs[n]?.settledLater && isSettled(job)) journal.save({ ...job, step: 'archived', ended: null })
            journal.save(job)
            if (specs[n]?.purged) journal.remove(job.jobId)
          }
          const indexed = await staffPages(where, queries)
          rmSync(indexPath(where.dir))
          const fromFiles = await staffPages(where, queries)
          expect(indexed).toEqual(fromFiles)
          rmSync(where.dir, { recursive: true, force: true })
        }
      ),
      { numRuns: 25 }
    )
  })
})
