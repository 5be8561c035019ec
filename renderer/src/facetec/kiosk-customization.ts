/**
 * FaceTec's UI in the kiosk's colours (renderer/src/styles.css), so the hand-over from the kiosk's
 * screens to FaceTec's full-screen UI does not flash white. Only fields the reference lists are set.
 */
import { FaceTecCancelButtonLocation, type FaceTecSDKGlobal } from './sdk-types'

const colours = { background: '#0b1f33', raised: '#13304d', text: '#ffffff', accent: '#ffd23f', accentText: '#0b1f33' }

export function applyKioskCustomization(sdk: FaceTecSDKGlobal): void {
  const customization = new sdk.FaceTecCustomization()
  customization.overlayCustomization.backgroundColor = colours.background
  customization.frameCustomization.backgroundColor = colours.raised
  customization.frameCustomization.borderColor = colours.raised
  customization.guidanceCustomization.backgroundColors = colours.raised
  customization.guidanceCustomization.foregroundColor = colours.text
  customization.guidanceCustomization.buttonBackgroundNormalColor = colours.accent
  customization.guidanceCustomization.buttonTextNormalColor = colours.accentText
  customization.ovalCustomization.strokeColor = colours.accent
  customization.ovalCustomization.progressColor1 = colours.accent
  customization.ovalCustomization.progressColor2 = colours.accent
  customization.feedbackCustomization.backgroundColor = colours.background
  customization.feedbackCustomization.textColor = colours.text
  customization.resultScreenCustomization.backgroundColors = colours.raised
  customization.resultScreenCustomization.foregroundColor = colours.text
  customization.resultScreenCustomization.uploadProgressFillColor = colours.accent
  customization.resultScreenCustomization.resultAnimationBackgroundColor = colours.accent
  customization.resultScreenCustomization.resultAnimationForegroundColor = colours.accentText
  // A customer must always be able to leave: the cancel button stays visible.
  customization.cancelButtonCustomization.location = FaceTecCancelButtonLocation.TopLeft
  sdk.setCustomization(customization)
}
