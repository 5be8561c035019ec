/**
 * `npm start`, `npm run dev` and `npm run test:electron` run this first: it makes sure Electron's
 * runtime binary is installed, and installs it once if not.
 *
 * Why: electron 45's npm package has no install script any more. It downloads its binary lazily, on
 * the first `require('electron')` (or `npx install-electron`), while electron-vite only reads
 * node_modules/electron/path.txt and throws "Electron uninstall" without it. So this runs Electron's
 * own installer (node_modules/electron/install.js, what `npx install-electron` runs: download with
 * checksums, extract, write path.txt) when the runtime is missing, and does nothing when it is there.
 * When the download fails (offline, a proxy), it says what failed and the one command to retry, in
 * words, and exits 1. With ELECTRON_EXEC_PATH set (a developer's own Electron, which electron-vite then
 * runs), there is nothing to install.
 *
 *   npm run ensure-electron            install the runtime if missing
 *   ... --check                        only report: exit 0 if installed, 3 if not (nothing downloaded)
 *   ... --electron-dir <dir>           another electron package folder (the tests use a copy)
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { electronPackage, runtimeProblem, type ElectronPackage } from './electron-runtime'

const RETRY = 'npm run ensure-electron'

/** The installer's failure in one line: its error and, when the hook caught one, the network's reason. */
function failureReason(stderr: string, exitCode: number | null): string {
  const lines = stderr.split('\n').map((line) => line.trim())
  const cause = lines
    .find((line) => line.startsWith('ensure-electron-cause: '))
    ?.slice('ensure-electron-cause: '.length)
  const error = lines.find((line) => /^([A-Z]\w*)?Error\b/.test(line))?.replace(/^Error: /, '')
  const last = lines
    .filter((line) => line && !line.startsWith('at ') && !line.startsWith('ensure-electron-cause'))
    .at(-1)
  const what = error ?? last ?? `the installer exited with code ${String(exitCode)}`
  return cause ? `${what}: ${cause}` : what
}

function runInstaller(electron: ElectronPackage): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const hook = pathToFileURL(join(import.meta.dirname, 'electron-install-cause.mjs')).href
    const child = spawn(process.execPath, ['--import', hook, join(electron.dir, 'install.js')], {
      cwd: electron.dir,
      // stderr is read, not shown: on failure the installer prints a stack trace, which says less than we do.
      stdio: ['ignore', 'inherit', 'pipe']
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    const started = Date.now()
    const heartbeat = setInterval(
      () => process.stderr.write(`  still downloading (${Math.round((Date.now() - started) / 1000)} s)...\n`),
      15_000
    )
    child.on('error', (error) => {
      stderr += `\nError: ${error.message}`
    })
    child.on('close', (code) => {
      clearInterval(heartbeat)
      resolve({ code, stderr })
    })
  })
}

const { values } = (() => {
  try {
    return parseArgs({ options: { check: { type: 'boolean' }, 'electron-dir': { type: 'string' } } })
  } catch (error) {
    process.stderr.write(`ensure-electron: ${(error as Error).message}\n`)
    process.exit(2)
  }
})()

// A developer's own Electron, which electron-vite then runs instead: nothing to install.
if (process.env.ELECTRON_EXEC_PATH) process.exit(0)
const electron = electronPackage(values['electron-dir'])
const problem = runtimeProblem(electron)
if (!problem) process.exit(0)
if (values.check) {
  process.stderr.write(`Electron's runtime is not installed: ${problem}.\n`)
  process.exit(3)
}

const target = `${process.env.npm_config_platform ?? process.platform}-${process.env.npm_config_arch ?? process.arch}`
process.stderr.write(
  `Electron's runtime is not installed yet (${problem}).\n` +
    `Downloading electron ${electron.version} for ${target} (about 100 MB, once) from ${process.env.ELECTRON_MIRROR ?? 'GitHub'}...\n`
)
const { code, stderr } = await runInstaller(electron)
const after = runtimeProblem(electron)
if (code === 0 && !after) {
  process.stderr.write(`Electron ${electron.version} is installed.\n`)
  process.exit(0)
}
const reason =
  code === 0 ? `the installer finished, but ${after ?? 'the runtime is not there'}` : failureReason(stderr, code)
process.stderr.write(
  `\nCould not install Electron's runtime: ${reason}\n` +
    `Electron ${electron.version} is downloaded from GitHub (or $ELECTRON_MIRROR) once; behind a proxy, set\n` +
    `HTTPS_PROXY and ELECTRON_GET_USE_PROXY=1. Then retry with:\n\n    ${RETRY}\n\n`
)
process.exit(1)
