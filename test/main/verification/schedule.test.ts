/**
 * The outbox's wait before a retry: capped exponential backoff with equal jitter, Retry-After as a
 * floor. Pure arithmetic, so the random source is a fixed number and every bound is exact.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_OUTBOX_BACKOFF, outboxDelay, pollDelay } from '../../../main/verification/schedule'

const backoff = { baseDelayMs: 2_000, maxDelayMs: 60_000 }
const lowest = (): number => 0
const highest = (): number => 0.999_999

describe('outbox backoff', () => {
  it('doubles with every attempt: the lowest wait is half the step, the highest just under the whole step', () => {
    const steps = [2_000, 4_000, 8_000, 16_000, 32_000]
    steps.forEach((step, index) => {
      const attempt = index + 1
      expect(outboxDelay(backoff, attempt, lowest)).toBe(step / 2)
      expect(outboxDelay(backoff, attempt, highest)).toBeCloseTo(step, -1)
      expect(outboxDelay(backoff, attempt, highest)).toBeLessThan(step)
    })
  })

  it('stops growing at the cap, however many attempts there were', () => {
    for (const attempt of [6, 7, 20, 1_000]) {
      expect(outboxDelay(backoff, attempt, lowest)).toBe(30_000)
      expect(outboxDelay(backoff, attempt, highest)).toBeLessThanOrEqual(60_000)
      expect(outboxDelay(backoff, attempt, highest)).toBeGreaterThan(59_000)
    }
  })

  it('treats attempt 0 (or less) like the first, never waiting less than half the base delay', () => {
    expect(outboxDelay(backoff, 0, lowest)).toBe(1_000)
    expect(outboxDelay(backoff, -3, lowest)).toBe(1_000)
  })

  it('spreads a queue of retries over the upper half of the step, so they do not come in lockstep', () => {
    let seed = 7
    const random = (): number => {
      // A small deterministic generator: the same spread every run.
      seed = (seed * 16_807) % 2_147_483_647
      return (seed - 1) / 2_147_483_646
    }
    const delays = Array.from({ length: 200 }, () => outboxDelay(backoff, 3, random))
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(4_000)
    expect(Math.max(...delays)).toBeLessThanOrEqual(8_000)
    expect(new Set(delays.map((delay) => Math.floor(delay / 500))).size).toBeGreaterThanOrEqual(7)
  })

  it("waits at least the server's Retry-After, even above the cap, and ignores one shorter than the backoff", () => {
    expect(outboxDelay(backoff, 1, lowest, 5_000)).toBe(5_000)
    expect(outboxDelay(backoff, 20, highest, 120_000)).toBe(120_000)
    expect(outboxDelay(backoff, 4, lowest, 3_000)).toBe(8_000)
    expect(outboxDelay(backoff, 4, lowest, 0)).toBe(8_000)
  })

  it('defaults to 2 s growing to 60 s, as the README tells staff', () => {
    expect(DEFAULT_OUTBOX_BACKOFF).toEqual({ baseDelayMs: 2_000, maxDelayMs: 60_000 })
  })
})

describe('result polling schedule', () => {
  it('follows the intervals and then repeats the last one', () => {
    const schedule = { intervalsMs: [150, 300, 5_000] }
    expect([0, 1, 2, 3, 50].map((index) => pollDelay(schedule, index))).toEqual([150, 300, 5_000, 5_000, 5_000])
  })
})
