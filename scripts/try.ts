/**
 * `npm run try`: the kiosk for a person to click through, without Electron. The built renderer in a
 * real Chromium window (Debian's, or CHROMIUM_PATH) on the machine's own webcam, with main's real
 * services and IPC router, the embedded Assure sandbox and the simulated FaceTec SDK behind the real
 * preload bridge code: the end-to-end harness's wiring (test/e2e/harness/), started for a person
 * instead of a test. Nothing of it ships: it lives in scripts/ and test/, which the app never imports.
 *
 *   npm run try                                  build, then open the kiosk in a Chromium window
 *   npm run try -- --camera <file.mjpeg|.y4m>    play a video file as the webcam (no webcam here?)
 *   npm run try -- --headless --no-build         what its test does (no display, already built)
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { LogRecord } from '../main/log/logger'
import { chromiumPath, type Camera } from '../test/e2e/harness/chromium'
import type { KioskHarness } from '../test/e2e/harness/kiosk-harness'

const ROOT = join(import.meta.dirname, '..')

const USAGE = `Usage: npm run try -- [options]

Opens the kiosk in a Chromium window, on this machine's webcam, with main's real services, the
embedded Assure sandbox and the simulated FaceTec SDK (demo mode). Not Electron: npm start is the app.

Options:
  --camera <file>   play a .mjpeg or .y4m file as the webcam, or 'test-pattern' (default: your webcam)
  --headless        no window (for its test and for CI)
  --no-build        use the app already built in out/
  -h, --help        this text
`

function fail(message: string): never {
  process.stderr.write(`try: ${message}\n`)
  process.exit(1)
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        camera: { type: 'string' },
        headless: { type: 'boolean', default: false },
        'no-build': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      }
    })
  } catch (error) {
    return fail(`${(error as Error).message.split('\n')[0] ?? ''} See \`npm run try -- --help\`.`)
  }
})()
if (values.help) {
  process.stdout.write(USAGE)
  process.exit(0)
}

// Chromium first: a missing browser is the most likely problem, and should not wait for a build.
const browser = chromiumPath()
if (!existsSync(browser))
  fail(
    `no Chromium at ${browser}.\n` +
      `  Install one (Debian/Ubuntu: sudo apt-get install chromium), or point CHROMIUM_PATH at a\n` +
      `  Chromium or Chrome executable: CHROMIUM_PATH=/path/to/chrome npm run try`
  )

let camera: Camera = 'system'
if (values.camera === 'test-pattern') camera = 'test-pattern'
else if (values.camera) {
  const file = resolve(values.camera)
  if (!existsSync(file) || !/\.(mjpeg|y4m)$/i.test(file))
    fail(`--camera needs an existing .mjpeg or .y4m file (Chromium plays no other kind), not ${values.camera}.`)
  camera = { file }
}

if (!values['no-build']) {
  process.stdout.write('Building the app (electron-vite build)...\n')
  const build = spawnSync(join(ROOT, 'node_modules', '.bin', 'electron-vite'), ['build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32'
  })
  if (build.status !== 0) fail('the build failed (its errors are above).')
}

/** Main's warnings and errors, one line each, so a person sees what main sees. */
const printLog = (record: LogRecord): void => {
  if (record.level !== 'warn' && record.level !== 'error') return
  const fields = record.fields ? ` ${JSON.stringify(record.fields)}` : ''
  process.stderr.write(`[main ${record.level}] ${record.message}${fields}\n`)
}

// Loaded only now: the harness brings main's services, Vite and Playwright, which a wrong option need not wait for.
const { STAFF_PIN, startKioskHarness } = await import('../test/e2e/harness/kiosk-harness')
let kiosk: KioskHarness
try {
  kiosk = await startKioskHarness({
    camera,
    headless: values.headless,
    // A person's window: the kiosk fills it, in whichever orientation it has.
    viewport: values.headless ? undefined : null,
    browserArgs: values.headless ? [] : ['--start-maximized'],
    inspect: false,
    handleSignals: false,
    logLevel: 'warn',
    onLog: printLog
  })
} catch (error) {
  const first = (error as Error).message.split('\n').find((line) => line.trim()) ?? String(error)
  const hint = /display|X server/i.test((error as Error).message)
    ? '\n  No display here? Run `npm run try -- --headless`, or under xvfb-run.'
    : ''
  fail(`the kiosk could not start: ${first.trim()}${hint}`)
}

const cameraText =
  camera === 'system'
    ? "this machine's webcam, granted without asking as in the kiosk (none? --camera <clip.mjpeg>)"
    : camera === 'test-pattern'
      ? "Chromium's test pattern"
      : `the file ${camera.file}, played in a loop`
process.stdout.write(`
Assure Kiosk, to try in Chromium (npm run try)

  What this is   the kiosk's built screens in ${values.headless ? 'a headless' : 'this'} Chromium window, with main's real
                 services, the embedded Assure sandbox and the simulated FaceTec SDK behind the
                 real preload bridge: demo mode, as the end-to-end tests run it. Not Electron:
                 \`npm start\` runs the real app.
  Camera         ${cameraText}
  Staff mode     Ctrl+Alt+S (or five taps in the top-right corner), PIN ${STAFF_PIN}
  Stop           Ctrl+C here${values.headless ? '' : ', or close the window'}

`)

let stopping = false
const stop = (): void => {
  if (stopping) return
  stopping = true
  process.stdout.write('Stopping...\n')
  kiosk.close().then(
    () => process.exit(0),
    () => process.exit(0)
  )
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
kiosk.page.on('close', stop)

await kiosk.page.locator('[data-screen="attract"]').waitFor({ state: 'visible', timeout: 60_000 })
process.stdout.write('The kiosk is on its attract screen: press Start.\n')
