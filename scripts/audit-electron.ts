/**
 * `npm run audit:electron`: Doyensec's Electronegativity over the app's sources, failing on any
 * high-severity finding. Part of `npm test`.
 *
 * - Scans main/, preload/ and the renderer (src/, the simulated FaceTec SDK, index.html) together in
 *   one run, because its global checks (navigation limits, permission handler, CSP) look across files.
 * - Scans sources, not out/: the bundles lose comments, so in-place suppressions would not survive.
 * - A finding may be suppressed only in place, on its line, with a reason after ` -- `:
 *     new BrowserWindow( // eng-disable CONTEXT_ISOLATION_JS_CHECK -- options come from kioskWindowOptions
 *   A suppression without a reason fails the audit; every suppression is listed in the output.
 * - Offline and deterministic: the Electron version is the installed one, the check that downloads
 *   Electron's release list (AvailableSecurityFixesGlobalCheck) is off, and the tool's download of
 *   translations is answered locally.
 * Medium and lower findings are printed for review but do not fail.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

const root = join(import.meta.dirname, '..')
const INPUTS = ['main', 'preload', 'renderer/src', 'renderer/facetec-simulated', 'renderer/index.html']
/** Needs the internet (it downloads Electron's release list); the pinned version is checked by the other checks. */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck']

interface Level {
  name: string
  value: number
}
interface Issue {
  id: string
  file: string
  location: { line: number; column: number }
  description: string
  severity: Level
  confidence: Level
  manualReview: boolean
}
type Run = (
  options: Record<string, unknown>,
  forCli: boolean
) => Promise<{
  globalChecks: number
  atomicChecks: number
  issues: Issue[]
  errors: Array<{ file: string; message: string; tolerable: boolean }>
}>

const require = createRequire(import.meta.url)
const toolRequire = createRequire(require.resolve('@doyensec/electronegativity/package.json'))

// The tool fetches updated translations from the internet at every run; answer "none" locally.
const gotPath = toolRequire.resolve('got')
const offlineGot = new Module(gotPath)
offlineGot.filename = gotPath
offlineGot.loaded = true
offlineGot.exports = async () => ({ statusCode: 404, body: '' })
;(Module as unknown as { _cache: Record<string, Module> })._cache[gotPath] = offlineGot

const run = toolRequire('./dist/runner.js') as Run
const electronVersion = (
  JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }
).version

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

/** Every `eng-disable` in the scanned files, and whether it gives a reason. */
function suppressions(stage: string): Array<{ where: string; line: string; reasoned: boolean }> {
  return filesUnder(stage).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, index) =>
        /eng-disable/.test(line) && !/^\s*\*/.test(line)
          ? [
              {
                where: `${relative(stage, file)}:${index + 1}`,
                line: line.trim(),
                reasoned: /eng-disable[\w \t]+--\s*\S{3,}/.test(line)
              }
            ]
          : []
      )
  )
}

const stage = mkdtempSync(join(tmpdir(), 'assure-kiosk-audit-'))
let failed = false
try {
  // Stage the inputs under their own paths, so findings name repository files.
  for (const input of INPUTS) cpSync(join(root, input), join(stage, input), { recursive: true })
  const scanned = filesUnder(stage).filter((file) => /\.(ts|tsx|js|html)$/.test(file)).length

  const result = await run(
    {
      input: stage,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS,
      isRelative: true,
      isVerbose: false,
      parserPlugins: [],
      electronVersionOverride: electronVersion
    },
    false
  )

  const issues = [...result.issues].sort((a, b) => b.severity.value - a.severity.value || a.file.localeCompare(b.file))
  console.log(
    `Electronegativity (Electron ${electronVersion}): ${result.atomicChecks} file checks and ${result.globalChecks} global checks over ${scanned} files in ${INPUTS.join(', ')}`
  )
  for (const issue of issues) {
    const where = issue.file === 'N/A' ? '(global)' : `${issue.file}:${issue.location.line}:${issue.location.column}`
    console.log(
      `  ${issue.severity.name.padEnd(13)} ${issue.confidence.name.padEnd(9)} ${issue.id.padEnd(40)} ${where}  ${issue.description}${issue.manualReview ? ' (review)' : ''}`
    )
  }
  if (issues.length === 0) console.log('  no findings')

  const notes = suppressions(stage)
  for (const note of notes) console.log(`  suppressed in place: ${note.where}  ${note.line}`)

  const high = issues.filter((issue) => issue.severity.name === 'HIGH')
  const unparsed = result.errors.filter((error) => !error.tolerable)
  const unreasoned = notes.filter((note) => !note.reasoned)
  for (const error of result.errors)
    console.log(
      `  ${error.tolerable ? 'parse warning' : 'NOT CHECKED (parse error)'}: ${relative(stage, error.file)}: ${error.message}`
    )

  if (result.atomicChecks === 0 || scanned === 0) {
    console.error('audit:electron: nothing was checked')
    failed = true
  }
  if (high.length > 0) {
    console.error(
      `audit:electron: ${high.length} high-severity finding(s). Fix them, or suppress one in place with "eng-disable CHECK_ID -- reason".`
    )
    failed = true
  }
  if (unparsed.length > 0) {
    console.error(`audit:electron: ${unparsed.length} file(s) could not be parsed, so were not checked.`)
    failed = true
  }
  if (unreasoned.length > 0) {
    console.error(
      `audit:electron: ${unreasoned.length} suppression(s) without a reason (write "eng-disable CHECK_ID -- why").`
    )
    failed = true
  }
} finally {
  rmSync(stage, { recursive: true, force: true })
}
if (failed) process.exitCode = 1
else console.log('audit:electron: no high-severity findings')
