/**
 * The desk's own state, kept across restarts: whether staff closed the kiosk ("closed — please go to the
 * counter" until staff reopen it), and the visitors the kiosk sent to staff today, counted until staff
 * acknowledge them. One small JSON file, written atomically; a damaged or foreign file reads as "open,
 * nobody waiting" with a warning, never as a crash.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { writeFileSync } from 'atomically'
import { z } from 'zod'
import type { Clock } from '../lib/clock'
import type { Logger } from '../log/logger'

const DeskFile = z.strictObject({
  closed: z.boolean(),
  /** The local day (YYYY-MM-DD) the counts belong to; a new day starts from zero. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  sentToStaff: z.number().int().min(0),
  /** Sent to staff and not yet acknowledged (survives the day's change: someone may still be waiting). */
  unacknowledged: z.number().int().min(0)
})
type DeskFile = z.infer<typeof DeskFile>

/** A renderer reporting in a loop cannot grow the counts without bound. */
const MAX_COUNT = 100_000

export interface DeskState {
  closed(): boolean
  /** Returns true if it changed. */
  setClosed(closed: boolean): boolean
  /** A visitor was sent to staff. */
  sentToStaff(): void
  /** Staff saw them: the count waiting goes back to zero; returns how many there were. */
  acknowledge(): number
  counts(): { sentToStaffToday: number; unacknowledged: number }
}

/** The local calendar day of `ms`, as staff count "today". */
export function localDay(ms: number): string {
  const at = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`
}

export function createDeskState(options: { file: string; clock: Pick<Clock, 'now'>; log: Logger }): DeskState {
  const { file, clock } = options
  const log = options.log.child('desk')
  const fresh = (): DeskFile => ({ closed: false, day: localDay(clock.now()), sentToStaff: 0, unacknowledged: 0 })

  let state: DeskFile = (() => {
    try {
      const parsed = DeskFile.safeParse(JSON.parse(readFileSync(file, 'utf8')))
      if (parsed.success) return parsed.data
      log.warn('the desk state file does not validate; starting open with no counts')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        log.warn('the desk state file cannot be read; starting open with no counts', { error })
    }
    return fresh()
  })()

  const save = (): void => {
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
      writeFileSync(file, JSON.stringify(state), { mode: 0o600 })
    } catch (error) {
      // Staff still see the state on screen; only a restart would forget it.
      log.error('the desk state could not be saved', { error })
    }
  }
  /** Today's counts start at zero on a new day; what waits for staff does not. */
  const today = (): DeskFile => {
    const day = localDay(clock.now())
    if (state.day !== day) state = { ...state, day, sentToStaff: 0 }
    return state
  }

  return {
    closed: () => state.closed,
    setClosed(closed) {
      if (state.closed === closed) return false
      state = { ...today(), closed }
      save()
      return true
    },
    sentToStaff() {
      const current = today()
      state = {
        ...current,
        sentToStaff: Math.min(MAX_COUNT, current.sentToStaff + 1),
        unacknowledged: Math.min(MAX_COUNT, current.unacknowledged + 1)
      }
      save()
    },
    acknowledge() {
      const waiting = state.unacknowledged
      if (waiting === 0) return 0
      state = { ...today(), unacknowledged: 0 }
      save()
      return waiting
    },
    counts() {
      const current = today()
      return { sentToStaffToday: current.sentToStaff, unacknowledged: current.unacknowledged }
    }
  }
}
