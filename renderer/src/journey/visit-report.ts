/**
 * Tells main how each visit went, for the fleet's telemetry: when it started, how it ended (accepted,
 * rejected, inconclusive, sent to staff, queued, abandoned, idle reset, out of service) and the waits
 * the person had (P1 and P2 as measured at the kiosk), plus when the kiosk goes out of service and
 * back. Codes and milliseconds only, in the contract's strict shape (`reportVisit`).
 *
 * It follows the journey store rather than being called by the journey controller: what a visit was
 * is read off the screens the person saw, so the controller stays as it is.
 */
import type { JobResult, ServiceCause, VisitOutcome, VisitReport } from '../../../preload/api'
import type { JourneyState, ScreenName } from '../stores/journey-store'

/** The part of a zustand store this needs (the app's journey store, or a test's). */
export interface JourneyStateSource {
  getState(): JourneyState
  subscribe(listener: (state: JourneyState, previous: JourneyState) => void): () => void
}

export interface VisitReporterDependencies {
  store: JourneyStateSource
  report: (report: VisitReport) => void
  /** Milliseconds on the page's clock (performance.now in the app). */
  now: () => number
  /** When FaceTec's first session at or after `since` opened (its `facetec:session:start` mark), or null. */
  sessionStart: (since: number) => number | null
}

export interface VisitReporter {
  /** The idle reset is about to end the visit (called just before the journey's reset). */
  idleExpired(): void
  /** Starts following the journey; returns the function that stops it. */
  connect(): () => void
}

/** What the screen the person is shown says about how the visit ended, if it ended there. */
function outcomeOf(screen: ScreenName, result: JobResult | null): VisitOutcome | null {
  switch (screen) {
    case 'result':
      return result === 'accepted' || result === 'rejected' || result === 'inconclusive' ? result : 'sent-to-staff'
    case 'call-staff':
      return 'sent-to-staff'
    case 'queued':
      return 'queued'
    case 'out-of-service':
      return 'out-of-service'
    default:
      return null
  }
}

const MAX_MS = 3_600_000
const span = (from: number | null, to: number | null): number | null =>
  from === null || to === null || to < from ? null : Math.min(MAX_MS, Math.round(to - from))

export function createVisitReporter(deps: VisitReporterDependencies): VisitReporter {
  const { store, now } = deps
  /** The visit in progress, or null between visits. */
  let visit: {
    startedAt: number
    /** The tap that opened the first face check (camera check's Continue, or Try again). */
    firstLivenessAt: number | null
    /** The latest capture handed to main. */
    sentAt: number | null
  } | null = null
  let idle = false

  const send = (report: VisitReport): void => {
    try {
      deps.report(report)
    } catch {
      // Counting visits must never disturb one.
    }
  }

  function end(outcome: VisitOutcome, resultShownAt: number | null): void {
    if (!visit) return
    const session = deps.sessionStart(visit.startedAt)
    send({
      event: 'ended',
      outcome,
      timings: {
        startToCameraMs: span(visit.startedAt, session),
        cameraWaitMs: session !== null && visit.firstLivenessAt !== null ? span(visit.firstLivenessAt, session) : null,
        captureToResultMs: span(visit.sentAt, resultShownAt)
      }
    })
    visit = null
  }

  function follow(state: JourneyState, previous: JourneyState): void {
    const at = now()
    // A reset (a new visit number) ends whatever visit had not ended on its own.
    if (state.visit !== previous.visit) {
      end(idle ? 'idle-reset' : 'abandoned', null)
      idle = false
    }
    if (state.screen !== previous.screen) {
      if (state.screen === 'out-of-service' || previous.screen === 'out-of-service')
        send({ event: 'service', outOfService: state.screen === 'out-of-service' ? causeOf(state) : null })
      if (previous.screen === 'attract' && state.screen === 'consent') {
        visit = { startedAt: at, firstLivenessAt: null, sentAt: null }
        send({ event: 'started' })
      }
      if (visit && state.screen === 'liveness') visit.firstLivenessAt ??= at
      const outcome = outcomeOf(state.screen, state.result)
      if (outcome) end(outcome, state.screen === 'result' ? at : null)
    }
    if (visit && state.sending && !previous.sending) visit.sentAt = at
  }

  return {
    idleExpired() {
      idle = true
    },
    connect() {
      const current = store.getState()
      send({ event: 'service', outOfService: current.screen === 'out-of-service' ? causeOf(current) : null })
      return store.subscribe(follow)
    }
  }
}

const causeOf = (state: JourneyState): ServiceCause => state.outOfService ?? 'configuration'

/** When the first User Timing mark `name` at or after `since` was set (performance.now time), or null. */
export const firstMarkSince =
  (name: string) =>
  (since: number): number | null =>
    performance.getEntriesByName(name, 'mark').find((entry) => entry.startTime >= since)?.startTime ?? null
