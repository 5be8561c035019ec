import { describe, expect, it } from 'vitest'
import type { JobPhase } from '../../../preload/api'
import { createVisitorJobs } from '../../../main/verification/visitor-jobs'

/** Jobs as the engine would describe them: id → phase and visit. */
function jobsOf(): {
  jobs: Map<string, { phase: JobPhase; visitReference: string }>
  visitor: ReturnType<typeof createVisitorJobs>
} {
  const jobs = new Map<string, { phase: JobPhase; visitReference: string }>()
  return { jobs, visitor: createVisitorJobs((jobId) => jobs.get(jobId) ?? null) }
}

describe('the visitor’s jobs', () => {
  it('let go of jobs captured into once the renderer prepares again, keeping uncaptured ones it may still cancel', () => {
    const { jobs, visitor } = jobsOf()
    visitor.preparing()
    jobs.set('a1', { phase: 'ready', visitReference: 'AAAAAA' })
    visitor.prepared('a1')
    jobs.set('a1', { phase: 'queued', visitReference: 'AAAAAA' })
    visitor.preparing()
    jobs.set('b1', { phase: 'ready', visitReference: 'CCCCCC' })
    visitor.prepared('b1')
    expect(visitor.owns('a1')).toBe(false)
    expect(visitor.ownsVisit('AAAAAA')).toBe(false)
    expect(visitor.owns('b1')).toBe(true)
    visitor.preparing()
    expect(visitor.owns('b1')).toBe(true)
  })

  it('keep the visit at the screen when an earlier visit’s preparation is answered late', () => {
    const { jobs, visitor } = jobsOf()
    // Visitor A's preparation goes out and is slow to answer; A walks away.
    visitor.preparing()
    // Visitor B prepares, fails the face check, and the journey cancels that job before retrying.
    visitor.preparing()
    jobs.set('b1', { phase: 'cancelled', visitReference: 'CCCCCC' })
    visitor.prepared('b1')
    // Now A's answer arrives (the journey will cancel it): it must not let go of B's visit.
    jobs.set('a1', { phase: 'ready', visitReference: 'AAAAAA' })
    visitor.prepared('a1')
    expect(visitor.ownsVisit('CCCCCC')).toBe(true)
  })
})
