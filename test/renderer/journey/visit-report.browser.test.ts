/**
 * How the kiosk tells main what each visit was, read off the screens the person saw: every visit ends
 * exactly once with the outcome they experienced and the waits they had, and every report is one the
 * bridge contract accepts. The journey store is driven here the way the journey controller drives it,
 * with a clock the test moves.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { create } from 'zustand'
import { VisitReport } from '../../../preload/api'
import { createVisitReporter, type VisitReporter } from '../../../renderer/src/journey/visit-report'
import { INITIAL_JOURNEY, type JourneyState } from '../../../renderer/src/stores/journey-store'

let store: ReturnType<typeof makeStore>
let reports: VisitReport[]
let now: number
let sessionAt: number | null
let reporter: VisitReporter
let stop: () => void

const makeStore = () => create<JourneyState>()(() => ({ ...INITIAL_JOURNEY, visit: 0 }))
const set = (partial: Partial<JourneyState>, after = 0): void => {
  now += after
  store.setState(partial)
}
/** The journey controller's reset: a fresh state and the next visit number. */
const reset = (after = 0): void => {
  now += after
  store.setState((state) => ({ ...INITIAL_JOURNEY, visit: state.visit + 1 }))
}

beforeEach(() => {
  store = makeStore()
  reports = []
  now = 10_000
  sessionAt = null
  reporter = createVisitReporter({
    store,
    report: (report) => reports.push(VisitReport.parse(report)),
    now: () => now,
    sessionStart: (since) => (sessionAt !== null && sessionAt >= since ? sessionAt : null)
  })
  stop = reporter.connect()
  return () => stop()
})

/** Attract -> consent (Start) -> camera check -> liveness; FaceTec's session opens 700 ms after the tap. */
function throughToLiveness(): void {
  set({ screen: 'consent' })
  set({ screen: 'camera-check' }, 6_000)
  set({ screen: 'liveness' }, 3_000)
  sessionAt = now + 700
}

const ended = (reports: VisitReport[]) => reports.filter((report) => report.event === 'ended')

describe('visit reports', () => {
  it('says at once whether the kiosk starts in service', () => {
    expect(reports).toEqual([{ event: 'service', outOfService: null }])
  })

  it('an accepted visit: started, then ended with P2 and P1 as the person waited them', () => {
    throughToLiveness()
    set({ sending: true }, 5_000)
    set({ sending: false, screen: 'processing' }, 100)
    set({ screen: 'result', result: 'accepted' }, 520)
    reset(30_000)
    expect(reports.slice(1)).toEqual([
      { event: 'started' },
      {
        event: 'ended',
        outcome: 'accepted',
        timings: { startToCameraMs: 9_700, cameraWaitMs: 700, captureToResultMs: 620 }
      }
    ])
  })

  it.each([
    ['rejected', 'rejected'],
    ['inconclusive', 'inconclusive'],
    ['failed', 'sent-to-staff'],
    ['canceled', 'sent-to-staff']
  ] as const)('a result %s ends the visit as %s', (result, outcome) => {
    throughToLiveness()
    set({ sending: true }, 5_000)
    set({ screen: 'result', result }, 600)
    reset(30_000)
    expect(ended(reports)).toMatchObject([{ outcome }])
  })

  it('sent to staff after the attempts, with no capture and so no P1', () => {
    throughToLiveness()
    set({ screen: 'retry', attempts: 1 }, 8_000)
    set({ screen: 'liveness' }, 2_000)
    set({ screen: 'call-staff', attempts: 3 }, 8_000)
    reset(30_000)
    expect(ended(reports)).toEqual([
      {
        event: 'ended',
        outcome: 'sent-to-staff',
        timings: { startToCameraMs: 9_700, cameraWaitMs: 700, captureToResultMs: null }
      }
    ])
  })

  it('queued: the capture is saved and the person leaves before the result', () => {
    throughToLiveness()
    set({ sending: true }, 5_000)
    set({ screen: 'queued' }, 400)
    reset(30_000)
    expect(ended(reports)).toMatchObject([{ outcome: 'queued', timings: { captureToResultMs: null } }])
  })

  it('abandoned when the person declines the notice, and idle reset when the kiosk gives up waiting', () => {
    set({ screen: 'consent' })
    reset(4_000)
    set({ screen: 'consent' }, 1_000)
    set({ screen: 'camera-check' }, 5_000)
    reporter.idleExpired()
    reset(75_000)
    expect(ended(reports)).toEqual([
      {
        event: 'ended',
        outcome: 'abandoned',
        timings: { startToCameraMs: null, cameraWaitMs: null, captureToResultMs: null }
      },
      {
        event: 'ended',
        outcome: 'idle-reset',
        timings: { startToCameraMs: null, cameraWaitMs: null, captureToResultMs: null }
      }
    ])
    // The idle reset counts for the visit it ended only.
    set({ screen: 'consent' }, 1_000)
    reset(2_000)
    expect(ended(reports).at(-1)).toMatchObject({ outcome: 'abandoned' })
  })

  it('out of service during a visit ends it so, and the kiosk reports going out of service and back', () => {
    throughToLiveness()
    set({ screen: 'out-of-service', outOfService: 'sdk' }, 1_000)
    reset(60_000)
    expect(reports.slice(1)).toEqual([
      { event: 'started' },
      { event: 'service', outOfService: 'sdk' },
      {
        event: 'ended',
        outcome: 'out-of-service',
        timings: { startToCameraMs: 9_700, cameraWaitMs: 700, captureToResultMs: null }
      },
      { event: 'service', outOfService: null }
    ])
  })

  it('out of service from the attract screen is no visit; the reset after a result ends nothing twice', () => {
    set({ screen: 'out-of-service', outOfService: 'assure' })
    set({ screen: 'attract', outOfService: null }, 20_000)
    throughToLiveness()
    set({ sending: true }, 1_000)
    set({ screen: 'result', result: 'accepted' }, 500)
    reporter.idleExpired()
    reset(30_000)
    expect(reports.filter((report) => report.event !== 'started')).toEqual([
      { event: 'service', outOfService: null },
      { event: 'service', outOfService: 'assure' },
      { event: 'service', outOfService: null },
      expect.objectContaining({ event: 'ended', outcome: 'accepted' })
    ])
  })

  it('staff mode, opened during a visit, ends it as abandoned and is no visit itself', () => {
    set({ screen: 'consent' })
    reset(2_000)
    set({ screen: 'staff-pin' })
    set({ screen: 'staff' }, 3_000)
    reset(60_000)
    expect(reports.filter((report) => report.event !== 'service')).toEqual([
      { event: 'started' },
      expect.objectContaining({ event: 'ended', outcome: 'abandoned' })
    ])
  })
})
