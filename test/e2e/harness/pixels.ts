/** Pixel helpers: compare what a <video> shows with a known picture, at thumbnail size. */
import type { Locator, Page } from 'playwright-core'
export { meanDifference } from '../../support/mean-difference'

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
