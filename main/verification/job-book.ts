/**
 * The jobs the engine knows, in memory, and the one place their records are written: every change to
 * a job goes through `write`, which saves it to the journal before anyone sees it. The engine's writes
 * around each Assure call (in flight before, the new step after) are what a restart resumes from.
 */
import type { Clock } from '../lib/clock'
import type { JobRecord, Step } from './job'
import type { JobJournal } from './journal'

export interface JobBook {
  get(jobId: string): JobRecord | undefined
  /** The job's latest record; throws `missing()` when there is no such job. */
  current(jobId: string): JobRecord
  all(): JobRecord[]
  /** The jobs from the newest to the oldest (by creation), from the book's index: nothing is sorted. */
  newestFirst(): Iterable<JobRecord>
  readonly size: number
  /** Takes a record as it is on disk (loaded at start), without writing it. */
  adopt(job: JobRecord): void
  /**
   * Writes a change to the job's latest record (never to a snapshot taken before an await): to the
   * journal first, then memory, then whoever watches. A new step is stamped in `stepAt`.
   */
  write(jobId: string, changes: Partial<JobRecord>, step?: Step): JobRecord
  /** Deletes the job's record, on disk and in memory (retention). */
  forget(jobId: string): void
}

export function createJobBook(deps: {
  journal: JobJournal
  clock: Clock
  /** The error `current` throws for an unknown job. */
  missing: () => Error
  /** Told of every record written, after it is on disk. */
  written?: (job: JobRecord) => void
  /** Told of every record taken as it is (loaded at start, or new before its first write). */
  adopted?: (job: JobRecord) => void
  /** Told when retention forgets a job. */
  forgotten?: (jobId: string) => void
}): JobBook {
  const jobs = new Map<string, JobRecord>()
  /**
   * The job ids by creation, oldest first: a new job goes at the end (it is the newest), so staff's
   * pages are read off it without sorting the whole queue for every page.
   */
  const byCreation: Array<{ jobId: string; createdAt: number }> = []
  /** The first position whose job was created at or after `createdAt`. */
  const positionOf = (createdAt: number): number => {
    let low = 0
    let high = byCreation.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((byCreation[middle]?.createdAt ?? 0) < createdAt) low = middle + 1
      else high = middle
    }
    return low
  }
  const index = (job: JobRecord): void => {
    const last = byCreation.at(-1)
    const entry = { jobId: job.jobId, createdAt: job.createdAt }
    if (!last || last.createdAt <= job.createdAt) byCreation.push(entry)
    else byCreation.splice(positionOf(job.createdAt + 1), 0, entry)
  }
  const unindex = (job: JobRecord): void => {
    for (let at = positionOf(job.createdAt); at < byCreation.length; at++) {
      if (byCreation[at]?.jobId !== job.jobId) continue
      byCreation.splice(at, 1)
      return
    }
  }
  const current = (jobId: string): JobRecord => {
    const job = jobs.get(jobId)
    if (!job) throw deps.missing()
    return job
  }
  return {
    get: (jobId) => jobs.get(jobId),
    current,
    all: () => [...jobs.values()],
    *newestFirst() {
      for (let at = byCreation.length - 1; at >= 0; at--) {
        const job = jobs.get(byCreation[at]?.jobId ?? '')
        if (job) yield job
      }
    },
    get size() {
      return jobs.size
    },
    adopt(job) {
      const known = jobs.get(job.jobId)
      if (known) unindex(known)
      index(job)
      jobs.set(job.jobId, job)
      deps.adopted?.(job)
    },
    write(jobId, changes, step) {
      const job = current(jobId)
      const at = deps.clock.now()
      const next: JobRecord = { ...job, ...changes, updatedAt: at }
      if (step && step !== job.step) {
        next.step = step
        next.stepAt = { ...next.stepAt, [step]: at }
      }
      deps.journal.save(next)
      jobs.set(next.jobId, next)
      deps.written?.(next)
      return next
    },
    forget(jobId) {
      deps.journal.remove(jobId)
      const known = jobs.get(jobId)
      if (known) unindex(known)
      jobs.delete(jobId)
      deps.forgotten?.(jobId)
    }
  }
}
