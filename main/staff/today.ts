/**
 * Today's numbers for the staff overview, read from the job journal's views (the engine's
 * `listDetailed()`), so nothing new is written to count them: visits, results, failures, what waits in the queue.
 */
import type { JobView, TodayNumbers } from '../../preload/api'
import { localDay } from './desk-state'

export function todayNumbers(jobs: readonly JobView[], now: number, sentToStaff: number): TodayNumbers {
  const day = localDay(now)
  const today = jobs.filter((job) => localDay(Date.parse(job.createdAt)) === day)
  // A retry prepares another job for the same visit: a visit is counted once, by its reference.
  const visits = new Set(today.map((job) => job.visitReference ?? job.jobId))
  const count = (test: (job: JobView) => boolean) => today.filter(test).length
  return {
    visits: visits.size,
    accepted: count((job) => job.result === 'accepted'),
    rejected: count((job) => job.result === 'rejected'),
    inconclusive: count((job) => job.result === 'inconclusive'),
    sentToStaff,
    queued: jobs.filter((job) => job.phase === 'queued').length,
    failed: count((job) => job.phase === 'failed' || job.result === 'failed')
  }
}
