/**
 * P7: a year of jobs. A kiosk keeping 10,000 jobs (30 visits a day for a year, retention set to
 * match): each with its journal record and, for the accepted ones, an archived result in the archive
 * folder. Measured on main's real engine, journal (signed, as in live mode) and encrypted stores (as
 * main/compose.ts builds them): start-up to ready (the journal read, the first purge), one staff page
 * (first, filtered, last), the minute sweep, and main's heap above an empty kiosk's (after a GC). The
 * fixture is written once, through the journal but without fsync, before anything is timed; the first
 * start on it builds the journal's index (as after an upgrade, or a lost index), the second uses it.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { systemClock, type Clock } from '../../main/lib/clock'
import { createLogger } from '../../main/log/logger'
import { createBlobStore } from '../../main/storage/blob-store'
import { staticKeyProvider } from '../../main/storage/crypto-box'
import { blobName } from '../../main/verification/housekeeping'
import {
  createVerificationEngine,
  DEFAULT_ENGINE_OPTIONS,
  type VerificationEngine
} from '../../main/verification/engine'
import { newJob, type JobRecord } from '../../main/verification/job'
import { createJobJournal, type JobJournal } from '../../main/verification/journal'
import { durableFiles, nodeFs } from '../../main/lib/durable-files'
import type { AssureClient } from '../../main/assure/client'
import { manualConnectivity } from '../support/engine'
import { median, round, type BenchResult } from './support'
import { newVisitReference } from '../../main/verification/visit-reference'

const JOBS = Number(process.env.P7_JOBS ?? 10_000)
const DAY = 24 * 3600_000

/** No job of the fixture talks to Assure: every one has ended. A call would be a bug. */
const noAssure = new Proxy({} as AssureClient, {
  get: () => () => Promise.reject(new Error('P7 makes no Assure calls'))
})

/** Writes the fixture's files without waiting for the disk (nothing of it is timed). */
const fixtureFiles = durableFiles({ ...nodeFs, fsyncSync: () => {}, fsync: async () => {} })

/** The journal of a kiosk whose integrity key is `key` (its data key, as main/compose.ts gives it). */
function journalIn(dir: string, key: Buffer, fixture = false): JobJournal {
  return createJobJournal(join(dir, 'jobs'), Date.now, staticKeyProvider(key), fixture ? { files: fixtureFiles } : {})
}

export async function writeFixture(dir: string, count: number, key: Buffer): Promise<void> {
  mkdirSync(join(dir, 'archive'), { recursive: true })
  const journal = journalIn(dir, key, true)
  await journal.open()
  const now = Date.now()
  const spacing = Math.floor((360 * DAY) / count)
  for (let i = 0; i < count; i++) {
    const jobId = randomUUID()
    const createdAt = now - (count - i) * spacing
    const job = newJob({
      jobId,
      kioskId: 'bench-kiosk',
      visitReference: newVisitReference(),
      reference: { kind: 'image', sha256: randomBytes(32).toString('hex'), source: 'demo' },
      ownDossier: true,
      dossierId: randomUUID(),
      now: createdAt
    })
    const failed = i % 50 === 0
    const accepted = !failed && i % 5 !== 0
    const archive = accepted
      ? { file: blobName(jobId, 'result'), bytes: 180_000, sha256: randomBytes(32).toString('hex') }
      : null
    const at = (offset: number): number => createdAt + offset
    const record: JobRecord = {
      ...job,
      step: failed ? 'started' : 'cleaned',
      stepAt: failed
        ? {
            created: at(0),
            dossier: at(300),
            process: at(600),
            selfie: at(900),
            captured: at(9_000),
            started: at(9_400)
          }
        : {
            created: at(0),
            dossier: at(300),
            process: at(600),
            selfie: at(900),
            captured: at(9_000),
            started: at(9_400),
            final: at(11_000),
            ...(archive ? { archived: at(12_000) } : {}),
            cleaned: at(12_500)
          },
      processId: randomUUID(),
      result: failed ? null : { status: accepted ? 'accepted' : 'rejected', at: at(11_000) },
      archive,
      ended: failed
        ? {
            kind: 'failed',
            at: at(60_000),
            reason: 'result-timeout',
            retryable: true,
            detail: 'still processing after 600 s'
          }
        : { kind: 'completed', at: at(12_500) }
    }
    journal.save(record)
    // The archive's content is not read by anything measured here; its listing is.
    if (archive) writeFileSync(join(dir, 'archive', archive.file), randomBytes(64))
  }
}

/**
 * The system clock, except that the engine's minute sweep is held here instead of scheduled: the
 * benchmark runs it when it wants, and the sweep is over when it schedules the next one.
 */
function sweepClock(intervalMs: number) {
  let held: (() => void) | null = null
  let rescheduled: (() => void) | null = null
  const clock: Clock = {
    now: systemClock.now,
    setTimeout(callback, ms) {
      if (ms !== intervalMs) return systemClock.setTimeout(callback, ms)
      held = callback
      rescheduled?.()
      return { id: 'sweep' }
    },
    clearTimeout(handle) {
      if (handle.id === 'sweep') held = null
      else systemClock.clearTimeout(handle)
    }
  }
  return {
    clock,
    /** Runs one sweep as its timer would; resolves when it is done. */
    async sweep(): Promise<number> {
      const run = held
      if (!run) throw new Error('no sweep is scheduled')
      held = null
      const done = new Promise<void>((resolve) => (rescheduled = resolve))
      const started = performance.now()
      run()
      await done
      return performance.now() - started
    }
  }
}

export function engineIn(dir: string, key: Buffer, clock: Clock = systemClock): VerificationEngine {
  const keys = staticKeyProvider(key)
  return createVerificationEngine({
    client: noAssure,
    journal: journalIn(dir, key),
    captures: createBlobStore(join(dir, 'captures'), keys),
    archive: createBlobStore(join(dir, 'archive'), keys),
    archiveKeys: keys,
    connectivity: manualConnectivity(),
    clock,
    log: createLogger({ sink: () => {} }),
    // Retention long enough to keep the year (a kiosk that must keep results that long).
    options: { ...DEFAULT_ENGINE_OPTIONS, kioskId: 'bench-kiosk', retentionMs: 400 * DAY }
  })
}

function heapAfterGc(gc: () => void): number {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now()
  const value = await work()
  return { ms: performance.now() - started, value }
}

export async function runP7(): Promise<BenchResult> {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('P7 needs node --expose-gc (npm run bench passes it)')
  const emptyDir = await mkdtemp(join(tmpdir(), 'kiosk-p7-empty-'))
  const fullDir = await mkdtemp(join(tmpdir(), 'kiosk-p7-year-'))
  try {
    const key = randomBytes(32)
    await writeFixture(fullDir, JOBS, key)

    // The first start on the fixture reads every file and builds the index; a kiosk does that once.
    const firstStart = await (async () => {
      const first = engineIn(fullDir, key)
      const measured = await timed(() => first.start())
      await first.stop()
      return measured
    })()

    // Measured after the first start, so that whatever it leaves counts on both sides.
    const empty = engineIn(emptyDir, randomBytes(32))
    await empty.start()
    const emptyHeap = heapAfterGc(gc)

    const sweeper = sweepClock(DEFAULT_ENGINE_OPTIONS.sweepIntervalMs)
    const engine = engineIn(fullDir, key, sweeper.clock)
    const startup = await timed(() => engine.start())
    for (const { value } of [firstStart, startup])
      if (value.problems.length > 0) throw new Error(`P7's fixture has unreadable records: ${value.problems.length}`)
    const fullHeap = heapAfterGc(gc)

    const pages: number[] = []
    const filtered: number[] = []
    const lastPages: number[] = []
    for (let run = 0; run < 30; run++) {
      pages.push((await timed(() => engine.listPage({ pageSize: 20 }))).ms)
      filtered.push((await timed(() => engine.listPage({ phase: 'failed', pageSize: 20 }))).ms)
      lastPages.push((await timed(() => engine.listPage({ pageSize: 20, page: 1_000_000 }))).ms)
    }
    const total = engine.listPage({ pageSize: 1 }).total
    if (total !== JOBS) throw new Error(`P7 expected ${JOBS} jobs, the engine holds ${total}`)

    const sweeps: number[] = []
    for (let run = 0; run < 20; run++) sweeps.push(await sweeper.sweep())

    await engine.stop()
    await empty.stop()
    const lower = true as const
    return {
      benchmark: 'P7',
      measurements: [
        {
          name: `P7 start-up to ready, ${JOBS} jobs`,
          value: round(startup.ms),
          unit: 'ms',
          target: { value: 1_000, lower },
          detail: 'engine.start(): journal index and unsettled jobs read, first purge (one run)'
        },
        {
          name: `P7 first start-up, index built from ${JOBS} job files`,
          value: round(firstStart.ms),
          unit: 'ms',
          target: null,
          detail: 'once: after an upgrade, or when the index is lost or damaged'
        },
        {
          name: 'P7 one staff page (newest 20)',
          value: round(median(pages), 2),
          unit: 'ms',
          target: { value: 50, lower },
          detail: 'median of 30'
        },
        {
          name: 'P7 one staff page (failed only)',
          value: round(median(filtered), 2),
          unit: 'ms',
          target: { value: 50, lower },
          detail: 'median of 30'
        },
        {
          name: 'P7 one staff page (the oldest)',
          value: round(median(lastPages), 2),
          unit: 'ms',
          target: { value: 50, lower },
          detail: 'median of 30'
        },
        {
          name: 'P7 the minute sweep',
          value: round(median(sweeps), 2),
          unit: 'ms',
          target: { value: 20, lower },
          detail: 'median of 20, as its timer runs it (the stores are listed at start and hourly)'
        },
        {
          name: 'P7 main heap above an empty kiosk',
          value: round((fullHeap - emptyHeap) / 1024 ** 2),
          unit: 'MB',
          target: { value: 30, lower },
          detail: 'heapUsed after GC, 10k-job engine minus empty engine'
        }
      ],
      notes: [
        `P7: ${JOBS} jobs over 360 days, 78% with an archived result file, 2% failed (read in full at each start). Start-up reads the journal's index (one signed line per settled job) and the files of unsettled jobs.`
      ]
    }
  } finally {
    await rm(emptyDir, { recursive: true, force: true })
    await rm(fullDir, { recursive: true, force: true })
  }
}
