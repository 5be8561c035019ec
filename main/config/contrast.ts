/**
 * WCAG 2.x contrast for the operator's accent colour. The kiosk's screens are light text on a dark
 * navy background (renderer/src/styles.css `--bg`); the accent fills buttons and draws the oval and
 * icons, so it must stand out from the background (3:1, WCAG 1.4.11 non-text contrast) and the text
 * on it must be readable (4.5:1, WCAG 1.4.3). A brand colour that misses the first is lightened
 * until it passes; the text colour is the kiosk's navy, white or black, the first that reads at 4.5:1.
 */

/** The kiosk's background, as styles.css `--bg`. */
export const KIOSK_BACKGROUND = '#0b1f33'
export const NON_TEXT_CONTRAST = 3
export const TEXT_CONTRAST = 4.5

type Rgb = readonly [number, number, number]

/** #rgb or #rrggbb to 0-255 channels. */
export function parseHex(hex: string): Rgb {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim())
  if (!match?.[1]) throw new Error(`not a #rgb or #rrggbb colour: ${hex}`)
  const digits = match[1].length === 3 ? [...match[1]].map((digit) => digit + digit).join('') : match[1]
  return [0, 2, 4].map((offset) => parseInt(digits.slice(offset, offset + 2), 16)) as unknown as Rgb
}

export function toHex(rgb: Rgb): string {
  return `#${rgb.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`
}

/** WCAG relative luminance. */
export function luminance(rgb: Rgb): number {
  const linear = rgb.map((channel) => {
    const value = channel / 255
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * (linear[0] ?? 0) + 0.7152 * (linear[1] ?? 0) + 0.0722 * (linear[2] ?? 0)
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(parseHex(a)), luminance(parseHex(b))].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

export interface AccessibleAccent {
  color: string
  text: string
  /** The configured colour had to be lightened to stand out on the background. */
  adjusted: boolean
}

/** The accent as configured, or lightened towards white just enough; and the best text colour on it. */
export function accessibleAccent(configured: string, background = KIOSK_BACKGROUND): AccessibleAccent {
  const original = parseHex(configured)
  let color = toHex(original)
  for (let step = 1; contrastRatio(color, background) < NON_TEXT_CONTRAST && step <= 20; step++) {
    const mix = step / 20
    color = toHex(original.map((channel) => channel + (255 - channel) * mix) as unknown as Rgb)
  }
  // The kiosk's navy where it reads well (the default yellow's buttons), else white, else black: one of
  // the last two always reaches 4.5:1.
  const text =
    [KIOSK_BACKGROUND, '#ffffff'].find((candidate) => contrastRatio(candidate, color) >= TEXT_CONTRAST) ?? '#000000'
  return { color, text, adjusted: color !== toHex(original) }
}
