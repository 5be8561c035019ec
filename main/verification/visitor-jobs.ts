/**
 * Which jobs belong to the visitor at the screen: those the renderer prepared in this visit. Only
 * these are pushed to the renderer and may be read, captured into or cancelled through the bridge, so
 * a compromised renderer does not learn the ids of earlier visitors' jobs (still finishing in the
 * outbox, say) and cannot act on them. Staff, behind the PIN, see every job in their queue.
 *
 * A new preparation is a new visit, or a new attempt in this one: jobs captured before it belong to an
 * earlier attempt or visitor and are let go. A few uncaptured ones are kept, so the journey can cancel a
 * preparation it started and no longer needs.
 *
 * A retry is the same visit: the renderer names the visit's reference, and main takes it only from a
 * visit whose job the renderer holds. Otherwise a compromised renderer could claim an earlier visitor's
 * reference, and with it the staff photo bound to that visit. Main cannot tell a retry from a new
 * visitor before the next prepare (a retry follows a cancel), so until then the last visit's reference
 * is still taken; the staff photo's own hold time bounds that.
 */
import type { JobPhase } from '../../preload/api'

const KEPT_UNCAPTURED = 3

export interface VisitorJobs {
  /**
   * The renderer asks for a new job (a new visit, or a new attempt in this one): jobs it captured into
   * before are let go. Done when asked, not when the job is made, so a preparation answered late (an
   * earlier visit's) cannot let go of the jobs of the visit at the screen.
   */
  preparing(): void
  /** The job that preparation made. */
  prepared(jobId: string): void
  owns(jobId: string): boolean
  /** Whether one of the jobs the renderer holds belongs to this visit. */
  ownsVisit(visitReference: string): boolean
}

/** What the visitor's jobs are known by: their phase and their visit (null: the engine no longer has it). */
export type JobOf = (jobId: string) => { phase: JobPhase; visitReference: string | null } | null

export function createVisitorJobs(jobOf: JobOf): VisitorJobs {
  let owned: string[] = []
  return {
    preparing() {
      owned = owned.filter((id) => {
        const phase = jobOf(id)?.phase
        return phase === 'preparing' || phase === 'ready'
      })
    },
    prepared(jobId) {
      owned = [...owned.slice(-(KEPT_UNCAPTURED - 1)), jobId]
    },
    owns: (jobId) => owned.includes(jobId),
    ownsVisit: (visitReference) => owned.some((id) => jobOf(id)?.visitReference === visitReference)
  }
}
