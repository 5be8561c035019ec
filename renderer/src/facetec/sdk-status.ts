/**
 * What each `FaceTecSDKStatus` means for the kiosk. The table is exhaustive (the compiler refuses a
 * missing status), so a new SDK status cannot silently fall through to a generic message.
 */
import type { MessageKey } from '../i18n'
import type { FaceTecAction } from './actions'
import { FaceTecSDKStatus } from './sdk-types'

export interface SdkStatusInfo {
  messageKey: MessageKey
  action: FaceTecAction
  /**
   * Whether a new `initialize` on this page may succeed. FaceTec's own integrations re-initialize
   * only from NeverInitialized/NetworkIssues; licence, iframe, resource and device problems stay
   * for the page's lifetime (reference §2).
   */
  reinitializable: boolean
}

const table = {
  // The SDK declined without saying why (seen on emulated devices): a fresh attempt may work.
  [FaceTecSDKStatus.NeverInitialized]: { messageKey: 'facetec.init.failed', action: 'retry', reinitializable: true },
  // Only looked up when the callback said false yet getStatus() says Initialized: inconsistent, so try again.
  [FaceTecSDKStatus.Initialized]: { messageKey: 'facetec.init.failed', action: 'retry', reinitializable: true },
  [FaceTecSDKStatus.NetworkIssues]: { messageKey: 'facetec.init.network', action: 'retry', reinitializable: true },
  [FaceTecSDKStatus.InvalidDeviceKeyIdentifier]: {
    messageKey: 'facetec.unavailable',
    action: 'out-of-service',
    reinitializable: false
  },
  [FaceTecSDKStatus.VersionDeprecated]: {
    messageKey: 'facetec.unavailable',
    action: 'out-of-service',
    reinitializable: false
  },
  [FaceTecSDKStatus.DeviceNotSupported]: {
    messageKey: 'facetec.unavailable',
    action: 'out-of-service',
    reinitializable: false
  },
  // A kiosk screen cannot be turned by the customer; staff can fix the display setting.
  [FaceTecSDKStatus.DeviceInLandscapeMode]: {
    messageKey: 'facetec.init.screenOrientation',
    action: 'call-staff',
    reinitializable: true
  },
  [FaceTecSDKStatus.DeviceLockedOut]: {
    messageKey: 'facetec.init.lockedOut',
    action: 'call-staff',
    reinitializable: false
  },
  [FaceTecSDKStatus.KeyExpiredOrInvalid]: {
    messageKey: 'facetec.unavailable',
    action: 'out-of-service',
    reinitializable: false
  },
  [FaceTecSDKStatus.IFrameNotAllowedWithoutPermission]: {
    messageKey: 'facetec.unavailable',
    action: 'out-of-service',
    reinitializable: false
  },
  // Initialization is still running (another caller started it): asking again shortly is right.
  [FaceTecSDKStatus.StillLoadingResources]: {
    messageKey: 'facetec.init.loading',
    action: 'retry',
    reinitializable: true
  },
  [FaceTecSDKStatus.ResourcesCouldNotBeLoadedOnLastInit]: {
    messageKey: 'facetec.unavailable',
    action: 'out-of-service',
    reinitializable: false
  },
  [FaceTecSDKStatus.GetUserMediaRemoteHTTPNotSupported]: {
    messageKey: 'facetec.unavailable',
    action: 'out-of-service',
    reinitializable: false
  }
} as const satisfies Record<FaceTecSDKStatus, SdkStatusInfo>

export function describeSdkStatus(status: FaceTecSDKStatus): SdkStatusInfo {
  // An SDK newer than this table could answer a number we do not know: treat it as unrecoverable.
  return (
    (table as Partial<Record<number, SdkStatusInfo>>)[status] ?? {
      messageKey: 'facetec.unavailable',
      action: 'out-of-service',
      reinitializable: false
    }
  )
}

/** The enum's name for logs and staff diagnostics, e.g. "KeyExpiredOrInvalid". */
export function sdkStatusName(status: number): string {
  return FaceTecSDKStatus[status] ?? `UnknownSdkStatus(${status})`
}
