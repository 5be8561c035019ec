/** The FaceTec adapter's public surface; everything else in this folder is an implementation detail. */
export type { FaceTecAction } from './actions'
export { createFaceTecAdapter, type FaceTecAdapter, type FaceTecAdapterOptions } from './adapter'
export type {
  CaptureLivenessOptions,
  CaptureResult,
  LivenessCapture,
  SubmitCapture,
  SubmitDecision
} from './capture-types'
export { FaceTecError, FaceTecUnsupportedVersionError, type FaceTecErrorCode } from './facetec-error'
export { followKioskLanguage } from './follow-language'
export type { FaceTecKeys, InitFailureCode, InitResult } from './initialize-sdk'
export type { FaceTecOutcomeReport, OutcomeListener } from './outcome-report'
export { DEFAULT_SDK_BASE_URL, sdkLocation } from './sdk-location'
export { describeSdkStatus, sdkStatusName, type SdkStatusInfo } from './sdk-status'
export {
  outcomeOfSessionStatus,
  sessionStatusName,
  type SessionOutcome,
  type SessionOutcomeReason
} from './session-outcome'
export { FaceTecSDKStatus, FaceTecSessionStatus } from './sdk-types'
