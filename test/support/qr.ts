/**
 * QR codes as pixels, for tests: a ticket's text encoded with uqr (the encoder the kiosk draws its
 * privacy QR code with), drawn black on white with the standard's quiet zone, as RGBA or as a Y4M
 * video frame Chromium's fake camera can play.
 */
import { encode } from 'uqr'

export interface Raster {
  width: number
  height: number
  /** RGBA bytes. */
  data: Uint8ClampedArray
}

/** The code's modules, `scale` pixels each, centred on a white canvas of `width` x `height` (or just fitting). */
export function qrRaster(text: string, options: { scale?: number; width?: number; height?: number } = {}): Raster {
  const { data: modules, size } = encode(text, { ecc: 'M', border: 0 })
  const scale = options.scale ?? 4
  const quiet = 4 * scale
  const width = options.width ?? size * scale + quiet * 2
  const height = options.height ?? size * scale + quiet * 2
  const left = Math.floor((width - size * scale) / 2)
  const top = Math.floor((height - size * scale) / 2)
  const data = new Uint8ClampedArray(width * height * 4).fill(255)
  for (let y = 0; y < size * scale; y++)
    for (let x = 0; x < size * scale; x++)
      if (modules[Math.floor(y / scale)]?.[Math.floor(x / scale)]) {
        const offset = ((top + y) * width + left + x) * 4
        data[offset] = data[offset + 1] = data[offset + 2] = 0
      }
  return { width, height, data }
}

/**
 * One 4:2:0 Y4M frame of the raster (greyscale: neutral chroma), which Chromium's fake camera loops
 * (`--use-file-for-fake-video-capture=<file>.y4m`): a QR code held up to the kiosk camera.
 */
export function y4mOf(raster: Raster): Buffer {
  const { width, height, data } = raster
  const luma = Buffer.alloc(width * height)
  for (let i = 0; i < width * height; i++) luma[i] = data[i * 4] ?? 255
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128)
  return Buffer.concat([
    Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`, 'ascii'),
    Buffer.from('FRAME\n', 'ascii'),
    luma,
    chroma
  ])
}
