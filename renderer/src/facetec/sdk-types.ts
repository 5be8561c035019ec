/**
 * Types of the FaceTec Browser SDK 9.x "classic" global, written from what the shipped
 * `FaceTecSDK.d.ts` / `FaceTecPublicApi.d.ts` / `FaceTecSession.d.ts` contain according to
 * /work/shared/reference/facetec-browser-sdk.md (§2, §3) and the real 9.7.27 SDK's measured surface
 * (test/fixtures/facetec-9.7.27-surface.json). Nothing here is invented: where neither knows a
 * member's type, the member is typed opaquely (`unknown`) rather than guessed.
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

/** Result of an ID scan (not used by the kiosk, which runs liveness only). 9.7 added 9 and 10. */
export enum FaceTecIDScanStatus {
  Success = 0,
  Unsuccess = 1,
  UserCancelled = 2,
  TimedOut = 3,
  ContextSwitch = 4,
  CameraError = 5,
  CameraNotEnabled = 6,
  Skipped = 7,
  LandscapeModeNotAllowed = 8,
  UnknownInternalError = 9,
  LockedOut = 10
}

export enum FaceTecIDScanNextStep {
  SelectionScreen = 0,
  Skip = 1
}

/** `FaceTecSDK.auditTrailType`: a number (FullResolution by default), not the image count. */
export enum FaceTecAuditTrailType {
  Disabled = 0,
  FullResolution = 1
}

/** The deprecated `retry(retryScreen?)` argument. */
export enum FaceTecRetryScreen {
  ShowStandardRetryScreenIfRejected = 0,
  ShowCameraFeedIssueScreenIfRejected = 1
}

export enum FaceTecExitAnimationStyle {
  None = 0,
  RippleOut = 1,
  FadeOutMin = 2
}

/** Declared in the `.d.ts` for `vocalGuidanceCustomization.mode`, but not on the runtime global. */
export enum FaceTecVocalGuidanceMode {
  MINIMAL_VOCAL_GUIDANCE = 0,
  FULL_VOCAL_GUIDANCE = 1,
  NO_VOCAL_GUIDANCE = 2
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

/** `cancelButtonCustomization.customLocation`. */
export interface FaceTecRect {
  x: number
  y: number
  width: number
  height: number
}

/*
 * The customization sub-objects, field for field as the 9.7.27 runtime creates them (the order is the
 * SDK's own), typed as its `.d.ts` declares them. Image fields default to files in the images directory.
 */

export interface FaceTecOvalCustomization {
  strokeColor: string
  progressColor1: string
  progressColor2: string
  progressStrokeWidth: number
  strokeWidth: number
}

export interface FaceTecFeedbackBarCustomization {
  backgroundColor: string
  textColor: string
  textFont: string
  cornerRadius: string
  shadow: string
  enablePulsatingText: boolean
}

export interface FaceTecFrameCustomization {
  borderColor: string
  borderCornerRadius: string
  borderWidth: string
  backgroundColor: string
  shadow: string
}

export interface FaceTecExitAnimationCustomization {
  exitAnimationSuccess: FaceTecExitAnimationStyle
  exitAnimationUnsuccess: FaceTecExitAnimationStyle
}

export interface FaceTecCancelButtonCustomization {
  location: FaceTecCancelButtonLocation
  customLocation: FaceTecRect
  customImage: string
  hideForCameraPermissions: boolean
  /** Places the cancel button at `location: Custom`. */
  setCustomLocation(x: number, y: number, width: number, height: number): void
}

export interface FaceTecInitialLoadingAnimationCustomization {
  animationRelativeScale: number
  customAnimation: SVGElement | null
  backgroundColor: string
  foregroundColor: string
  messageTextColor: string
  messageFont: string
}

export interface FaceTecGuidanceCustomization {
  defaultLocationForImages: string
  buttonFont: string
  buttonBorderWidth: string
  buttonBorderColor: string
  buttonCornerRadius: string
  buttonTextNormalColor: string
  buttonTextHighlightColor: string
  buttonTextDisabledColor: string
  buttonBackgroundNormalColor: string
  buttonBackgroundHighlightColor: string
  buttonBackgroundDisabledColor: string
  headerFont: string
  subtextFont: string
  readyScreenHeaderFont: string
  readyScreenHeaderTextColor: string
  readyScreenSubtextFont: string
  readyScreenSubtextTextColor: string
  retryScreenHeaderFont: string
  retryScreenHeaderTextColor: string
  retryScreenSubtextFont: string
  retryScreenSubtextTextColor: string
  backgroundColors: string
  foregroundColor: string
  readyScreenOvalFillColor: string
  readyScreenTextBackgroundColor: string
  readyScreenTextBackgroundCornerRadius: string
  retryScreenIdealImage: string
  retryScreenSlideshowImages: string[]
  retryScreenSlideshowInterval: string
  enableRetryScreenSlideshowShuffle: boolean
  retryScreenImageBorderColor: string
  retryScreenImageBorderWidth: string
  retryScreenImageCornerRadius: string
  retryScreenOvalStrokeColor: string
  cameraPermissionsScreenImage: string
  cameraFeedIssueScreenImage: string
}

export interface FaceTecEnterFullScreenCustomization {
  defaultLocationForImages: string
  borderColor: string
  borderCornerRadius: string
  borderWidth: string
  buttonFont: string
  buttonBorderWidth: string
  buttonBorderColor: string
  buttonCornerRadius: string
  buttonTextNormalColor: string
  buttonTextHighlightColor: string
  buttonTextDisabledColor: string
  buttonBackgroundNormalColor: string
  buttonBackgroundHighlightColor: string
  buttonBackgroundDisabledColor: string
  headerFont: string
  subtextFont: string
  backgroundColors: string
  foregroundColor: string
  enterFullScreenImage: string
  shadow: string
}

export interface FaceTecOverlayCustomization {
  defaultLocationForImages: string
  backgroundColor: string
  showBrandingImage: boolean
  brandingImage: string
}

export interface FaceTecResultScreenCustomization {
  backgroundColors: string
  foregroundColor: string
  resultAnimationBackgroundColor: string
  resultAnimationForegroundColor: string
  resultAnimationSuccessBackgroundImage: string
  resultAnimationUnsuccessBackgroundImage: string
  customResultAnimationSuccess: SVGElement | null
  customResultAnimationUnsuccess: SVGElement | null
  messageFont: string
  activityIndicatorColor: string
  customActivityIndicatorImage: string
  customActivityIndicatorRotationInterval: string
  customActivityIndicatorAnimation: SVGElement | null
  animationRelativeScale: number
  showUploadProgressBar: boolean
  uploadProgressFillColor: string
  uploadProgressTrackColor: string
  resultAnimationDisplayTime: number
}

export interface FaceTecIDScanCustomization {
  defaultLocationForImages: string
  selectionScreenForegroundColor: string
  headerFont: string
  buttonFont: string
  buttonBorderWidth: string
  buttonBorderColor: string
  buttonCornerRadius: string
  buttonTextNormalColor: string
  buttonTextHighlightColor: string
  buttonTextDisabledColor: string
  buttonBackgroundNormalColor: string
  buttonBackgroundHighlightColor: string
  buttonBackgroundDisabledColor: string
  selectionScreenBackgroundColors: string
  selectionScreenDocumentImage: string
  captureScreenForegroundColor: string
  captureScreenTextBackgroundColor: string
  captureScreenTextBackgroundBorderColor: string
  captureScreenTextBackgroundBorderWidth: string
  captureScreenTextBackgroundCornerRadius: string
  captureScreenBackgroundColor: string
  captureFrameStrokeColor: string
  captureFrameStrokeWidth: string
  captureFrameCornerRadius: string
  subtextFont: string
  reviewScreenForegroundColor: string
  reviewScreenTextBackgroundColor: string
  reviewScreenTextBackgroundBorderColor: string
  reviewScreenTextBackgroundBorderWidth: string
  reviewScreenTextBackgroundBorderCornerRadius: string
  reviewScreenDocumentPreviewCornerRadius: string
  reviewScreenBackgroundColors: string
  showSelectionScreenDocumentImage: boolean
  additionalReviewScreenBackgroundColors: string
  additionalReviewScreenForegroundColor: string
  additionalReviewScreenImage: string
  additionalReviewScreenAnimation: SVGElement | null
  idFeedbackScreenBackgroundColors: string
  idFeedbackScreenForegroundColor: string
  idFeedbackScreenFlipIDFrontImage: string
  idFeedbackScreenFlipIDBackImage: string
  idFeedbackScreenFlipIDToBackAnimation: SVGElement | null
  showFaceMatchToIDBrandingImage: boolean
  faceMatchToIDBrandingImage: string
  standaloneIDScanWatermark: string
  disableAdditionalReviewScreen: boolean
  disableIDFeedbackScreen: boolean
  additionalReviewScreenAnimationDisplayTime: number
  idFeedbackScreenAnimationDisplayTime: number
}

export interface FaceTecOCRConfirmationCustomization {
  backgroundColors: string
  mainHeaderDividerLineColor: string
  mainHeaderDividerLineWidth: string
  mainHeaderFont: string
  mainHeaderTextColor: string
  sectionHeaderFont: string
  sectionHeaderTextColor: string
  fieldLabelFont: string
  fieldLabelTextColor: string
  fieldValueFont: string
  fieldValueTextColor: string
  inputFieldBackgroundColor: string
  inputFieldFont: string
  inputFieldTextColor: string
  inputFieldBorderColor: string
  inputFieldBorderWidth: string
  inputFieldCornerRadius: string
  inputFieldPlaceholderFont: string
  inputFieldPlaceholderTextColor: string
  showInputFieldBottomBorderOnly: boolean
  buttonFont: string
  buttonBorderWidth: string
  buttonBorderColor: string
  buttonCornerRadius: string
  buttonTextNormalColor: string
  buttonTextHighlightColor: string
  buttonTextDisabledColor: string
  buttonBackgroundNormalColor: string
  buttonBackgroundHighlightColor: string
  buttonBackgroundDisabledColor: string
  customScrollIndicatorAnimation: SVGElement | null
  scrollIndicatorBackgroundNormalColor: string
  scrollIndicatorBackgroundHighlightColor: string
  scrollIndicatorForegroundNormalColor: string
  scrollIndicatorForegroundHighlightColor: string
  scrollIndicatorBorderColor: string
  scrollIndicatorBorderWidth: string
  scrollIndicatorCornerRadius: string
  scrollIndicatorFont: string
  scrollIndicatorShadow: string
  enableScrollIndicator: boolean
  enableScrollIndicatorTextAnimation: boolean
  enableFixedConfirmButton: boolean
  showScrollIndicatorImage: boolean
}

export interface FaceTecSecurityWatermarkCustomization {
  securityWatermarkImage: FaceTecSecurityWatermarkImage
  setSecurityWatermarkImage(image: FaceTecSecurityWatermarkImage): void
}

export interface FaceTecVocalGuidanceCustomization {
  mode: FaceTecVocalGuidanceMode
  pleaseFrameYourFaceInTheOvalSoundFile: string
  pleaseMoveCloserSoundFile: string
  pleaseRetrySoundFile: string
  uploadingSoundFile: string
  facescanSuccessfulSoundFile: string
  pleasePressTheButtonToStartSoundFile: string
}

/** `new FaceTecSDK.FaceTecCustomization()`: its sub-objects, then its switches. */
export interface FaceTecCustomization {
  ovalCustomization: FaceTecOvalCustomization
  feedbackCustomization: FaceTecFeedbackBarCustomization
  frameCustomization: FaceTecFrameCustomization
  exitAnimationCustomization: FaceTecExitAnimationCustomization
  cancelButtonCustomization: FaceTecCancelButtonCustomization
  initialLoadingAnimationCustomization: FaceTecInitialLoadingAnimationCustomization
  guidanceCustomization: FaceTecGuidanceCustomization
  enterFullScreenCustomization: FaceTecEnterFullScreenCustomization
  overlayCustomization: FaceTecOverlayCustomization
  resultScreenCustomization: FaceTecResultScreenCustomization
  idScanCustomization: FaceTecIDScanCustomization
  ocrConfirmationCustomization: FaceTecOCRConfirmationCustomization
  securityWatermarkCustomization: FaceTecSecurityWatermarkCustomization
  vocalGuidanceCustomization: FaceTecVocalGuidanceCustomization
  enableHotKeyProtection: boolean
  enableCameraPermissionsHelpScreen: boolean
  shouldDrawBackgroundsOpaque: boolean
  shouldDrawOvalStrokeOpaque: boolean
  enableClickableReadyScreenSubtext: boolean
  enableDevelopmentModeTag: boolean
  enableUnconstrainedGuidanceStringLengths: boolean
  enableStandaloneIDScanWatermarkCustomization: boolean
}

export interface FaceTecCustomizationClass {
  new (featureFlags?: unknown): FaceTecCustomization
  /** Read when the next success screen shows (set it before `proceedToNextStep`). */
  setOverrideResultScreenSuccessMessage(message: string): void
  setIDScanResultScreenMessageOverrides(
    successFrontSide: string,
    successFrontSideBackNext: string,
    successBackSide: string,
    successPassport: string,
    successUserConfirmation: string,
    successAdditionalReview: string,
    retryFaceDidNotMatch: string,
    retryIDNotFullyVisible?: string,
    retryOCRResultsNotGoodEnough?: string,
    retryIDTypeNotSupported?: string
  ): void
  setIDScanUploadMessageOverrides(
    frontSideUploadStarted: string,
    frontSideStillUploading: string,
    frontSideUploadCompleteAwaitingResponse: string,
    frontSideUploadCompleteAwaitingProcessing: string,
    backSideUploadStarted: string,
    backSideStillUploading: string,
    backSideUploadCompleteAwaitingResponse: string,
    backSideUploadCompleteAwaitingProcessing: string,
    userConfirmedInfoUploadStarted: string,
    userConfirmedInfoStillUploading: string,
    userConfirmedInfoUploadCompleteAwaitingResponse: string,
    userConfirmedInfoUploadCompleteAwaitingProcessing: string
  ): void
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

/** A base "class" of the SDK (a processor or callback interface): present on the global, nothing to call. */
export type FaceTecInterfaceClass = new () => object

/**
 * `window.FaceTecSDK` of a 9.x Browser SDK: the 9.7.27 members, in the order the real global lists them
 * (`unload` is 9.6's name for `deinitialize`). The simulated SDK's surface test pins it to the real one.
 */
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
  readonly FaceTecSDKStatus: typeof FaceTecSDKStatus
  /** @deprecated 9.7. English text for logs; the kiosk words statuses itself. */
  getFriendlyDescriptionForFaceTecSDKStatus(enumValue: FaceTecSDKStatus): string
  readonly FaceTecSession: FaceTecSessionConstructor
  /** Needs FaceTec's permission; never used by the kiosk (no iframes). */
  readonly FaceTecSessionFromIFrame: FaceTecSessionConstructor
  readonly FaceTecFaceScanProcessor: FaceTecInterfaceClass
  readonly FaceTecIDScanProcessor: FaceTecInterfaceClass
  readonly FaceTecLoggingMode: typeof FaceTecLoggingMode
  readonly FaceTecSessionStatus: typeof FaceTecSessionStatus
  readonly FaceTecIDScanStatus: typeof FaceTecIDScanStatus
  /** @deprecated 9.7. */
  getFriendlyDescriptionForFaceTecIDScanStatus(enumValue: FaceTecIDScanStatus): string
  readonly FaceTecIDScanNextStep: typeof FaceTecIDScanNextStep
  readonly FaceTecFaceScanResultCallback: FaceTecInterfaceClass
  readonly FaceTecIDScanResultCallback: FaceTecInterfaceClass
  /** @deprecated 9.7. */
  getFriendlyDescriptionForFaceTecSessionStatus(enumValue: FaceTecSessionStatus): string
  readonly FaceTecCustomization: FaceTecCustomizationClass
  readonly FaceTecOvalCustomization: new () => FaceTecOvalCustomization
  readonly FaceTecCancelButtonCustomization: new () => FaceTecCancelButtonCustomization
  readonly FaceTecExitAnimationCustomization: new () => FaceTecExitAnimationCustomization
  readonly FaceTecFeedbackBarCustomization: new () => FaceTecFeedbackBarCustomization
  readonly FaceTecFrameCustomization: new () => FaceTecFrameCustomization
  readonly FaceTecOverlayCustomization: new () => FaceTecOverlayCustomization
  readonly FaceTecGuidanceCustomization: new (featureFlags?: unknown) => FaceTecGuidanceCustomization
  readonly FaceTecResultScreenCustomization: new () => FaceTecResultScreenCustomization
  readonly FaceTecEnterFullScreenCustomization: new (featureFlags?: unknown) => FaceTecEnterFullScreenCustomization
  setCustomization(customization: FaceTecCustomization): void
  setLowLightCustomization(customization: FaceTecCustomization | null): void
  setDynamicDimmingCustomization(customization: FaceTecCustomization | null): void
  readonly FaceTecExitAnimationStyle: typeof FaceTecExitAnimationStyle
  readonly FaceTecCancelButtonLocation: typeof FaceTecCancelButtonLocation
  readonly FaceTecSecurityWatermarkCustomization: new () => FaceTecSecurityWatermarkCustomization
  readonly FaceTecSecurityWatermarkImage: typeof FaceTecSecurityWatermarkImage
  /** A data property in the real SDK despite the name (null while not locked out). */
  readonly getLockoutEndTime: number | null
  isLockedOut(): boolean
  readonly FaceTecAuditTrailType: typeof FaceTecAuditTrailType
  readonly FaceTecRetryScreen: typeof FaceTecRetryScreen
  /** Only after a successful initialization. */
  configureLocalization(localizationDictionary: Readonly<Record<string, string>>): void
  configureOCRLocalization(localizationJSON: unknown): void
  /** A number (FullResolution, 1), unrelated to how many images `setMaxAuditTrailImages` asks for. */
  auditTrailType: FaceTecAuditTrailType
  setMaxAuditTrailImages(count: FaceTecAuditTrailImagesToReturn): void
  readonly FaceTecAuditTrailImagesToReturn: typeof FaceTecAuditTrailImagesToReturn
  /** @deprecated 9.7: use deinitialize. */
  unload?(callback: () => void): void
  /** 9.7+. Whether it aborts a running session is unknown. */
  deinitialize?(callback: () => void): void
  setFaceTecLoggingMode(mode: FaceTecLoggingMode): void
  /** There is no `getVersion()`. */
  version(): string
  setResourceDirectory(resourceDirectory: string): void
  setImagesDirectory(imagesDirectory: string): void
  /**
   * The `X-User-Agent` value: `""` when asking for a session token, the sessionId when uploading.
   * Measured on 9.7.27 before initialization: `facetec|sdk|web|<host>||NOT-INITIALIZED|unset|<version>|<locale>|<language>[|<sessionId>]`.
   */
  createFaceTecAPIUserAgentString(sessionID: string): string
}

declare global {
  interface Window {
    /** Set by the FaceTec SDK's classic script (the operator's real one, or demo mode's simulated one). */
    FaceTecSDK?: FaceTecSDKGlobal
  }
}
