/**
 * The operator's accent on the kiosk's stylesheet: two CSS custom properties on the root element.
 * The colours arrive checked by main (contrast with the background and with the text on them), so
 * the renderer only applies them.
 */
import type { KioskAccent } from './facetec/kiosk-customization'

export function applyAccent(root: HTMLElement, accent: KioskAccent): void {
  root.style.setProperty('--accent', accent.color)
  root.style.setProperty('--accent-fg', accent.text)
}
