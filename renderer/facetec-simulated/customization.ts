/**
 * `FaceTecSDK.FaceTecCustomization`: the nested sub-objects of the real class (reference §2) with
 * FaceTec-like defaults. The simulated UI reads a handful of them (colours, cancel button location).
 */
import {
  FaceTecCancelButtonLocation,
  FaceTecSecurityWatermarkImage,
  type FaceTecCustomization as CustomizationShape
} from '../src/facetec/sdk-types'

import { core } from './core'

export class FaceTecCustomization implements CustomizationShape {
  frameCustomization = { backgroundColor: '#ffffff', borderColor: '#ffffff', borderCornerRadius: '20px' }
  overlayCustomization = { backgroundColor: '#ffffff', brandingImage: '' }
  guidanceCustomization = {
    backgroundColors: '#ffffff',
    foregroundColor: '#474747',
    buttonBackgroundNormalColor: '#417fb2',
    buttonBackgroundDisabledColor: '#b3d4fc',
    buttonBackgroundHighlightColor: '#396e99',
    buttonTextNormalColor: '#ffffff',
    buttonTextDisabledColor: '#ffffff',
    buttonTextHighlightColor: '#ffffff',
    retryScreenImageBorderColor: '#417fb2',
    retryScreenOvalStrokeColor: '#ffffff'
  }
  ovalCustomization = { strokeColor: '#417fb2', progressColor1: '#0264dc', progressColor2: '#0264dc' }
  feedbackCustomization = { backgroundColor: '#417fb2', textColor: '#ffffff' }
  cancelButtonCustomization = { customImage: '', location: FaceTecCancelButtonLocation.TopLeft }
  resultScreenCustomization = {
    backgroundColors: '#ffffff',
    foregroundColor: '#474747',
    activityIndicatorColor: '#417fb2',
    resultAnimationBackgroundColor: '#417fb2',
    resultAnimationForegroundColor: '#ffffff',
    uploadProgressFillColor: '#417fb2'
  }
  initialLoadingAnimationCustomization: Record<string, unknown> = {}
  idScanCustomization: Record<string, unknown> = {}
  ocrConfirmationCustomization: Record<string, unknown> = {}
  enterFullScreenCustomization: Record<string, unknown> = {}
  securityWatermarkCustomization = {
    image: FaceTecSecurityWatermarkImage.FaceTec_ZoOm,
    setSecurityWatermarkImage(image: FaceTecSecurityWatermarkImage): void {
      this.image = image
    }
  }
  vocalGuidanceCustomization: Record<string, unknown> = {}
  exitAnimationCustomization: Record<string, unknown> = {}
  enableHotKeyProtection = false
  enableCameraPermissionsHelpScreen = true
  shouldDrawOvalStrokeOpaque = false
  enableDevelopmentModeTag = true

  constructor(featureFlags?: unknown) {
    void featureFlags
  }

  /** Like the real static, it applies to every later success screen. */
  static setOverrideResultScreenSuccessMessage(message: string): void {
    core.records.call('FaceTecCustomization.setOverrideResultScreenSuccessMessage', [message])
    core.successMessageOverride = message
  }

  static setIDScanResultScreenMessageOverrides(...messages: unknown[]): void {
    core.records.call('FaceTecCustomization.setIDScanResultScreenMessageOverrides', messages)
  }

  static setIDScanUploadMessageOverrides(...messages: unknown[]): void {
    core.records.call('FaceTecCustomization.setIDScanUploadMessageOverrides', messages)
  }
}
