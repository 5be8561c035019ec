/**
 * Housekeeping of the engine's files: each job's blobs are named after it, prepared jobs nobody
 * captured are cancelled after their time limit, and everything older than the retention period goes
 * (job records, captures, archived results), with any file no job refers to.
 */
import { z } from 'zod'
import type { Clock } from '../lib/clock'
import type { Logger } from '../log/logger'
import type { BlobStore } from '../storage/blob-store'
import { isAwaitingCapture, reached, type JobRecord } from './job'
import type { JobBook } from './job-book'
import type { JobJournal } from './journal'

const BLOB_SUFFIXES = { capture: 'capture', reference: 'reference', result: 'result.zip' } as const

/** The job's capture, its reference photo (until Set images), its archived full result. */
export type BlobKind = keyof typeof BLOB_SUFFIXES

/** `<jobId>.<kind>`: every blob of a job starts with the job's id and a dot. */
export function blobName(jobId: string, kind: BlobKind): string {
  return `${jobId}.${BLOB_SUFFIXES[kind]}`
}

const JobId = z.uuid()

/**
 * The job a file in the blob stores belongs to, or null for one that is not a job's. Reads the id up
 * to the first dot, so a job's leftovers (a download's `.part`, a write's temporary file) count as its too.
 */
export function jobIdOfBlob(name: string): string | null {
  const parsed = JobId.safeParse(name.split('.', 1)[0])
  return parsed.success ? parsed.data : null
}

/** A file no job refers to is left alone this long: its job's record may still be on its way. */
const ORPHAN_GRACE_MS = 60 * 60_000

/**
 * The files in the capture store a job still needs: its capture while the record names one, and its
 * reference photo until Set images has sent it. Anything else of the job there (a capture written
 * but never recorded, a write's temporary file) is personal data nobody will read again.
 */
export function neededFiles(job: JobRecord): Set<string> {
  const needed = new Set<string>()
  if (job.capture) needed.add(job.capture.blob)
  if (!job.ended && !reached(job, 'captured') && job.stepAt.selfie === undefined)
    needed.add(blobName(job.jobId, 'reference'))
  return needed
}

/**
 * Deletes every file of the job in the capture store except `keep`: the capture, the reference photo,
 * and the leftovers of a write a kill cut short, whatever the record says (it may never have named them).
 */
export function releaseFiles(captures: BlobStore, jobId: string, keep: ReadonlySet<string> = new Set()): number {
  let removed = 0
  for (const { name } of captures.list()) {
    if (jobIdOfBlob(name) !== jobId || keep.has(name)) continue
    captures.remove(name)
    removed++
  }
  return removed
}

export interface Housekeeping {
  /** Cancels expired prepared jobs, then purges what is past retention. */
  sweep(): Promise<void>
  /**
   * Deletes everything older than the retention period, and (unless `scanFiles` is false) files no
   * job needs; returns how many jobs went.
   */
  purgeExpired(scanFiles?: boolean): Promise<number>
}

export function createHousekeeping(deps: {
  book: JobBook
  captures: BlobStore
  archive: BlobStore
  clock: Clock
  log: Logger
  options: { preparedTtlMs: number; retentionMs: number }
  /** Records moved aside as unreadable are kept for staff as long as any record, then purged. */
  journal: Pick<JobJournal, 'purgeQuarantine'>
  /** Ends a job (engine.ts), which its runner then cleans up. */
  end(
    jobId: string,
    kind: 'failed' | 'cancelled',
    extra: { reason?: 'expired'; retryable?: boolean; detail: string }
  ): JobRecord
  schedule(jobId: string): void
  /** A job still being worked on is purged on a later sweep. */
  busy(jobId: string): boolean
}): Housekeeping {
  const { book, clock, log, options } = deps

  async function sweep(): Promise<void> {
    const at = clock.now()
    for (const job of book.all()) {
      if (isAwaitingCapture(job) && at - job.createdAt > options.preparedTtlMs) {
        log.info('prepared job expired without a capture', { jobId: job.jobId })
        deps.end(job.jobId, 'cancelled', { detail: 'no capture within the time limit' })
        deps.schedule(job.jobId)
      }
    }
    // The stores' listing costs a stat per file (a year of archived results is thousands): it runs
    // at start and then once per grace period, which is as often as an orphan can become due.
    await purgeExpired(at - lastFileScan >= ORPHAN_GRACE_MS)
  }

  let lastFileScan = Number.NEGATIVE_INFINITY

  async function purgeExpired(scanFiles = true): Promise<number> {
    const at = clock.now()
    let purged = 0
    for (const job of book.all()) {
      if (at - job.createdAt <= options.retentionMs) continue
      if (!job.ended) {
        deps.end(job.jobId, 'failed', {
          reason: 'expired',
          retryable: false,
          detail: 'kept longer than the retention period'
        })
      }
      if (deps.busy(job.jobId)) continue
      for (const kind of ['capture', 'reference'] as const) deps.captures.remove(blobName(job.jobId, kind))
      deps.archive.remove(blobName(job.jobId, 'result'))
      book.forget(job.jobId)
      purged++
    }
    if (purged) log.info('purged expired jobs', { purged })
    if (scanFiles) scanStores(at)
    return purged
  }

  /**
   * Files no record points at (a kill between writing a blob and its record) go as well: a known
   * job's at once when it has ended (nothing of it is written any more), otherwise after a grace; and
   * records moved aside as unreadable once past retention.
   */
  function scanStores(at: number): void {
    lastFileScan = at
    for (const store of [deps.captures, deps.archive]) {
      for (const { name, modifiedAt } of store.list()) {
        const jobId = jobIdOfBlob(name)
        const job = jobId === null ? undefined : book.get(jobId)
        if (!job) {
          if (at - modifiedAt > ORPHAN_GRACE_MS) store.remove(name)
          continue
        }
        const needed = store === deps.captures ? neededFiles(job) : new Set(job.archive ? [job.archive.file] : [])
        if (needed.has(name)) continue
        const settled = job.ended !== null || job.step === 'cleaned'
        if ((settled && !deps.busy(job.jobId)) || at - modifiedAt > ORPHAN_GRACE_MS) store.remove(name)
      }
    }
    const quarantined = deps.journal.purgeQuarantine(at - options.retentionMs)
    if (quarantined) log.info('purged unreadable job records past retention', { quarantined })
  }

  return { sweep, purgeExpired }
}
