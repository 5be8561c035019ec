/**
 * Reads a QR code held up to the kiosk camera: frames are copied (at most 640 px wide) into a canvas
 * a few times a second and decoded with jsQR (Apache-2.0; pure JavaScript, so no WebAssembly or CSP
 * change, and it also runs in Node for the tests). jsQR is loaded only when the ticket screen opens,
 * so the attract screen's bundle does not carry it.
 */
import { useEffect, useRef, type RefObject } from 'react'

const SCAN_EVERY_MS = 200
const MAX_WIDTH = 640

type Decoder = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null

export function useQrScanner(
  video: RefObject<HTMLVideoElement | null>,
  active: boolean,
  onCode: (text: string) => void
): void {
  const handler = useRef(onCode)
  useEffect(() => {
    handler.current = onCode
  }, [onCode])
  useEffect(() => {
    if (!active) return
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    let last = ''
    void import('jsqr').then(({ default: jsQR }) => {
      const decode: Decoder = (data, width, height) => jsQR(data, width, height, { inversionAttempts: 'attemptBoth' })
      let canvas: OffscreenCanvas | null = null
      const scan = (): void => {
        if (stopped) return
        const element = video.current
        if (element && element.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && element.videoWidth > 0) {
          const scale = Math.min(1, MAX_WIDTH / element.videoWidth)
          const width = Math.round(element.videoWidth * scale)
          const height = Math.round(element.videoHeight * scale)
          if (!canvas || canvas.width !== width || canvas.height !== height) canvas = new OffscreenCanvas(width, height)
          const context = canvas.getContext('2d', { willReadFrequently: true })
          if (context) {
            context.drawImage(element, 0, 0, width, height)
            const found = decode(context.getImageData(0, 0, width, height).data, width, height)
            // The same code seen again (it stays in front of the camera) is one reading.
            if (found?.data && found.data !== last) {
              last = found.data
              handler.current(found.data)
            }
          }
        }
        timer = setTimeout(scan, SCAN_EVERY_MS)
      }
      scan()
    })
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [video, active])
}
