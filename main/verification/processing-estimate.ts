/**
 * How long Assure takes to reach a result, learned from the jobs so far, so the first poll goes out
 * about when the result is due: fewer round trips, and the person waits less than with a fixed fast
 * schedule. Each result gives a sample between the last poll that saw `processing` and the first that
 * saw the result; when the first poll already saw it (no lower bound), the sample is taken a little
 * lower, so the estimate creeps down until a poll comes too early — and follows Assure when it gets faster.
 */

export interface ProcessingEstimate {
  /** The Start verification request was sent at `sentAt` and answered at `answeredAt`. */
  started(jobId: string, sentAt: number, answeredAt: number): void
  /** A poll sent at `sentAt` saw a final status (`final`) or not. */
  polled(jobId: string, sentAt: number, final: boolean): void
  /** How long after the start's answer the first poll should go out. */
  firstPollDelay(jobId: string, fallbackMs: number): number
  /** The current estimate of Assure's processing time, for benchmarks and diagnostics. */
  current(): number | null
}

const WEIGHT = 0.3
/** Taken from the upper bound when no poll came too early: an estimate that errs early by 20 %. */
const PROBE_DOWN = 0.8

export function createProcessingEstimate(
  options: { minFirstPollMs?: number; maxFirstPollMs?: number } = {}
): ProcessingEstimate {
  const minFirst = options.minFirstPollMs ?? 50
  const maxFirst = options.maxFirstPollMs ?? 10_000
  let estimate: number | null = null
  const jobs = new Map<string, { sentAt: number; roundTrip: number; lastEarly: number | null }>()

  return {
    started(jobId, sentAt, answeredAt) {
      jobs.set(jobId, { sentAt, roundTrip: Math.max(0, answeredAt - sentAt), lastEarly: null })
    },
    polled(jobId, sentAt, final) {
      const job = jobs.get(jobId)
      if (!job) return
      if (!final) {
        job.lastEarly = sentAt
        return
      }
      jobs.delete(jobId)
      const upper = sentAt - job.sentAt
      const sample = job.lastEarly === null ? upper * PROBE_DOWN : (job.lastEarly - job.sentAt + upper) / 2
      estimate = estimate === null ? sample : estimate + WEIGHT * (sample - estimate)
    },
    firstPollDelay(jobId, fallbackMs) {
      const job = jobs.get(jobId)
      if (estimate === null || !job) return fallbackMs
      // The poll itself takes a one-way trip to arrive: send it that much before the result is due.
      return Math.min(maxFirst, Math.max(minFirst, estimate - job.roundTrip))
    },
    current: () => estimate
  }
}
