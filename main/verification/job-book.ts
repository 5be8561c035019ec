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
  const current = (jobId: string): JobRecord => {
    const job = jobs.get(jobId)
    if (!job) throw deps.missing()
    return job
  }
  return {
    get: (jobId) => jobs.get(jobId),
    current,
    all: () => [...jobs.values()],
    get size() {
      return jobs.size
    },
    adopt(job) {
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
      jobs.delete(jobId)
      deps.forgotten?.(jobId)
    }
  }
}
