/**
 * What each way a FaceTec session can end means for the kiosk: every `FaceTecSessionStatus` (an
 * exhaustive table the compiler checks), plus the endings the adapter itself decides (retry limit,
 * the server refusing, the kiosk aborting).
 */
import type { MessageKey } from '../i18n'
import type { FaceTecAction } from './actions'
import { FaceTecSessionStatus } from './sdk-types'

export type SessionOutcomeReason =
  | 'completed'
  | 'submitted'
  | 'user-cancelled'
  | 'timeout'
  | 'context-switch'
  | 'orientation-change'
  | 'camera-denied'
  | 'camera-not-running'
  | 'locked-out'
  | 'not-ready'
  | 'session-in-progress'
  | 'sdk-misconfigured'
  | 'internal-error'
  /** Ended by the app or the kiosk (FaceTec's ProgrammaticallyCancelled, or our own abort). */
  | 'cancelled'
  /** The adapter's own endings, decided from what `submit` answered. */
  | 'retry-limit-reached'
  | 'submit-cancelled'
  | 'submit-failed'

export interface SessionOutcome {
  reason: SessionOutcomeReason
  messageKey: MessageKey
  /** `continue` only for the two successful endings. */
  action: FaceTecAction | 'continue'
}

const outcome = (
  reason: SessionOutcomeReason,
  messageKey: MessageKey,
  action: SessionOutcome['action']
): SessionOutcome => ({ reason, messageKey, action })

const userCancelled = outcome('user-cancelled', 'facetec.session.userCancelled', 'retry')
const misconfigured = outcome('sdk-misconfigured', 'facetec.unavailable', 'out-of-service')
const notReady = outcome('not-ready', 'facetec.session.notReady', 'retry')
const cameraDenied = outcome('camera-denied', 'facetec.session.cameraDenied', 'call-staff')

const byStatus = {
  // Only a FaceScan exists at this point; the adapter's own state decides completed vs submitted.
  [FaceTecSessionStatus.SessionCompletedSuccessfully]: outcome('completed', 'facetec.session.completed', 'continue'),
  // The images folder is part of the operator's SDK folder.
  [FaceTecSessionStatus.MissingGuidanceImages]: misconfigured,
  [FaceTecSessionStatus.Timeout]: outcome('timeout', 'facetec.session.timeout', 'retry'),
  [FaceTecSessionStatus.ContextSwitch]: outcome('context-switch', 'facetec.session.interrupted', 'retry'),
  [FaceTecSessionStatus.ProgrammaticallyCancelled]: outcome('cancelled', 'facetec.session.interrupted', 'retry'),
  [FaceTecSessionStatus.OrientationChangeDuringSession]: outcome(
    'orientation-change',
    'facetec.session.interrupted',
    'retry'
  ),
  // Every session would fail the same way on this screen: the kiosk's display setup is wrong.
  [FaceTecSessionStatus.LandscapeModeNotAllowed]: misconfigured,
  [FaceTecSessionStatus.UserCancelled]: userCancelled,
  [FaceTecSessionStatus.UserCancelledFromNewUserGuidance]: userCancelled,
  [FaceTecSessionStatus.UserCancelledFromRetryGuidance]: userCancelled,
  // The customer cannot change the kiosk's camera permission; staff can.
  [FaceTecSessionStatus.UserCancelledWhenAttemptingToGetCameraPermissions]: cameraDenied,
  [FaceTecSessionStatus.LockedOut]: outcome('locked-out', 'facetec.session.lockedOut', 'call-staff'),
  [FaceTecSessionStatus.CameraNotEnabled]: cameraDenied,
  [FaceTecSessionStatus.NonProductionModeDeviceKeyIdentifierInvalid]: misconfigured,
  [FaceTecSessionStatus.DocumentNotReady]: notReady,
  [FaceTecSessionStatus.SessionInProgress]: outcome('session-in-progress', 'facetec.session.busy', 'retry'),
  [FaceTecSessionStatus.CameraNotRunning]: outcome(
    'camera-not-running',
    'facetec.session.cameraNotRunning',
    'call-staff'
  ),
  [FaceTecSessionStatus.InitializationNotCompleted]: notReady,
  [FaceTecSessionStatus.UnknownInternalError]: outcome('internal-error', 'facetec.session.error', 'retry'),
  [FaceTecSessionStatus.UserCancelledViaClickableReadyScreenSubtext]: userCancelled,
  [FaceTecSessionStatus.NotAllowedUseIframeConstructor]: misconfigured,
  [FaceTecSessionStatus.NotAllowedUseNonIframeConstructor]: misconfigured,
  [FaceTecSessionStatus.IFrameNotAllowedWithoutPermission]: misconfigured,
  [FaceTecSessionStatus.StillLoadingResources]: notReady,
  [FaceTecSessionStatus.ResourcesCouldNotBeLoadedOnLastInit]: misconfigured,
  [FaceTecSessionStatus.UserCancelledFullScreenMode]: userCancelled
} as const satisfies Record<FaceTecSessionStatus, SessionOutcome>

export function outcomeOfSessionStatus(status: FaceTecSessionStatus): SessionOutcome {
  // A status newer than this table: say something went wrong and let the person try again.
  return (
    (byStatus as Partial<Record<number, SessionOutcome>>)[status] ??
    outcome('internal-error', 'facetec.session.error', 'retry')
  )
}

/** The adapter's own endings. */
export const adapterOutcomes = {
  submitted: outcome('submitted', 'facetec.session.submitted', 'continue'),
  retryLimitReached: outcome('retry-limit-reached', 'facetec.session.retryLimit', 'call-staff'),
  submitCancelled: outcome('submit-cancelled', 'facetec.session.sendFailed', 'retry'),
  submitFailed: outcome('submit-failed', 'facetec.session.sendFailed', 'retry'),
  aborted: outcome('cancelled', 'facetec.session.interrupted', 'retry')
} as const satisfies Record<string, SessionOutcome>

export function sessionStatusName(status: number): string {
  return FaceTecSessionStatus[status] ?? `UnknownSessionStatus(${status})`
}
