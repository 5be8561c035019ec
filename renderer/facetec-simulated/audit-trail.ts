/**
 * Audit-trail images: real JPEG frames from the live camera, base64 without a data: prefix, as
 * FaceTec hands them over (reference §4). The low-quality one is half the size at lower quality.
 * Unmirrored: the raw camera frame, which is what a server compares with an ID photo.
 */
import { blobToBase64 } from './base64'

export interface AuditFrame {
  image: string
  lowQualityImage: string
}

export async function takeAuditFrame(video: HTMLVideoElement): Promise<AuditFrame> {
  const width = video.videoWidth
  const height = video.videoHeight
  if (width === 0 || height === 0) throw new Error('the camera shows no picture')
  return {
    image: await jpegOf(video, width, height, 0.9),
    lowQualityImage: await jpegOf(video, Math.round(width / 2), Math.round(height / 2), 0.5)
  }
}

async function jpegOf(video: HTMLVideoElement, width: number, height: number, quality: number): Promise<string> {
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no 2d canvas context')
  context.drawImage(video, 0, 0, width, height)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality))
  if (!blob) throw new Error('the frame could not be encoded as JPEG')
  return blobToBase64(blob)
}
