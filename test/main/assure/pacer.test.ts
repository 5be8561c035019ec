import { describe, expect, it } from 'vitest'
import { createPacer } from '../../../main/assure/pacer'
import { ManualClock } from '../../support/manual-clock'

describe('the request pacer', () => {
  it('lets a burst up to the limit through at once, then never more than the limit in any second', async () => {
    const clock = new ManualClock(0)
    const pacer = createPacer({ perSecond: 5, clock })
    const startedAt: number[] = []
    const all = Array.from({ length: 12 }, () => pacer.acquire().then(() => startedAt.push(clock.now())))
    await clock.advance(5_000)
    await Promise.all(all)
    expect(startedAt.slice(0, 5)).toEqual([0, 0, 0, 0, 0])
    for (const at of startedAt)
      expect(startedAt.filter((other) => other > at - 1_000 && other <= at).length).toBeLessThanOrEqual(5)
    expect(startedAt).toHaveLength(12)
  })

  it('holds everybody back after a 429 for the Retry-After', async () => {
    const clock = new ManualClock(0)
    const pacer = createPacer({ perSecond: 100, clock })
    pacer.pauseFor(2_000)
    let started = false
    const waiting = pacer.acquire().then(() => (started = true))
    await clock.advance(1_999)
    expect(started).toBe(false)
    await clock.advance(1)
    await waiting
    expect(started).toBe(true)
  })

  it('gives up waiting when the request is aborted', async () => {
    const clock = new ManualClock(0)
    const pacer = createPacer({ perSecond: 1, clock })
    await pacer.acquire()
    const controller = new AbortController()
    const waiting = pacer.acquire(controller.signal)
    controller.abort(new Error('stop'))
    await expect(waiting).rejects.toThrow('stop')
  })
})
