/**
 * Live feedback on the camera check, from plain pixel statistics of a small copy of each frame (64 x 48,
 * well under a millisecond), not from a face-detection model. Why: what spoils most face checks is
 * light (too dark, or a window behind the person), which statistics measure directly; a detector would
 * add a second component reading people's faces (and so to the privacy notice), a model and a runtime
 * of a few hundred KB to a few MB, and per-frame CPU while FaceTec loads. What statistics cannot do is
 * tell a face from a face-like poster: "nobody in the oval" means what it measures, that the oval's
 * middle has no detail running both across and down, as a plain wall, blinds or shelves behind an
 * empty kiosk do not. The feedback only advises; FaceTec does the real check, and the person can always
 * continue.
 */

export type FrameFeedback = 'ok' | 'dark' | 'backlit' | 'empty'

/** The oval guide on the camera check (`.camera-frame__oval`: inset 8% 26%), as fractions of the frame. */
export const OVAL = { cx: 0.5, cy: 0.5, rx: 0.24, ry: 0.42 } as const

export const SAMPLE_WIDTH = 64
export const SAMPLE_HEIGHT = 48

export interface FrameStats {
  /** Mean luma (0-255) inside the oval, and well outside it (the background). */
  inside: number
  outside: number
  /** Detail in the oval's middle: mean luma gradient over its mean luma (light-independent). */
  texture: number
  /** How evenly that detail runs across and down: 1 the same both ways, 0 one way only (stripes). */
  isotropy: number
}

/**
 * Thresholds, measured on the fixture pictures (test/renderer/camera/frame-feedback.browser.test.ts):
 * a face has texture ~0.4-0.5 and isotropy ~0.8-0.95; the window blinds 0.06 and 0.25.
 */
export const LIMITS = {
  /** Below this mean luma inside the oval a face is hard to see (0-255). */
  darkInside: 60,
  /** A background this much brighter than the oval, and bright itself: light from behind. */
  backlitDifference: 70,
  backlitOutside: 150,
  /** Less detail than this, or detail running one way only: nobody is in the oval. */
  emptyTexture: 0.15,
  emptyIsotropy: 0.45
} as const

const lumaOf = (pixels: Uint8ClampedArray, offset: number): number =>
  0.299 * (pixels[offset] ?? 0) + 0.587 * (pixels[offset + 1] ?? 0) + 0.114 * (pixels[offset + 2] ?? 0)

/** Statistics of an RGBA frame of `width` x `height` (any size; the kiosk samples 64 x 48). */
export function frameStats(pixels: Uint8ClampedArray, width: number, height: number): FrameStats {
  const luma = new Float32Array(width * height)
  for (let i = 0; i < luma.length; i++) luma[i] = lumaOf(pixels, i * 4)
  /** Where a pixel lies against the oval: below 1 inside, above outside. */
  const ovalDistance = (x: number, y: number): number => {
    const dx = ((x + 0.5) / width - OVAL.cx) / OVAL.rx
    const dy = ((y + 0.5) / height - OVAL.cy) / OVAL.ry
    return dx * dx + dy * dy
  }
  let sumIn = 0
  let countIn = 0
  let sumOut = 0
  let countOut = 0
  let across = 0
  let down = 0
  let coreLuma = 0
  let core = 0
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = luma[y * width + x] ?? 0
      const distance = ovalDistance(x, y)
      if (distance <= 1) {
        sumIn += value
        countIn++
      } else if (distance >= 1.4) {
        // Not the rim, where face and background meet.
        sumOut += value
        countOut++
      }
      if (distance <= 0.6 && x > 0 && y > 0 && x < width - 1 && y < height - 1) {
        across += Math.abs((luma[y * width + x + 1] ?? 0) - (luma[y * width + x - 1] ?? 0))
        down += Math.abs((luma[(y + 1) * width + x] ?? 0) - (luma[(y - 1) * width + x] ?? 0))
        coreLuma += value
        core++
      }
    }
  }
  const meanCore = core ? coreLuma / core : 0
  return {
    inside: countIn ? sumIn / countIn : 0,
    outside: countOut ? sumOut / countOut : 0,
    // Over the brightness (never below 40), so a dim face is not taken for an empty oval.
    texture: core ? (across + down) / core / Math.max(40, meanCore) : 0,
    isotropy: Math.max(across, down) > 0 ? Math.min(across, down) / Math.max(across, down) : 0
  }
}

/** What to tell the person about this frame; light first, since it is what they can fix at once. */
export function feedbackOf(stats: FrameStats): FrameFeedback {
  if (stats.inside < LIMITS.darkInside && stats.outside < LIMITS.backlitOutside) return 'dark'
  if (stats.outside - stats.inside > LIMITS.backlitDifference && stats.outside > LIMITS.backlitOutside) return 'backlit'
  if (stats.texture < LIMITS.emptyTexture || stats.isotropy < LIMITS.emptyIsotropy) return 'empty'
  return 'ok'
}

/**
 * Feedback that does not flicker: it changes only when the last `agree` readings agree, so a hand
 * passing the camera or one noisy frame does not make the hint jump.
 */
export function steadyFeedback(agree = 3): (reading: FrameFeedback) => FrameFeedback | null {
  let current: FrameFeedback | null = null
  let recent: FrameFeedback[] = []
  return (reading) => {
    recent = [...recent.slice(-(agree - 1)), reading]
    if (recent.length === agree && recent.every((value) => value === reading)) current = reading
    return current
  }
}
