import { describe, expect, it } from 'vitest'
import { createProcessingEstimate } from '../../../main/verification/processing-estimate'

/** One job: started at 0 (answered after `rtt`), polled at the given times; the result was ready at `ready`. */
function job(
  estimate: ReturnType<typeof createProcessingEstimate>,
  id: string,
  ready: number,
  rtt: number,
  fallback = 150
): number[] {
  estimate.started(id, 0, rtt)
  const sent: number[] = []
  let at = rtt + estimate.firstPollDelay(id, fallback)
  for (;;) {
    sent.push(at)
    const final = at >= ready
    estimate.polled(id, at, final)
    if (final) return sent
    at += fallback
  }
}

describe('the learned processing time', () => {
  it('uses the fixed schedule until a result has been seen', () => {
    const estimate = createProcessingEstimate()
    expect(estimate.current()).toBeNull()
    expect(job(estimate, 'a', 500, 50)).toEqual([200, 350, 500])
    expect(estimate.current()).toBeCloseTo(425)
  })

  it('then sends the first poll about when the result is due: one poll per job instead of several', () => {
    const estimate = createProcessingEstimate()
    const polls = Array.from({ length: 20 }, (_, index) => job(estimate, `j${index}`, 500, 50).length)
    expect(polls.slice(-10).every((count) => count <= 2)).toBe(true)
    expect(polls.slice(-10).filter((count) => count === 1).length).toBeGreaterThanOrEqual(5)
    expect(estimate.current()).toBeGreaterThan(400)
    expect(estimate.current()).toBeLessThan(560)
  })

  it('follows Assure when it gets faster, and when it gets slower', () => {
    const estimate = createProcessingEstimate()
    for (let index = 0; index < 20; index++) job(estimate, `slow${index}`, 2_000, 50)
    expect(estimate.current()).toBeGreaterThan(1_600)
    for (let index = 0; index < 40; index++) job(estimate, `fast${index}`, 300, 50)
    expect(estimate.current()).toBeLessThan(500)
    for (let index = 0; index < 40; index++) job(estimate, `slower${index}`, 1_000, 50)
    expect(estimate.current()).toBeGreaterThan(800)
  })

  it('keeps the first poll within bounds', () => {
    const estimate = createProcessingEstimate({ minFirstPollMs: 50, maxFirstPollMs: 3_000 })
    job(estimate, 'x', 100_000, 10, 150)
    estimate.started('y', 0, 10)
    expect(estimate.firstPollDelay('y', 150)).toBe(3_000)
    expect(estimate.firstPollDelay('unknown', 150)).toBe(150)
  })
})
