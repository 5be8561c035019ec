/**
 * The signal that a visitor was sent to staff: each time the journey shows the call-staff screen (the
 * retry limit, a ticket problem, a failure) or the queued one (the visitor leaves with a reference), main
 * is told why, so staff mode counts who is waiting until staff acknowledge it; and, when the kiosk's
 * config asks for it (`staff.chimeOnSentToStaff`), a chime tells a desk within earshot.
 *
 * Like the visit reporter it follows the journey store rather than being called by the journey
 * controller: being sent to staff is a screen the person is shown.
 */
import type { SentToStaffReason } from '../../../preload/api'
import type { JourneyState } from '../stores/journey-store'
import type { JourneyStateSource } from './visit-report'

export interface SentToStaffDependencies {
  store: JourneyStateSource
  /** Tells main (`reportSentToStaff`). */
  report: (reason: SentToStaffReason) => void
  /** Plays the staff chime (renderer/src/audio/chime.ts in the app). */
  chime: () => void
  /** Asked at each event, so a changed setting holds from the next visitor on. */
  chimeEnabled: () => boolean
}

/** Why the screen the person is shown sends them to staff, or null if it does not. */
export function sentToStaffReason(state: Pick<JourneyState, 'screen' | 'callStaff'>): SentToStaffReason | null {
  if (state.screen === 'queued') return 'queued'
  if (state.screen !== 'call-staff') return null
  const { callStaff } = state
  if (callStaff?.kind === 'failure') return callStaff.reason.startsWith('reference-') ? 'ticket' : 'failure'
  return callStaff?.kind ?? 'failure'
}

export function createSentToStaffSignal(deps: SentToStaffDependencies): { connect(): () => void } {
  return {
    connect() {
      return deps.store.subscribe((state, previous) => {
        // Once per arrival on such a screen: other changes while it shows are the same visitor.
        if (state.screen === previous.screen) return
        const reason = sentToStaffReason(state)
        if (!reason) return
        try {
          deps.report(reason)
        } catch {
          // Counting must never disturb the visitor's screen.
        }
        if (deps.chimeEnabled()) deps.chime()
      })
    }
  }
}
