/**
 * A kiosk must come back by itself when its page dies or hangs. Each renderer crash, or hang longer
 * than a grace period, is answered by loading the start page again, within a budget (default 3 per
 * 10 minutes); past the budget something is really wrong and the whole app relaunches. A clean exit
 * is not a crash.
 */
import type { Clock, TimerHandle } from '../lib/clock'
import type { Logger } from '../log/logger'

export interface CrashBudget {
  /** Records a recovery now; false when the budget is spent. */
  spend(): boolean
}

/** At most `max` recoveries in any sliding window of `windowMs`. */
export function createCrashBudget(options: { max: number; windowMs: number; clock: Clock }): CrashBudget {
  const recent: number[] = []
  return {
    spend() {
      const now = options.clock.now()
      while (recent.length > 0 && (recent[0] as number) <= now - options.windowMs) recent.shift()
      if (recent.length >= options.max) return false
      recent.push(now)
      return true
    }
  }
}

/** The parts of Electron's `WebContents` recovery needs (a real WebContents satisfies it). */
export interface RecoveryTarget {
  on(
    event: 'render-process-gone',
    listener: (event: unknown, details: { reason: string; exitCode: number }) => void
  ): unknown
  on(event: 'unresponsive', listener: () => void): unknown
  on(event: 'responsive', listener: () => void): unknown
  forcefullyCrashRenderer(): void
}

export interface RecoveryActions {
  /** Loads the kiosk's start page again (in a new renderer process when the old one is gone). */
  reload(): void
  /** Restarts the whole app (`app.relaunch(); app.exit(0)`). */
  relaunch(): void
}

export const DEFAULT_UNRESPONSIVE_GRACE_MS = 15_000

export function installCrashRecovery(
  target: RecoveryTarget,
  options: { budget: CrashBudget; actions: RecoveryActions; clock: Clock; log: Logger; unresponsiveGraceMs?: number }
): void {
  const { budget, actions, clock } = options
  const log = options.log.child('recovery')
  let hangTimer: TimerHandle | null = null
  let relaunching = false
  // Killing a hung renderer makes Electron report it gone; that report is ours, not a new failure.
  let ownKillUntil = 0

  const stopHangTimer = (): void => {
    if (hangTimer) clock.clearTimeout(hangTimer)
    hangTimer = null
  }

  /** Spends the budget: true to go on recovering, false when the app is relaunching instead. */
  const withinBudget = (why: string): boolean => {
    if (relaunching) return false
    if (budget.spend()) return true
    relaunching = true
    log.error('too many renderer failures; relaunching the app', { why })
    actions.relaunch()
    return false
  }

  target.on('render-process-gone', (_event, details) => {
    stopHangTimer()
    if (details.reason === 'clean-exit') return
    if (clock.now() <= ownKillUntil) {
      ownKillUntil = 0
      return
    }
    const why = `render process gone: ${details.reason} (${details.exitCode})`
    if (!withinBudget(why)) return
    log.warn('reloading the kiosk page', { why })
    // Not synchronously inside Electron's event handler (electron#19887).
    clock.setTimeout(() => actions.reload(), 0)
  })

  target.on('unresponsive', () => {
    if (hangTimer) return
    hangTimer = clock.setTimeout(() => {
      hangTimer = null
      if (!withinBudget('unresponsive')) return
      log.warn('the kiosk page stopped responding; restarting its renderer')
      // A hung renderer cannot run a reload itself: end its process, then load in a fresh one.
      ownKillUntil = clock.now() + 5_000
      target.forcefullyCrashRenderer()
      actions.reload()
    }, options.unresponsiveGraceMs ?? DEFAULT_UNRESPONSIVE_GRACE_MS)
  })

  target.on('responsive', stopHangTimer)
}
