/** How long to wait: between result polls, and before an outbox retry. */

export interface PollSchedule {
  /** Waits before the 1st, 2nd, ... poll; the last value repeats. Fast first: most results come quickly. */
  intervalsMs: readonly number[]
}

export const DEFAULT_POLL_SCHEDULE: PollSchedule = {
  intervalsMs: [150, 200, 250, 300, 400, 500, 750, 1_000, 1_500, 2_000, 3_000, 5_000]
}

export function pollDelay(schedule: PollSchedule, pollIndex: number): number {
  const { intervalsMs } = schedule
  return intervalsMs[Math.min(pollIndex, intervalsMs.length - 1)] ?? 1_000
}

export interface OutboxBackoff {
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_OUTBOX_BACKOFF: OutboxBackoff = { baseDelayMs: 2_000, maxDelayMs: 60_000 }

/**
 * Capped exponential backoff with "equal jitter": at least half the capped delay, so a queue of jobs
 * never hammers Assure, and a random other half, so the queue does not retry in lockstep. A server's
 * Retry-After is a floor.
 */
export function outboxDelay(
  backoff: OutboxBackoff,
  attempt: number,
  random: () => number,
  retryAfterMs?: number
): number {
  const capped = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** Math.max(0, attempt - 1))
  const jittered = capped / 2 + random() * (capped / 2)
  return Math.max(jittered, retryAfterMs ?? 0)
}

/**
 * Asking again for a full result Assure says is not ready yet (Download full result answers 204): its
 * own schedule, not the outbox's (nothing failed), within a limit after which staff see the job.
 */
export interface FullResultSchedule {
  /** Waits before the 2nd, 3rd, ... try; the last value repeats. */
  intervalsMs: readonly number[]
  /** From the first 204: past this the kiosk stops asking and notes it beside the job's result (never a failure). */
  deadlineMs: number
}

export const DEFAULT_FULL_RESULT_SCHEDULE: FullResultSchedule = {
  intervalsMs: [1_000, 2_000, 5_000, 10_000, 30_000, 60_000],
  deadlineMs: 30 * 60_000
}
