/**
 * Today's numbers for the staff overview, read from the engine's paged queue (newest first), so
 * nothing new is written to count them: visits, results, failures, what waits in the queue. Only
 * today's pages are read, however many jobs the kiosk keeps.
 */
import type { JobView, StaffJobPage, StaffJobQuery, TodayNumbers } from '../../preload/api'
import { localDay } from './desk-state'

const PAGE_SIZE = 50

export function todayNumbers(
  engine: { listPage(query: StaffJobQuery): StaffJobPage },
  now: number,
  sentToStaff: number
): TodayNumbers {
  const day = localDay(now)
  const today: JobView[] = []
  reading: for (let page = 0; ; page++) {
    const shown = engine.listPage({ page, pageSize: PAGE_SIZE })
    for (const job of shown.jobs) {
      const created = Date.parse(job.createdAt)
      if (localDay(created) === day) today.push(job)
      // Newest first: the first job of an earlier day ends today's.
      else if (created < now) break reading
    }
    if (page >= shown.pages - 1) break
  }
  // A retry prepares another job for the same visit: a visit is counted once, by its reference.
  const visits = new Set(today.map((job) => job.visitReference ?? job.jobId))
  const count = (test: (job: JobView) => boolean) => today.filter(test).length
  return {
    visits: visits.size,
    accepted: count((job) => job.result === 'accepted'),
    rejected: count((job) => job.result === 'rejected'),
    inconclusive: count((job) => job.result === 'inconclusive'),
    sentToStaff,
    queued: engine.listPage({ phase: 'queued', pageSize: 1 }).total,
    failed: count((job) => job.phase === 'failed' || job.result === 'failed')
  }
}
