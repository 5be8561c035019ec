/**
 * A reference photo from a file staff chose at a staffed desk: read, and checked to be a JPEG or PNG
 * of at most 4 MB by its bytes (not its name) before it goes anywhere near Assure.
 */
import { open } from 'node:fs/promises'
import { ImageError, MAX_IMAGE_BYTES, validateImage, type ImageBytes } from '../lib/images'

export async function readReferenceFile(path: string): Promise<ImageBytes> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    throw new ImageError(`The file cannot be opened (${(error as NodeJS.ErrnoException).code ?? 'error'}).`)
  }
  try {
    const { size, isFile } = await handle.stat().then((info) => ({ size: info.size, isFile: info.isFile() }))
    if (!isFile) throw new ImageError('That is not a file.')
    if (size > MAX_IMAGE_BYTES)
      throw new ImageError(`The photo is ${(size / 1024 / 1024).toFixed(1)} MB; at most 4 MB are allowed.`)
    const bytes = new Uint8Array(size)
    await handle.read(bytes, 0, size, 0)
    return validateImage(bytes)
  } finally {
    await handle.close()
  }
}
