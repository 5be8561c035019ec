/**
 * The camera check's live feedback, on the fixture pictures as Chromium decodes them (provenance in
 * test/fixtures/README.md): a face reads as fine, the window blinds as nobody in the oval, and the
 * face made dark or lit from behind as what it is. The thresholds in frame-feedback.ts were measured
 * on these pictures.
 */
import { describe, expect, it } from 'vitest'
import {
  feedbackOf,
  frameStats,
  OVAL,
  SAMPLE_HEIGHT,
  SAMPLE_WIDTH,
  steadyFeedback,
  type FrameFeedback
} from '../../../renderer/src/camera/frame-feedback'

/** The first JPEG of a fixture, scaled to the kiosk's sample size as the camera check crops it (4:3 centre). */
async function sample(path: string): Promise<Uint8ClampedArray> {
  const bytes = new Uint8Array(await (await fetch(path)).arrayBuffer())
  let end = 0
  for (let i = 2; i < bytes.length - 1; i++)
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) {
      end = i + 2
      break
    }
  const bitmap = await createImageBitmap(new Blob([bytes.slice(0, end || bytes.length)], { type: 'image/jpeg' }))
  const canvas = new OffscreenCanvas(SAMPLE_WIDTH, SAMPLE_HEIGHT)
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no 2d context')
  const cropWidth = Math.min(bitmap.width, (bitmap.height * 4) / 3)
  const cropHeight = Math.min(bitmap.height, (bitmap.width * 3) / 4)
  context.drawImage(
    bitmap,
    (bitmap.width - cropWidth) / 2,
    (bitmap.height - cropHeight) / 2,
    cropWidth,
    cropHeight,
    0,
    0,
    SAMPLE_WIDTH,
    SAMPLE_HEIGHT
  )
  return context.getImageData(0, 0, SAMPLE_WIDTH, SAMPLE_HEIGHT).data
}

const feedback = (pixels: Uint8ClampedArray): FrameFeedback =>
  feedbackOf(frameStats(pixels, SAMPLE_WIDTH, SAMPLE_HEIGHT))

/** Each pixel through `change`, told whether it lies inside the (slightly widened) oval. */
function edit(pixels: Uint8ClampedArray, change: (value: number, inside: boolean) => number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(pixels)
  for (let y = 0; y < SAMPLE_HEIGHT; y++)
    for (let x = 0; x < SAMPLE_WIDTH; x++) {
      const dx = ((x + 0.5) / SAMPLE_WIDTH - OVAL.cx) / OVAL.rx
      const dy = ((y + 0.5) / SAMPLE_HEIGHT - OVAL.cy) / OVAL.ry
      const inside = dx * dx + dy * dy <= 1.2
      for (let channel = 0; channel < 3; channel++) {
        const offset = (y * SAMPLE_WIDTH + x) * 4 + channel
        out[offset] = change(pixels[offset] ?? 0, inside)
      }
    }
  return out
}

describe('camera check feedback from pixel statistics', () => {
  it('finds a face in the oval fine, still or moving', async () => {
    expect(feedback(await sample('/test/fixtures/webcam-face-still.mjpeg'))).toBe('ok')
    expect(feedback(await sample('/test/fixtures/webcam-face-moving.mjpeg'))).toBe('ok')
    expect(feedback(await sample('/test/fixtures/reference-photo.jpg'))).toBe('ok')
  })

  it('says nobody is in the oval when the camera sees only the blinds behind the kiosk', async () => {
    expect(feedback(await sample('/test/fixtures/webcam-no-face.mjpeg'))).toBe('empty')
  })

  it('says it is too dark when the same face is in a dim room, not that nobody is there', async () => {
    const face = await sample('/test/fixtures/webcam-face-still.mjpeg')
    expect(feedback(edit(face, (value) => value * 0.2))).toBe('dark')
  })

  it('says the light is behind the person when the background outshines the face', async () => {
    const face = await sample('/test/fixtures/webcam-face-still.mjpeg')
    expect(feedback(edit(face, (value, inside) => (inside ? value * 0.45 : 235 + value * 0.08)))).toBe('backlit')
  })

  it('changes its word only when three readings in a row agree', () => {
    const steady = steadyFeedback()
    expect(
      ['empty', 'empty', 'ok', 'empty', 'empty', 'empty', 'ok'].map((reading) => steady(reading as FrameFeedback))
    ).toEqual([null, null, null, null, null, 'empty', 'empty'])
  })
})
