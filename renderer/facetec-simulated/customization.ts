/**
 * `FaceTecSDK.FaceTecCustomization` and its sub-customization classes, as the real 9.7.27 SDK builds
 * them: plain constructor functions (not `class` syntax, like the real bundle's), every field in the
 * SDK's order with the SDK's default, image fields pointing into the images directory set at the time.
 * test/renderer/facetec/surface.browser.test.ts compares all of it with the measured real SDK. The
 * simulated UI reads a handful of these (colours, cancel button).
 */
import {
  FaceTecCancelButtonLocation,
  FaceTecExitAnimationStyle,
  FaceTecSecurityWatermarkImage,
  FaceTecVocalGuidanceMode,
  type FaceTecCustomization as CustomizationShape,
  type FaceTecCustomizationClass
} from '../src/facetec/sdk-types'
import type * as Shape from '../src/facetec/sdk-types'
import { core } from './core'

/** The data fields of a customization class (its methods live on the prototype). */
type Fields<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: T[K] }

/** A file in the images directory, as the SDK's defaults name them. */
const image = (images: string, file: string): string => `${images.replace(/\/$/, '')}/${file}`

const ovalCustomizationDefaults = (): Fields<Shape.FaceTecOvalCustomization> => ({
  strokeColor: 'rgb(65, 127, 178)',
  progressColor1: 'rgba(65, 127, 178, 0.85)',
  progressColor2: 'rgba(65, 127, 178, 0.85)',
  progressStrokeWidth: 8,
  strokeWidth: 6
})

const feedbackCustomizationDefaults = (): Fields<Shape.FaceTecFeedbackBarCustomization> => ({
  backgroundColor: 'rgb(65, 127, 178)',
  textColor: 'white',
  textFont: "normal bold 22px/50px 'Source Sans Pro', Helvetica, sans-serif",
  cornerRadius: '2px',
  shadow: '0px 3px 10px black',
  enablePulsatingText: true
})

const frameCustomizationDefaults = (): Fields<Shape.FaceTecFrameCustomization> => ({
  borderColor: 'rgb(65, 127, 178)',
  borderCornerRadius: '20px',
  borderWidth: '2px',
  backgroundColor: '#fff',
  shadow: 'none'
})

const exitAnimationCustomizationDefaults = (): Fields<Shape.FaceTecExitAnimationCustomization> => ({
  exitAnimationSuccess: FaceTecExitAnimationStyle.RippleOut,
  exitAnimationUnsuccess: FaceTecExitAnimationStyle.FadeOutMin
})

const cancelButtonCustomizationDefaults = (images: string): Fields<Shape.FaceTecCancelButtonCustomization> => ({
  location: FaceTecCancelButtonLocation.TopLeft,
  customLocation: { x: 0, y: 0, width: 0, height: 0 },
  customImage: image(images, 'FaceTec_cancel.png'),
  hideForCameraPermissions: false
})

const initialLoadingAnimationCustomizationDefaults = (): Fields<Shape.FaceTecInitialLoadingAnimationCustomization> => ({
  animationRelativeScale: 1,
  customAnimation: null,
  backgroundColor: '#f3f3f3',
  foregroundColor: 'rgb(65, 127, 178)',
  messageTextColor: '',
  messageFont: "'Source Sans Pro', Helvetica, sans-serif"
})

const guidanceCustomizationDefaults = (images: string): Fields<Shape.FaceTecGuidanceCustomization> => ({
  defaultLocationForImages: images,
  buttonFont: '',
  buttonBorderWidth: '0px',
  buttonBorderColor: 'transparent',
  buttonCornerRadius: '8px',
  buttonTextNormalColor: '#fff',
  buttonTextHighlightColor: '#fff',
  buttonTextDisabledColor: 'white',
  buttonBackgroundNormalColor: 'rgb(65, 127, 178)',
  buttonBackgroundHighlightColor: 'rgb(57, 110, 153)',
  buttonBackgroundDisabledColor: 'rgba(65, 127, 178, 0.4)',
  headerFont: "'Source Sans Pro', Helvetica, sans-serif",
  subtextFont: "'Source Sans Pro', Helvetica, sans-serif",
  readyScreenHeaderFont: '',
  readyScreenHeaderTextColor: '',
  readyScreenSubtextFont: '',
  readyScreenSubtextTextColor: '',
  retryScreenHeaderFont: '',
  retryScreenHeaderTextColor: '',
  retryScreenSubtextFont: '',
  retryScreenSubtextTextColor: '',
  backgroundColors: '#fff',
  foregroundColor: 'rgb(65, 127, 178)',
  readyScreenOvalFillColor: 'transparent',
  readyScreenTextBackgroundColor: '#fff',
  readyScreenTextBackgroundCornerRadius: '3px',
  retryScreenIdealImage: image(images, 'FaceTec_ideal.png'),
  retryScreenSlideshowImages: [],
  retryScreenSlideshowInterval: '1500ms',
  enableRetryScreenSlideshowShuffle: true,
  retryScreenImageBorderColor: 'rgb(65, 127, 178)',
  retryScreenImageBorderWidth: '1px',
  retryScreenImageCornerRadius: '10px',
  retryScreenOvalStrokeColor: 'white',
  cameraPermissionsScreenImage: image(images, 'FaceTec_camera.png'),
  cameraFeedIssueScreenImage: image(images, 'FaceTec_camera.png')
})

const enterFullScreenCustomizationDefaults = (images: string): Fields<Shape.FaceTecEnterFullScreenCustomization> => ({
  defaultLocationForImages: images,
  borderColor: 'rgb(65, 127, 178)',
  borderCornerRadius: '20px',
  borderWidth: '2px',
  buttonFont: '',
  buttonBorderWidth: '0px',
  buttonBorderColor: 'transparent',
  buttonCornerRadius: '8px',
  buttonTextNormalColor: '#fff',
  buttonTextHighlightColor: '#fff',
  buttonTextDisabledColor: 'white',
  buttonBackgroundNormalColor: 'rgb(65, 127, 178)',
  buttonBackgroundHighlightColor: 'rgb(57, 110, 153)',
  buttonBackgroundDisabledColor: 'rgba(65, 127, 178, 0.4)',
  headerFont: "'Source Sans Pro', Helvetica, sans-serif",
  subtextFont: "'Source Sans Pro', Helvetica, sans-serif",
  backgroundColors: '#fff',
  foregroundColor: 'rgb(65, 127, 178)',
  enterFullScreenImage: image(images, 'FaceTec_enter_fullscreen.png'),
  shadow: 'none'
})

const overlayCustomizationDefaults = (images: string): Fields<Shape.FaceTecOverlayCustomization> => ({
  defaultLocationForImages: images,
  backgroundColor: '#fff',
  showBrandingImage: true,
  brandingImage: image(images, 'FaceTec_your_app_logo.png')
})

const resultScreenCustomizationDefaults = (): Fields<Shape.FaceTecResultScreenCustomization> => ({
  backgroundColors: '#fff',
  foregroundColor: 'rgb(65, 127, 178)',
  resultAnimationBackgroundColor: 'rgb(65, 127, 178)',
  resultAnimationForegroundColor: '#fff',
  resultAnimationSuccessBackgroundImage: '',
  resultAnimationUnsuccessBackgroundImage: '',
  customResultAnimationSuccess: null,
  customResultAnimationUnsuccess: null,
  messageFont: "'Source Sans Pro', Helvetica, sans-serif",
  activityIndicatorColor: 'rgb(65, 127, 178)',
  customActivityIndicatorImage: '',
  customActivityIndicatorRotationInterval: '1s',
  customActivityIndicatorAnimation: null,
  animationRelativeScale: 1,
  showUploadProgressBar: true,
  uploadProgressFillColor: 'rgb(65, 127, 178)',
  uploadProgressTrackColor: 'RGBA(0, 0, 0, .20)',
  resultAnimationDisplayTime: 2
})

const idScanCustomizationDefaults = (images: string): Fields<Shape.FaceTecIDScanCustomization> => ({
  defaultLocationForImages: images,
  selectionScreenForegroundColor: 'rgb(65, 127, 178)',
  headerFont: "'Source Sans Pro', Helvetica, sans-serif",
  buttonFont: "'Source Sans Pro', Helvetica, sans-serif",
  buttonBorderWidth: '0px',
  buttonBorderColor: 'transparent',
  buttonCornerRadius: '8px',
  buttonTextNormalColor: '#fff',
  buttonTextHighlightColor: '#fff',
  buttonTextDisabledColor: 'white',
  buttonBackgroundNormalColor: 'rgb(65, 127, 178)',
  buttonBackgroundHighlightColor: 'rgb(57, 110, 153)',
  buttonBackgroundDisabledColor: 'rgba(65, 127, 178, 0.4)',
  selectionScreenBackgroundColors: '#fff',
  selectionScreenDocumentImage: image(images, 'FaceTec_document.png'),
  captureScreenForegroundColor: '#fff',
  captureScreenTextBackgroundColor: 'rgb(65, 127, 178)',
  captureScreenTextBackgroundBorderColor: 'transparent',
  captureScreenTextBackgroundBorderWidth: '0px',
  captureScreenTextBackgroundCornerRadius: '5px',
  captureScreenBackgroundColor: 'white',
  captureFrameStrokeColor: 'rgb(65, 127, 178)',
  captureFrameStrokeWidth: '2px',
  captureFrameCornerRadius: '12px',
  subtextFont: "'Source Sans Pro', Helvetica, sans-serif",
  reviewScreenForegroundColor: 'white',
  reviewScreenTextBackgroundColor: 'rgb(65, 127, 178)',
  reviewScreenTextBackgroundBorderColor: 'transparent',
  reviewScreenTextBackgroundBorderWidth: '0px',
  reviewScreenTextBackgroundBorderCornerRadius: '5px',
  reviewScreenDocumentPreviewCornerRadius: '20px',
  reviewScreenBackgroundColors: '#fff',
  showSelectionScreenDocumentImage: true,
  additionalReviewScreenBackgroundColors: '#fff',
  additionalReviewScreenForegroundColor: 'rgb(65, 127, 178)',
  additionalReviewScreenImage: image(images, 'FaceTec_review.png'),
  additionalReviewScreenAnimation: null,
  idFeedbackScreenBackgroundColors: '#fff',
  idFeedbackScreenForegroundColor: 'rgb(65, 127, 178)',
  idFeedbackScreenFlipIDFrontImage: image(images, 'FaceTec_id_card_front.png'),
  idFeedbackScreenFlipIDBackImage: image(images, 'FaceTec_id_card_back.png'),
  idFeedbackScreenFlipIDToBackAnimation: null,
  showFaceMatchToIDBrandingImage: false,
  faceMatchToIDBrandingImage: image(images, 'FaceTec_face_match_to_id_branding_logo.png'),
  standaloneIDScanWatermark: image(images, 'FaceTec_standalone_id_scan_watermark.png'),
  disableAdditionalReviewScreen: false,
  disableIDFeedbackScreen: false,
  additionalReviewScreenAnimationDisplayTime: 2,
  idFeedbackScreenAnimationDisplayTime: 2
})

const ocrConfirmationCustomizationDefaults = (): Fields<Shape.FaceTecOCRConfirmationCustomization> => ({
  backgroundColors: 'rgb(255, 255, 255)',
  mainHeaderDividerLineColor: 'rgb(65, 127, 178)',
  mainHeaderDividerLineWidth: '2px',
  mainHeaderFont: "'Source Sans Pro', Helvetica, sans-serif",
  mainHeaderTextColor: 'rgb(65, 127, 178)',
  sectionHeaderFont: "'Source Sans Pro', Helvetica, sans-serif",
  sectionHeaderTextColor: 'rgb(51, 51, 51)',
  fieldLabelFont: "'Source Sans Pro', Helvetica, sans-serif",
  fieldLabelTextColor: 'rgb(51, 51, 51)',
  fieldValueFont: "'Source Sans Pro', Helvetica, sans-serif",
  fieldValueTextColor: 'rgb(51, 51, 51)',
  inputFieldBackgroundColor: 'transparent',
  inputFieldFont: '',
  inputFieldTextColor: '',
  inputFieldBorderColor: 'rgb(51, 51, 51)',
  inputFieldBorderWidth: '1px',
  inputFieldCornerRadius: '3px',
  inputFieldPlaceholderFont: '',
  inputFieldPlaceholderTextColor: '',
  showInputFieldBottomBorderOnly: false,
  buttonFont: "'Source Sans Pro', Helvetica, sans-serif",
  buttonBorderWidth: '0px',
  buttonBorderColor: 'transparent',
  buttonCornerRadius: '8px',
  buttonTextNormalColor: 'rgb(255, 255, 255)',
  buttonTextHighlightColor: 'rgb(255, 255, 255)',
  buttonTextDisabledColor: 'rgb(255, 255, 255)',
  buttonBackgroundNormalColor: 'rgb(65, 127, 178)',
  buttonBackgroundHighlightColor: 'rgb(57, 110, 153)',
  buttonBackgroundDisabledColor: 'rgba(65, 127, 178, 0.4)',
  customScrollIndicatorAnimation: null,
  scrollIndicatorBackgroundNormalColor: 'rgb(65, 127, 178)',
  scrollIndicatorBackgroundHighlightColor: 'rgb(57, 110, 153)',
  scrollIndicatorForegroundNormalColor: 'rgb(255, 255, 255)',
  scrollIndicatorForegroundHighlightColor: 'rgb(255, 255, 255)',
  scrollIndicatorBorderColor: 'transparent',
  scrollIndicatorBorderWidth: '0px',
  scrollIndicatorCornerRadius: '-1',
  scrollIndicatorFont: "'Source Sans Pro', Helvetica, sans-serif",
  scrollIndicatorShadow: '0px 3px 10px black',
  enableScrollIndicator: true,
  enableScrollIndicatorTextAnimation: true,
  enableFixedConfirmButton: false,
  showScrollIndicatorImage: true
})

const securityWatermarkCustomizationDefaults = (): Fields<Shape.FaceTecSecurityWatermarkCustomization> => ({
  securityWatermarkImage: FaceTecSecurityWatermarkImage.FaceTec_ZoOm
})

const vocalGuidanceCustomizationDefaults = (): Fields<Shape.FaceTecVocalGuidanceCustomization> => ({
  mode: FaceTecVocalGuidanceMode.MINIMAL_VOCAL_GUIDANCE,
  pleaseFrameYourFaceInTheOvalSoundFile: '',
  pleaseMoveCloserSoundFile: '',
  pleaseRetrySoundFile: '',
  uploadingSoundFile: '',
  facescanSuccessfulSoundFile: '',
  pleasePressTheButtonToStartSoundFile: ''
})

type Constructor<T> = new (featureFlags?: unknown) => T

/**
 * A constructor function with the real one's parameter count, whose instances get `defaults` for the
 * images directory in force when they are created, and `methods` on the prototype.
 */
function customizationClass<T extends object>(
  name: string,
  parameters: 0 | 1,
  defaults: (images: string) => Fields<T>,
  methods: ThisType<T> & Partial<T> = {}
): Constructor<T> {
  const create =
    parameters === 0
      ? function (this: T) {
          Object.assign(this, defaults(core.imagesDirectory))
        }
      : function (this: T, _featureFlags?: unknown) {
          Object.assign(this, defaults(core.imagesDirectory))
        }
  Object.defineProperty(create, 'name', { value: name })
  Object.assign(create.prototype as object, methods)
  return create as unknown as Constructor<T>
}

export const FaceTecOvalCustomization = customizationClass<Shape.FaceTecOvalCustomization>(
  'FaceTecOvalCustomization',
  0,
  ovalCustomizationDefaults
)
export const FaceTecFeedbackBarCustomization = customizationClass<Shape.FaceTecFeedbackBarCustomization>(
  'FaceTecFeedbackBarCustomization',
  0,
  feedbackCustomizationDefaults
)
export const FaceTecFrameCustomization = customizationClass<Shape.FaceTecFrameCustomization>(
  'FaceTecFrameCustomization',
  0,
  frameCustomizationDefaults
)
export const FaceTecExitAnimationCustomization = customizationClass<Shape.FaceTecExitAnimationCustomization>(
  'FaceTecExitAnimationCustomization',
  0,
  exitAnimationCustomizationDefaults
)
export const FaceTecCancelButtonCustomization = customizationClass<Shape.FaceTecCancelButtonCustomization>(
  'FaceTecCancelButtonCustomization',
  0,
  cancelButtonCustomizationDefaults,
  {
    setCustomLocation(x: number, y: number, width: number, height: number): void {
      this.customLocation = { x, y, width, height }
    }
  }
)
const FaceTecInitialLoadingAnimationCustomization =
  customizationClass<Shape.FaceTecInitialLoadingAnimationCustomization>(
    'FaceTecInitialLoadingAnimationCustomization',
    0,
    initialLoadingAnimationCustomizationDefaults
  )
export const FaceTecGuidanceCustomization = customizationClass<Shape.FaceTecGuidanceCustomization>(
  'FaceTecGuidanceCustomization',
  1,
  guidanceCustomizationDefaults
)
export const FaceTecEnterFullScreenCustomization = customizationClass<Shape.FaceTecEnterFullScreenCustomization>(
  'FaceTecEnterFullScreenCustomization',
  1,
  enterFullScreenCustomizationDefaults
)
export const FaceTecOverlayCustomization = customizationClass<Shape.FaceTecOverlayCustomization>(
  'FaceTecOverlayCustomization',
  0,
  overlayCustomizationDefaults
)
export const FaceTecResultScreenCustomization = customizationClass<Shape.FaceTecResultScreenCustomization>(
  'FaceTecResultScreenCustomization',
  0,
  resultScreenCustomizationDefaults
)
const FaceTecIDScanCustomization = customizationClass<Shape.FaceTecIDScanCustomization>(
  'FaceTecIDScanCustomization',
  0,
  idScanCustomizationDefaults
)
const FaceTecOCRConfirmationCustomization = customizationClass<Shape.FaceTecOCRConfirmationCustomization>(
  'FaceTecOCRConfirmationCustomization',
  0,
  ocrConfirmationCustomizationDefaults
)
export const FaceTecSecurityWatermarkCustomization = customizationClass<Shape.FaceTecSecurityWatermarkCustomization>(
  'FaceTecSecurityWatermarkCustomization',
  0,
  securityWatermarkCustomizationDefaults,
  {
    setSecurityWatermarkImage(securityWatermarkImage: FaceTecSecurityWatermarkImage): void {
      this.securityWatermarkImage = securityWatermarkImage
    }
  }
)
const FaceTecVocalGuidanceCustomization = customizationClass<Shape.FaceTecVocalGuidanceCustomization>(
  'FaceTecVocalGuidanceCustomization',
  0,
  vocalGuidanceCustomizationDefaults
)

/** Its sub-objects first, then its switches, in the real SDK's order and with its defaults. */
function FaceTecCustomizationFunction(this: CustomizationShape, _featureFlags?: unknown): void {
  this.ovalCustomization = new FaceTecOvalCustomization()
  this.feedbackCustomization = new FaceTecFeedbackBarCustomization()
  this.frameCustomization = new FaceTecFrameCustomization()
  this.exitAnimationCustomization = new FaceTecExitAnimationCustomization()
  this.cancelButtonCustomization = new FaceTecCancelButtonCustomization()
  this.initialLoadingAnimationCustomization = new FaceTecInitialLoadingAnimationCustomization()
  this.guidanceCustomization = new FaceTecGuidanceCustomization()
  this.enterFullScreenCustomization = new FaceTecEnterFullScreenCustomization()
  this.overlayCustomization = new FaceTecOverlayCustomization()
  this.resultScreenCustomization = new FaceTecResultScreenCustomization()
  this.idScanCustomization = new FaceTecIDScanCustomization()
  this.ocrConfirmationCustomization = new FaceTecOCRConfirmationCustomization()
  this.securityWatermarkCustomization = new FaceTecSecurityWatermarkCustomization()
  this.vocalGuidanceCustomization = new FaceTecVocalGuidanceCustomization()
  this.enableHotKeyProtection = false
  this.enableCameraPermissionsHelpScreen = true
  this.shouldDrawBackgroundsOpaque = true
  this.shouldDrawOvalStrokeOpaque = true
  this.enableClickableReadyScreenSubtext = false
  this.enableDevelopmentModeTag = true
  this.enableUnconstrainedGuidanceStringLengths = false
  this.enableStandaloneIDScanWatermarkCustomization = false
}
Object.defineProperty(FaceTecCustomizationFunction, 'name', { value: 'FaceTecCustomization' })

// The statics, with the real ones' parameter counts. Only the success message matters to the simulated UI.
export const FaceTecCustomization = Object.assign(FaceTecCustomizationFunction, {
  /** Like the real static, it applies to every later success screen. */
  setOverrideResultScreenSuccessMessage(message: string): void {
    core.records.call('FaceTecCustomization.setOverrideResultScreenSuccessMessage', [message])
    core.successMessageOverride = message
  },
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
  ): void {
    core.records.call('FaceTecCustomization.setIDScanResultScreenMessageOverrides', [
      successFrontSide,
      successFrontSideBackNext,
      successBackSide,
      successPassport,
      successUserConfirmation,
      successAdditionalReview,
      retryFaceDidNotMatch,
      retryIDNotFullyVisible,
      retryOCRResultsNotGoodEnough,
      retryIDTypeNotSupported
    ])
  },
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
  ): void {
    core.records.call('FaceTecCustomization.setIDScanUploadMessageOverrides', [
      frontSideUploadStarted,
      frontSideStillUploading,
      frontSideUploadCompleteAwaitingResponse,
      frontSideUploadCompleteAwaitingProcessing,
      backSideUploadStarted,
      backSideStillUploading,
      backSideUploadCompleteAwaitingResponse,
      backSideUploadCompleteAwaitingProcessing,
      userConfirmedInfoUploadStarted,
      userConfirmedInfoStillUploading,
      userConfirmedInfoUploadCompleteAwaitingResponse,
      userConfirmedInfoUploadCompleteAwaitingProcessing
    ])
  }
}) as unknown as FaceTecCustomizationClass
