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

export interface LaunchOptions {
  headless?: boolean
  args?: readonly string[]
  /** False: Ctrl+C and SIGTERM are the caller's to handle (Playwright would otherwise exit with 130). */
  handleSignals?: boolean
}

export function launchChromium(camera: Camera, options: LaunchOptions = {}): Promise<Browser> {
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

/** Where a kiosk gets its browser from, and how it gives it back. */
export interface BrowserSource {
  acquire(camera: Camera, options: LaunchOptions): Promise<{ browser: Browser; release(): Promise<void> }>
}

/** A browser of its own for each kiosk, closed with it (`npm run try`, the benchmarks). */
export const ownBrowser: BrowserSource = {
  async acquire(camera, options) {
    const browser = await launchChromium(camera, options)
    return { browser, release: () => browser.close() }
  }
}

/**
 * One browser per launch configuration (the fake webcam is a launch switch), shared by the kiosks of a
 * test file; each kiosk gets a fresh context, which isolates storage, permissions and pages. Launching
 * Chromium is the slowest part of starting a kiosk (seconds on a busy machine), and it tells a test
 * nothing.
 */
export function browserPool(): BrowserSource & { closeAll(): Promise<void> } {
  const browsers = new Map<string, Promise<Browser>>()
  return {
    async acquire(camera, options) {
      const key = JSON.stringify([camera, options.headless ?? true, options.args ?? [], options.handleSignals ?? true])
      let launching = browsers.get(key)
      if (launching) {
        const browser = await launching.catch(() => null)
        // A browser that crashed or failed to launch is replaced, not handed out.
        if (!browser?.isConnected()) launching = undefined
      }
      if (!launching) {
        launching = launchChromium(camera, options)
        browsers.set(key, launching)
      }
      // The kiosk closes its own context; the browser stays for the next kiosk.
      return { browser: await launching, release: async () => {} }
    },
    async closeAll() {
      const all = [...browsers.values()]
      browsers.clear()
      await Promise.all(all.map((launching) => launching.then((browser) => browser.close()).catch(() => {})))
    }
  }
}
