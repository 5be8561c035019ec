/**
 * Types of the FaceTec Browser SDK 9.x "classic" global, written from what the shipped
 * `FaceTecSDK.d.ts` / `FaceTecPublicApi.d.ts` / `FaceTecSession.d.ts` contain according to
 * /work/shared/reference/facetec-browser-sdk.md (§2, §3). Nothing here is invented: where the
 * reference does not know a member's values or type, the member is typed opaquely (`unknown`,
 * `Readonly<Record<...>>`) rather than guessed.
 *
 * The enums are real TypeScript enums, like the SDK's own: the numbers are the SDK's wire values and
 * the runtime objects carry the reverse mapping (`FaceTecSessionStatus[7] === 'UserCancelled'`).
 * The simulated SDK imports these same enums, so the numbers are pinned once (and by a test).
 */

/** `FaceTecSDK.getStatus()`. Numbers from the 9.7.27 `.d.ts` (§2). */
export enum FaceTecSDKStatus {
  NeverInitialized = 0,
  Initialized = 1,
  NetworkIssues = 2,
  InvalidDeviceKeyIdentifier = 3,
  /** Deprecated: 9.7 no longer returns it. */
  VersionDeprecated = 4,
  DeviceNotSupported = 5,
  DeviceInLandscapeMode = 6,
  DeviceLockedOut = 7,
  KeyExpiredOrInvalid = 8,
  IFrameNotAllowedWithoutPermission = 9,
  StillLoadingResources = 10,
  ResourcesCouldNotBeLoadedOnLastInit = 11,
  /** 9.7+: the page is not a secure context (only localhost or https may use the camera). */
  GetUserMediaRemoteHTTPNotSupported = 12
}

/** `FaceTecSessionResult.status`. Same numbers in 9.6.28 and 9.7.27 (§3.3). */
export enum FaceTecSessionStatus {
  /** A FaceScan was produced. It does NOT mean liveness passed: the server decides that. */
  SessionCompletedSuccessfully = 0,
  MissingGuidanceImages = 1,
  Timeout = 2,
  ContextSwitch = 3,
  ProgrammaticallyCancelled = 4,
  OrientationChangeDuringSession = 5,
  LandscapeModeNotAllowed = 6,
  UserCancelled = 7,
  UserCancelledFromNewUserGuidance = 8,
  UserCancelledFromRetryGuidance = 9,
  UserCancelledWhenAttemptingToGetCameraPermissions = 10,
  LockedOut = 11,
  CameraNotEnabled = 12,
  NonProductionModeDeviceKeyIdentifierInvalid = 13,
  DocumentNotReady = 14,
  SessionInProgress = 15,
  CameraNotRunning = 16,
  InitializationNotCompleted = 17,
  UnknownInternalError = 18,
  UserCancelledViaClickableReadyScreenSubtext = 19,
  NotAllowedUseIframeConstructor = 20,
  NotAllowedUseNonIframeConstructor = 21,
  IFrameNotAllowedWithoutPermission = 22,
  StillLoadingResources = 23,
  ResourcesCouldNotBeLoadedOnLastInit = 24,
  UserCancelledFullScreenMode = 25
}

/** A string enum in the SDK, hence no reverse mapping. */
export enum FaceTecAuditTrailImagesToReturn {
  ONE = '1',
  UP_TO_SIX = '6'
}

export enum FaceTecLoggingMode {
  Default = 0,
  LocalhostOnly = 1
}

export enum FaceTecCancelButtonLocation {
  Disabled = 0,
  TopLeft = 1,
  TopRight = 2,
  Custom = 3
}

export enum FaceTecSecurityWatermarkImage {
  FaceTec_ZoOm = 0,
  FaceTec = 1
}

/**
 * What a session hands the processor. faceScan and the audit-trail images are base64 (the images are
 * JPEGs without a `data:` prefix); the arrays may be empty when the session did not succeed.
 */
export interface FaceTecSessionResult {
  faceScan: string | null
  auditTrail: string[]
  lowQualityAuditTrail: string[]
  sessionId: string | null
  status: FaceTecSessionStatus
  /** Set by the SDK once a scanResultBlob ended the session successfully (read it when completely done). */
  isCompletelyDone: boolean
  readonly [key: string]: unknown
}

/**
 * One per call of `processSessionResultWhileFaceTecSDKWaits`. Exactly one terminal call
 * (`proceedToNextStep`, `cancel`, or the deprecated `succeed`/`retry`) is allowed per object.
 */
export interface FaceTecFaceScanResultCallback {
  proceedToNextStep(scanResultBlob: string, idScanNextStep?: unknown): void
  cancel(): void
  /** A 0..1 fraction, despite the SDK's parameter name `uploadedPercent`. */
  uploadProgress(uploadedPercent: number): void
  uploadMessageOverride(uploadMessageOverride: string): void
  /** @deprecated 9.7: the scanResultBlob drives the flow. */
  succeed(idScanNextStep?: unknown): void
  /** @deprecated 9.7: the scanResultBlob drives the flow. */
  retry(retryScreen?: unknown): void
}

export interface FaceTecFaceScanProcessor {
  processSessionResultWhileFaceTecSDKWaits(
    sessionResult: FaceTecSessionResult,
    faceScanResultCallback: FaceTecFaceScanResultCallback
  ): void
  /** After the FaceTec UI has closed, success or not. No arguments: the last result says how it went. */
  onFaceTecSDKCompletelyDone(): void
}

/** The constructor's return value is unused: everything arrives through the processor. */
export type FaceTecSession = object
export type FaceTecSessionConstructor = new (
  processor: FaceTecFaceScanProcessor,
  sessionToken: string
) => FaceTecSession

/**
 * The customization object. Only the sub-objects and fields the reference lists are typed; the SDK has
 * more (~86 KB of `.d.ts`), which is why every sub-object also accepts unknown extra fields.
 */
export interface FaceTecCustomization {
  frameCustomization: {
    backgroundColor: string
    borderColor: string
    borderCornerRadius: string
    [field: string]: unknown
  }
  overlayCustomization: { backgroundColor: string; brandingImage: string; [field: string]: unknown }
  guidanceCustomization: {
    backgroundColors: string
    foregroundColor: string
    buttonBackgroundNormalColor: string
    buttonBackgroundDisabledColor: string
    buttonBackgroundHighlightColor: string
    buttonTextNormalColor: string
    buttonTextDisabledColor: string
    buttonTextHighlightColor: string
    retryScreenImageBorderColor: string
    retryScreenOvalStrokeColor: string
    [field: string]: unknown
  }
  ovalCustomization: { strokeColor: string; progressColor1: string; progressColor2: string; [field: string]: unknown }
  feedbackCustomization: { backgroundColor: string; textColor: string; [field: string]: unknown }
  cancelButtonCustomization: { customImage: string; location: FaceTecCancelButtonLocation; [field: string]: unknown }
  resultScreenCustomization: {
    backgroundColors: string
    foregroundColor: string
    activityIndicatorColor: string
    resultAnimationBackgroundColor: string
    resultAnimationForegroundColor: string
    uploadProgressFillColor: string
    [field: string]: unknown
  }
  initialLoadingAnimationCustomization: Record<string, unknown>
  idScanCustomization: Record<string, unknown>
  ocrConfirmationCustomization: Record<string, unknown>
  enterFullScreenCustomization: Record<string, unknown>
  securityWatermarkCustomization: { setSecurityWatermarkImage(image: FaceTecSecurityWatermarkImage): void }
  vocalGuidanceCustomization: Record<string, unknown>
  exitAnimationCustomization: Record<string, unknown>
  enableHotKeyProtection: boolean
  enableCameraPermissionsHelpScreen: boolean
  shouldDrawOvalStrokeOpaque: boolean
  enableDevelopmentModeTag: boolean
}

export interface FaceTecCustomizationClass {
  new (featureFlags?: unknown): FaceTecCustomization
  /** Read when the next success screen shows (set it before `proceedToNextStep`). */
  setOverrideResultScreenSuccessMessage(message: string): void
  setIDScanResultScreenMessageOverrides(...messages: unknown[]): void
  setIDScanUploadMessageOverrides(...messages: unknown[]): void
}

/**
 * The production key as browser integrations pass it. The `.d.ts` types the parameter as `string`,
 * but every browser integration the reference found passes this object (§2, [C] that they do).
 */
export interface FaceTecProductionKey {
  domains: string
  expiryDate: string
  key: string
}

/** An enum holder whose members the reference does not list: present on the global, values unknown. */
export type FaceTecOpaqueEnum = Readonly<Record<string, string | number>>

/** `window.FaceTecSDK` of a 9.x Browser SDK (9.7.27 members; `unload` is 9.6's name for `deinitialize`). */
export interface FaceTecSDKGlobal {
  initializeInDevelopmentMode(
    deviceKeyIdentifier: string,
    publicEncryptionKey: string,
    callback: (initializedSuccessfully: boolean) => void
  ): void
  initializeInProductionMode(
    productionKey: FaceTecProductionKey | string,
    deviceKeyIdentifier: string,
    publicEncryptionKey: string,
    callback: (initializedSuccessfully: boolean) => void
  ): void
  getStatus(): FaceTecSDKStatus
  /** There is no `getVersion()`. */
  version(): string
  setResourceDirectory(resourceDirectory: string): void
  setImagesDirectory(imagesDirectory: string): void
  /** The `X-User-Agent` value: `""` when asking for a session token, the sessionId when uploading. Opaque. */
  createFaceTecAPIUserAgentString(sessionID: string): string
  setCustomization(customization: FaceTecCustomization): void
  setLowLightCustomization(customization: FaceTecCustomization | null): void
  setDynamicDimmingCustomization(customization: FaceTecCustomization | null): void
  /** Only after a successful initialization. */
  configureLocalization(localizationDictionary: Readonly<Record<string, string>>): void
  configureOCRLocalization(localizationJSON: unknown): void
  setMaxAuditTrailImages(count: FaceTecAuditTrailImagesToReturn): void
  /** Type not stated by the reference. */
  auditTrailType: unknown
  isLockedOut(): boolean
  /** A property in the `.d.ts`, despite the name. */
  readonly getLockoutEndTime: number | null
  setFaceTecLoggingMode(mode: FaceTecLoggingMode): void
  /** 9.7+. Whether it aborts a running session is unknown. */
  deinitialize?(callback: () => void): void
  /** @deprecated 9.7: use deinitialize. */
  unload?(callback: () => void): void

  readonly FaceTecSDKStatus: typeof FaceTecSDKStatus
  readonly FaceTecSessionStatus: typeof FaceTecSessionStatus
  readonly FaceTecAuditTrailImagesToReturn: typeof FaceTecAuditTrailImagesToReturn
  readonly FaceTecLoggingMode: typeof FaceTecLoggingMode
  readonly FaceTecCancelButtonLocation: typeof FaceTecCancelButtonLocation
  readonly FaceTecSecurityWatermarkImage: typeof FaceTecSecurityWatermarkImage
  readonly FaceTecIDScanStatus: FaceTecOpaqueEnum
  readonly FaceTecIDScanNextStep: FaceTecOpaqueEnum
  readonly FaceTecAuditTrailType: FaceTecOpaqueEnum
  readonly FaceTecRetryScreen: FaceTecOpaqueEnum
  readonly FaceTecExitAnimationStyle: FaceTecOpaqueEnum
  readonly FaceTecSession: FaceTecSessionConstructor
  /** Needs FaceTec's permission; never used by the kiosk (no iframes). */
  readonly FaceTecSessionFromIFrame: FaceTecSessionConstructor
  readonly FaceTecCustomization: FaceTecCustomizationClass
}

declare global {
  interface Window {
    /** Set by the FaceTec SDK's classic script (the operator's real one, or demo mode's simulated one). */
    FaceTecSDK?: FaceTecSDKGlobal
  }
}
