/**
 * `npm run test:electron`: the real-Electron smoke suite (test/electron/), which launches the BUILT
 * app in Electron through Playwright. Run it on a connected machine before a release; `npm test`
 * runs it too.
 *
 * Electron's runtime must be installed first (scripts/ensure-electron.ts installs it). When it is not
 * installed and cannot be downloaded (a machine without internet, like our build machines), the suite
 * reports itself skipped in one line with the reason and exits 0: the one skip the project allows,
 * because nothing else can stand in for Electron itself. Anything else that stops it (no display, a
 * failed build, a failing test) fails.
 *
 *   npm run test:electron                  build, then run the suite
 *   npm run test:electron -- --no-build    use out/ as built (npm test builds it for the end-to-end tests)
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { electronPackage, runtimeProblem } from './electron-runtime'

const root = join(import.meta.dirname, '..')
const bin = (name: string): string => join(root, 'node_modules', '.bin', name)
const shell = process.platform === 'win32'

// --electron-dir: another electron package folder (its test uses a copy without the runtime).
const dirAt = process.argv.indexOf('--electron-dir')
const electronDir = dirAt > 0 ? process.argv[dirAt + 1] : undefined

if (runtimeProblem(electronPackage(electronDir))) {
  const ensureArgs = electronDir ? ['--electron-dir', electronDir] : []
  const ensure = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts', 'ensure-electron.ts'), ...ensureArgs],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'pipe'],
      encoding: 'utf8',
      // Playwright runs node_modules' Electron, whatever electron-vite would run: install that one.
      env: { ...process.env, ELECTRON_EXEC_PATH: '' }
    }
  )
  if (ensure.status !== 0) {
    const said = ensure.stderr
      .split('\n')
      .find((line) => line.startsWith("Could not install Electron's runtime: "))
      ?.slice("Could not install Electron's runtime: ".length)
    process.stdout.write(
      `test:electron skipped: Electron's runtime is not installed and could not be downloaded (${said ?? 'see npm run ensure-electron'}).\n`
    )
    process.exit(0)
  }
}

if (!process.argv.includes('--no-build')) {
  const build = spawnSync(bin('electron-vite'), ['build'], { cwd: root, stdio: 'inherit', shell })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

// Electron needs a display. A headless Linux machine can lend it one with Xvfb.
let command = bin('vitest')
let args = ['run', '-c', 'vitest.electron.config.ts']
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  if (spawnSync('xvfb-run', ['--help'], { stdio: 'ignore' }).error) {
    process.stderr.write(
      'test:electron: Electron needs a display, and there is none. Run it in a desktop session, or install Xvfb (apt-get install xvfb) and it runs under xvfb-run.\n'
    )
    process.exit(1)
  }
  args = ['-a', '-s', '-screen 0 1280x1024x24', command, ...args]
  command = 'xvfb-run'
}
const suite = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell })
process.exit(suite.status ?? 1)
