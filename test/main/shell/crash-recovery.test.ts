/**
 * Crash recovery on a stand-in webContents and a manual clock: reload within the budget, relaunch
 * past it, ignore clean exits, and give a hung page a grace period before restarting its renderer.
 */
import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { createCrashBudget, installCrashRecovery, type RecoveryTarget } from '../../../main/shell/crash-recovery'
import { createLogger } from '../../../main/log/logger'
import { memorySink } from '../../support/log'
import { ManualClock } from '../../support/manual-clock'

const MINUTE = 60_000

class FakeContents extends EventEmitter implements RecoveryTarget {
  readonly forcefullyCrashRenderer = vi.fn()
  crash(reason = 'crashed', exitCode = 139): void {
    this.emit('render-process-gone', {}, { reason, exitCode })
  }
}

function recovering(options: { graceMs?: number } = {}) {
  const clock = new ManualClock()
  const contents = new FakeContents()
  const actions = { reload: vi.fn(), relaunch: vi.fn() }
  const sink = memorySink()
  installCrashRecovery(contents, {
    budget: createCrashBudget({ max: 3, windowMs: 10 * MINUTE, clock }),
    actions,
    clock,
    log: createLogger({ sink }),
    unresponsiveGraceMs: options.graceMs ?? 15_000
  })
  return { clock, contents, actions, records: sink.records }
}

describe('the crash budget', () => {
  it('allows max recoveries in any sliding window, and more once old ones age out', async () => {
    const clock = new ManualClock()
    const budget = createCrashBudget({ max: 3, windowMs: 10 * MINUTE, clock })
    expect([budget.spend(), budget.spend(), budget.spend(), budget.spend()]).toEqual([true, true, true, false])
    await clock.advance(10 * MINUTE - 1)
    expect(budget.spend()).toBe(false)
    await clock.advance(1)
    expect([budget.spend(), budget.spend(), budget.spend(), budget.spend()]).toEqual([true, true, true, false])
  })
})

describe('renderer crashes', () => {
  it('reloads the start page after a crash, on the next tick rather than inside Electron’s handler', async () => {
    const { clock, contents, actions } = recovering()
    contents.crash('crashed')
    expect(actions.reload).not.toHaveBeenCalled()
    await clock.advance(0)
    expect(actions.reload).toHaveBeenCalledTimes(1)
    expect(actions.relaunch).not.toHaveBeenCalled()
  })

  it.each(['crashed', 'killed', 'oom', 'launch-failed', 'integrity-failure', 'abnormal-exit'])(
    'treats “%s” as a crash',
    async (reason) => {
      const { clock, contents, actions } = recovering()
      contents.crash(reason, 1)
      await clock.advance(0)
      expect(actions.reload).toHaveBeenCalledTimes(1)
    }
  )

  it('ignores a clean exit', async () => {
    const { clock, contents, actions, records } = recovering()
    contents.crash('clean-exit', 0)
    await clock.advance(MINUTE)
    expect(actions.reload).not.toHaveBeenCalled()
    expect(actions.relaunch).not.toHaveBeenCalled()
    expect(records).toEqual([])
  })

  it('reloads within the budget (3 in 10 minutes) and relaunches the app on the 4th, once', async () => {
    const { clock, contents, actions, records } = recovering()
    for (let i = 0; i < 3; i++) {
      contents.crash()
      await clock.advance(MINUTE)
    }
    expect(actions.reload).toHaveBeenCalledTimes(3)
    expect(actions.relaunch).not.toHaveBeenCalled()

    contents.crash()
    await clock.advance(0)
    expect(actions.reload).toHaveBeenCalledTimes(3)
    expect(actions.relaunch).toHaveBeenCalledTimes(1)

    // The app is going down: later reports change nothing.
    contents.crash()
    contents.emit('unresponsive')
    await clock.advance(MINUTE)
    expect(actions.relaunch).toHaveBeenCalledTimes(1)
    expect(actions.reload).toHaveBeenCalledTimes(3)
    expect(records.filter((record) => record.level === 'error').map((record) => record.message)).toEqual([
      'too many renderer failures; relaunching the app'
    ])
  })

  it('never relaunches when crashes are spread out (one every 4 minutes for an hour)', async () => {
    const { clock, contents, actions } = recovering()
    for (let i = 0; i < 15; i++) {
      contents.crash()
      await clock.advance(4 * MINUTE)
    }
    expect(actions.reload).toHaveBeenCalledTimes(15)
    expect(actions.relaunch).not.toHaveBeenCalled()
  })
})

describe('an unresponsive page', () => {
  it('is left alone during the grace period and forgiven when it responds again', async () => {
    const { clock, contents, actions } = recovering({ graceMs: 15_000 })
    contents.emit('unresponsive')
    await clock.advance(14_999)
    contents.emit('responsive')
    await clock.advance(MINUTE)
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled()
    expect(actions.reload).not.toHaveBeenCalled()
    expect(clock.pendingTimers).toBe(0)
  })

  it('gets a fresh renderer after the grace period: the hung one is ended, then the page loads again', async () => {
    const { clock, contents, actions } = recovering({ graceMs: 15_000 })
    contents.emit('unresponsive')
    // Electron may repeat the event while the page stays hung: still one timer.
    contents.emit('unresponsive')
    await clock.advance(15_000)
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1)
    expect(actions.reload).toHaveBeenCalledTimes(1)
    expect(contents.forcefullyCrashRenderer.mock.invocationCallOrder[0]).toBeLessThan(
      actions.reload.mock.invocationCallOrder[0] ?? 0
    )
  })

  it('does not count its own kill as another crash', async () => {
    const { clock, contents, actions } = recovering({ graceMs: 15_000 })
    contents.emit('unresponsive')
    await clock.advance(15_000)
    contents.crash('killed', 9)
    await clock.advance(0)
    expect(actions.reload).toHaveBeenCalledTimes(1)
    // One recovery spent, two left: two real crashes reload, the third relaunches.
    contents.crash()
    contents.crash()
    await clock.advance(0)
    expect(actions.reload).toHaveBeenCalledTimes(3)
    expect(actions.relaunch).not.toHaveBeenCalled()
    contents.crash()
    expect(actions.relaunch).toHaveBeenCalledTimes(1)
  })

  it('is recovered once when it crashes during the grace period', async () => {
    const { clock, contents, actions } = recovering({ graceMs: 15_000 })
    contents.emit('unresponsive')
    await clock.advance(5_000)
    contents.crash()
    await clock.advance(MINUTE)
    expect(actions.reload).toHaveBeenCalledTimes(1)
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled()
  })

  it('relaunches the app instead when the budget is spent', async () => {
    const { clock, contents, actions } = recovering({ graceMs: 15_000 })
    for (let i = 0; i < 3; i++) contents.crash()
    await clock.advance(0)
    contents.emit('unresponsive')
    await clock.advance(15_000)
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled()
    expect(actions.relaunch).toHaveBeenCalledTimes(1)
  })
})
