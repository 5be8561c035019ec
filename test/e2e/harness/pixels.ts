/** Pixel helpers: compare what a <video> shows with a known picture, at thumbnail size. */
import type { Locator, Page } from 'playwright-core'

export const THUMB_WIDTH = 32
export const THUMB_HEIGHT = 24

/** RGBA bytes of the video's current frame, scaled to the thumbnail size (unmirrored: the raw frame). */
export function thumbnailOfVideo(video: Locator): Promise<number[]> {
  return video.evaluate(
    (element, [width, height]) => {
      const node = element as HTMLVideoElement
      const canvas = new OffscreenCanvas(width, height)
      const context = canvas.getContext('2d')
      if (!context) throw new Error('no 2d context')
      context.drawImage(node, 0, 0, width, height)
      return Array.from(context.getImageData(0, 0, width, height).data)
    },
    [THUMB_WIDTH, THUMB_HEIGHT] as const
  )
}

/** RGBA bytes of a JPEG (e.g. a fixture), decoded by the browser and scaled the same way. */
export function thumbnailOfImage(page: Page, jpeg: Buffer): Promise<number[]> {
  return page.evaluate(
    async ([base64, width, height]) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }))
      const canvas = new OffscreenCanvas(width, height)
      const context = canvas.getContext('2d')
      if (!context) throw new Error('no 2d context')
      context.drawImage(bitmap, 0, 0, width, height)
      return Array.from(context.getImageData(0, 0, width, height).data)
    },
    [jpeg.toString('base64'), THUMB_WIDTH, THUMB_HEIGHT] as const
  )
}

/** Mean absolute difference per colour channel (0..255), ignoring alpha. */
export function meanDifference(a: number[], b: number[]): number {
  if (a.length !== b.length) throw new Error('thumbnails differ in size')
  let sum = 0
  let count = 0
  for (let i = 0; i < a.length; i++) {
    if (i % 4 === 3) continue
    sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0))
    count++
  }
  return sum / count
}

/** How many new frames the video presents while we wait for `wanted` of them (bounded by 5 s). */
export function framesPresented(video: Locator, wanted: number): Promise<number> {
  return video.evaluate(
    (element, target) =>
      new Promise<number>((resolve) => {
        const node = element as HTMLVideoElement
        let frames = 0
        const timer = setTimeout(() => resolve(frames), 5_000)
        const onFrame = (): void => {
          frames++
          if (frames >= target) {
            clearTimeout(timer)
            resolve(frames)
          } else node.requestVideoFrameCallback(onFrame)
        }
        node.requestVideoFrameCallback(onFrame)
      }),
    wanted
  )
}
