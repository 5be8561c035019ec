/**
 * Image bytes and data URLs as Assure uses them: JPEG or PNG, at most 4 MB (the limit Signicat
 * documents for image inputs), moved around as `data:image/jpeg;base64,...`.
 */

export const MAX_IMAGE_BYTES = 4 * 1024 * 1024

export type ImageMimeType = 'image/jpeg' | 'image/png'

export interface ImageBytes {
  mimeType: ImageMimeType
  bytes: Uint8Array
}

/** Recognises JPEG and PNG by their magic bytes, whatever a file name or header claims. */
export function sniffImageType(bytes: Uint8Array): ImageMimeType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (bytes.length >= png.length && png.every((value, index) => bytes[index] === value)) return 'image/png'
  return null
}

export class ImageError extends Error {
  override readonly name = 'ImageError'
}

/** Checks type and size; returns the image with its sniffed type. */
export function validateImage(bytes: Uint8Array): ImageBytes {
  if (bytes.length === 0) throw new ImageError('The image is empty.')
  if (bytes.length > MAX_IMAGE_BYTES)
    throw new ImageError(`The image is ${bytes.length} bytes; at most ${MAX_IMAGE_BYTES} are allowed.`)
  const mimeType = sniffImageType(bytes)
  if (!mimeType) throw new ImageError('The image is neither a JPEG nor a PNG.')
  return { mimeType, bytes }
}

export function toDataUrl(image: ImageBytes): string {
  return `data:${image.mimeType};base64,${Buffer.from(image.bytes).toString('base64')}`
}

const DATA_URL = /^data:(image\/(?:jpeg|jpg|png));base64,([A-Za-z0-9+/]*={0,2})$/

/** Parses and validates a base64 image data URL; the declared type must match the bytes. */
export function parseImageDataUrl(value: string): ImageBytes {
  // A 4 MB image is ~5.6 M base64 characters; refuse far larger strings before the regex runs.
  if (value.length > Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 64) throw new ImageError('The image data URL is too large.')
  const match = DATA_URL.exec(value.trim())
  if (!match) throw new ImageError('Not a base64 JPEG or PNG data URL.')
  const declared = match[1] === 'image/jpg' ? 'image/jpeg' : (match[1] as ImageMimeType)
  const image = validateImage(new Uint8Array(Buffer.from(match[2] ?? '', 'base64')))
  if (image.mimeType !== declared) throw new ImageError(`The data URL says ${declared} but holds ${image.mimeType}.`)
  return image
}

/** Decodes bare base64 (as FaceTec emits audit-trail images) and checks it is a JPEG. */
export function parseBase64Jpeg(value: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw new ImageError('Not base64.')
  const bytes = new Uint8Array(Buffer.from(value, 'base64'))
  if (sniffImageType(bytes) !== 'image/jpeg') throw new ImageError('Not a JPEG.')
  return bytes
}
