/** The idle reset's timing, on a clock the test moves: no test here waits for real time to pass. */
import { describe, expect, it } from 'vitest'
import { createIdleTimer } from '../../../renderer/src/journey/idle-timer'
import { createManualClock } from '../support/manual-clock'

function setup(idleMs = 60_000, countdownMs = 10_000) {
  const clock = createManualClock()
  const shown: Array<number | null> = []
  let expired = 0
  const timer = createIdleTimer({
    idleMs,
    countdownMs,
    clock,
    onCountdown: (secondsLeft) => shown.push(secondsLeft),
    onExpire: () => expired++
  })
  return { clock, timer, shown, expired: () => expired }
}

describe('the idle timer', () => {
  it('is quiet for the idle time, counts the seconds down, then expires once', () => {
    const k = setup()
    k.timer.restart()
    k.clock.advance(59_999)
    expect(k.shown.filter((value) => value !== null)).toEqual([])
    k.clock.advance(1)
    expect(k.shown.at(-1)).toBe(10)
    k.clock.advance(9_000)
    expect(k.shown.filter((value) => value !== null)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])
    expect(k.expired()).toBe(0)
    k.clock.advance(1_000)
    expect(k.expired()).toBe(1)
    expect(k.shown.at(-1)).toBeNull()
    k.clock.advance(600_000)
    expect(k.expired()).toBe(1)
    expect(k.clock.pending).toBe(0)
  })

  it('starts the quiet period again on any sign of life, and hides a countdown under way', () => {
    const k = setup()
    k.timer.restart()
    k.clock.advance(65_000)
    expect(k.shown.at(-1)).toBe(5)
    k.timer.restart()
    expect(k.shown.at(-1)).toBeNull()
    k.clock.advance(59_000)
    expect(k.shown.at(-1)).toBeNull()
    k.clock.advance(1_000)
    expect(k.shown.at(-1)).toBe(10)
    k.clock.advance(10_000)
    expect(k.expired()).toBe(1)
  })

  it('keeps to the clock when its timers run late (a busy page)', () => {
    const k = setup(1_000, 5_000)
    k.timer.restart()
    k.clock.advance(1_000)
    expect(k.shown.at(-1)).toBe(5)
    // The next tick comes 3.6 s late: it shows the seconds really left, and the end does not move.
    k.clock.stall(3_600)
    k.clock.advance(0)
    expect(k.shown.at(-1)).toBe(2)
    k.clock.advance(1_399)
    expect(k.expired()).toBe(0)
    // Due 6 s after the quiet period ended; the countdown looks at the clock every 250 ms.
    k.clock.advance(251)
    expect(k.expired()).toBe(1)
  })

  it('does nothing once stopped', () => {
    const k = setup()
    k.timer.restart()
    k.clock.advance(62_000)
    k.timer.stop()
    expect(k.shown.at(-1)).toBeNull()
    k.clock.advance(600_000)
    expect(k.expired()).toBe(0)
    expect(k.clock.pending).toBe(0)
  })
})
