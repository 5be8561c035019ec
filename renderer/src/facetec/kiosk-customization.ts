/**
 * FaceTec's UI in the kiosk's colours (renderer/src/styles.css) and the operator's accent, so the
 * hand-over from the kiosk's screens to FaceTec's full-screen UI does not flash white. Only fields the
 * reference lists are set. With audio guidance on, FaceTec's own vocal guidance speaks in full.
 */
import { FaceTecCancelButtonLocation, FaceTecVocalGuidanceMode, type FaceTecSDKGlobal } from './sdk-types'

export interface KioskAccent {
  /** #rrggbb, at least 3:1 against the kiosk's background (main checks). */
  color: string
  /** #rrggbb, at least 4.5:1 on `color`. */
  text: string
}

export const DEFAULT_ACCENT: KioskAccent = { color: '#ffd23f', text: '#0b1f33' }

const colours = { background: '#0b1f33', raised: '#13304d', text: '#ffffff' }

export function applyKioskCustomization(
  sdk: FaceTecSDKGlobal,
  options: { accent?: KioskAccent; vocalGuidance?: boolean } = {}
): void {
  const accent = options.accent ?? DEFAULT_ACCENT
  const customization = new sdk.FaceTecCustomization()
  customization.overlayCustomization.backgroundColor = colours.background
  customization.frameCustomization.backgroundColor = colours.raised
  customization.frameCustomization.borderColor = colours.raised
  customization.guidanceCustomization.backgroundColors = colours.raised
  customization.guidanceCustomization.foregroundColor = colours.text
  customization.guidanceCustomization.buttonBackgroundNormalColor = accent.color
  customization.guidanceCustomization.buttonTextNormalColor = accent.text
  customization.ovalCustomization.strokeColor = accent.color
  customization.ovalCustomization.progressColor1 = accent.color
  customization.ovalCustomization.progressColor2 = accent.color
  customization.feedbackCustomization.backgroundColor = colours.background
  customization.feedbackCustomization.textColor = colours.text
  customization.resultScreenCustomization.backgroundColors = colours.raised
  customization.resultScreenCustomization.foregroundColor = colours.text
  customization.resultScreenCustomization.uploadProgressFillColor = accent.color
  customization.resultScreenCustomization.resultAnimationBackgroundColor = accent.color
  customization.resultScreenCustomization.resultAnimationForegroundColor = accent.text
  // A customer must always be able to leave: the cancel button stays visible.
  customization.cancelButtonCustomization.location = FaceTecCancelButtonLocation.TopLeft
  // FaceTec's default is minimal guidance; a visitor who asked for spoken instructions gets them all.
  customization.vocalGuidanceCustomization.mode = options.vocalGuidance
    ? FaceTecVocalGuidanceMode.FULL_VOCAL_GUIDANCE
    : FaceTecVocalGuidanceMode.MINIMAL_VOCAL_GUIDANCE
  sdk.setCustomization(customization)
}
