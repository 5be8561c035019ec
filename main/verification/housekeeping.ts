/**
 * Housekeeping of the engine's files: each job's blobs are named after it, prepared jobs nobody
 * captured are cancelled after their time limit, and everything older than the retention period goes
 * (job records, captures, archived results), with any file no job refers to.
 */
import { z } from 'zod'
import type { Clock } from '../lib/clock'
import type { Logger } from '../log/logger'
import type { BlobStore } from '../storage/blob-store'
import { isAwaitingCapture, type JobRecord } from './job'
import type { JobBook } from './job-book'

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

export interface Housekeeping {
  /** Cancels expired prepared jobs, then purges what is past retention. */
  sweep(): Promise<void>
  /** Deletes everything older than the retention period; returns how many jobs went. */
  purgeExpired(): Promise<number>
}

export function createHousekeeping(deps: {
  book: JobBook
  captures: BlobStore
  archive: BlobStore
  clock: Clock
  log: Logger
  options: { preparedTtlMs: number; retentionMs: number }
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
    await purgeExpired()
  }

  async function purgeExpired(): Promise<number> {
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
    // Files no record points at (a kill between writing a blob and its record) go as well.
    for (const store of [deps.captures, deps.archive]) {
      for (const { name, modifiedAt } of store.list()) {
        const jobId = jobIdOfBlob(name)
        const known = jobId !== null && book.get(jobId) !== undefined
        if (!known && at - modifiedAt > ORPHAN_GRACE_MS) store.remove(name)
      }
    }
    if (purged) log.info('purged expired jobs', { purged })
    return purged
  }

  return { sweep, purgeExpired }
}
