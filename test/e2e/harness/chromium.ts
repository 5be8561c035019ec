import { chromium, type Browser } from 'playwright-core'

/** Flags that keep Debian's Chromium quiet on a closed network and usable as root in CI. */
export const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--autoplay-policy=no-user-gesture-required'
]

export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * The webcam Chromium offers the page: a .mjpeg/.y4m file (absolute path) played in a loop, Chromium's
 * built-in test pattern, or no camera device at all.
 */
export type FakeCamera = { file: string } | 'test-pattern' | 'none'

export function launchChromium(camera: FakeCamera): Promise<Browser> {
  const args = [...BASE_ARGS]
  if (camera !== 'none') {
    args.push('--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream')
    if (typeof camera === 'object') args.push(`--use-file-for-fake-video-capture=${camera.file}`)
  }
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args })
}
