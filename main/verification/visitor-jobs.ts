/**
 * Which jobs belong to the visitor at the screen: those the renderer prepared in this visit. Only
 * these are pushed to the renderer and may be read, captured into or cancelled through the bridge, so
 * a compromised renderer does not learn the ids of earlier visitors' jobs (still finishing in the
 * outbox, say) and cannot act on them. Staff, behind the PIN, see every job in their queue.
 *
 * A new preparation is a new visit, or a new attempt in this one: jobs captured before it belong to an
 * earlier attempt or visitor and are let go. A few uncaptured ones are kept, so the journey can cancel a
 * preparation it started and no longer needs.
 */
import type { JobPhase } from '../../preload/api'

const KEPT_UNCAPTURED = 3

export interface VisitorJobs {
  /** A job the renderer prepared; earlier captured ones are let go. */
  prepared(jobId: string): void
  owns(jobId: string): boolean
}

export function createVisitorJobs(phaseOf: (jobId: string) => JobPhase | null): VisitorJobs {
  let owned: string[] = []
  return {
    prepared(jobId) {
      owned = owned.filter((id) => {
        const phase = phaseOf(id)
        return phase === 'preparing' || phase === 'ready'
      })
      owned = [...owned.slice(-(KEPT_UNCAPTURED - 1)), jobId]
    },
    owns: (jobId) => owned.includes(jobId)
  }
}
