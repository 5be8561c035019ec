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

/** `system`: the machine's own webcam, granted without a prompt, as Electron's permission policy does. */
export type Camera = FakeCamera | 'system'

export function launchChromium(
  camera: Camera,
  options: {
    headless?: boolean
    args?: readonly string[]
    /** False: Ctrl+C and SIGTERM are the caller's to handle (Playwright would otherwise exit with 130). */
    handleSignals?: boolean
  } = {}
): Promise<Browser> {
  const args = [...BASE_ARGS, ...(options.args ?? [])]
  if (camera === 'system') args.push('--use-fake-ui-for-media-stream')
  else if (camera !== 'none') {
    args.push('--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream')
    if (typeof camera === 'object') args.push(`--use-file-for-fake-video-capture=${camera.file}`)
  }
  const handleSignals = options.handleSignals ?? true
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    args,
    handleSIGINT: handleSignals,
    handleSIGTERM: handleSignals,
    handleSIGHUP: handleSignals
  })
}
