/**
 * `npm run package:check` (after `npm run build`): packages the built app for real with
 * electron-builder (`--linux dir`, this repo's electron-builder.config.ts), offline, by handing it a
 * stand-in Electron distribution instead of downloading one, then reads the result back on its own
 * (no electron-builder code) and checks:
 *   - app.asar holds out/** and package.json, the production dependencies, and nothing else
 *     (no sources, tests, scripts, devDependencies);
 *   - <resources>/resources/ holds every file of resources/;
 *   - nothing of the end-to-end harness or `npm run try` is in the built app;
 *   - the fuses in the packaged binary are flipped as configured.
 * The stand-in binary is a file with Electron's fuse wire in it (sentinel, version 1, Electron's
 * default wire); the installers themselves (NSIS, AppImage, deb) still need a connected machine.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { fuses } from '../electron-builder.config'
import { FACETEC_SDK_SCRIPT } from '../preload/api'

const root = join(import.meta.dirname, '..')
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** Fuse order in wire version 1 (@electron/fuses FuseV1Options). */
const FUSE_ORDER = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges'
] as const
/** Electron's defaults for those fuses ('1' on, '0' off). */
const ELECTRON_DEFAULT_WIRE = '10110001'

const problems: string[] = []
const check = (ok: boolean, problem: string): void => {
  if (!ok) problems.push(problem)
}

function standInElectron(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true })
  const wire = Buffer.from(ELECTRON_DEFAULT_WIRE, 'latin1')
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron"\n'),
    Buffer.alloc(256),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, wire.length]),
    wire,
    Buffer.alloc(256)
  ])
  writeFileSync(join(dir, 'electron'), binary, { mode: 0o755 })
  const electron = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
    version: string
  }
  writeFileSync(join(dir, 'version'), electron.version)
  writeFileSync(join(dir, 'LICENSE'), 'stand-in')
  writeFileSync(join(dir, 'LICENSES.chromium.html'), 'stand-in')
}

/** The file list of an asar archive, read from its header (a Chromium pickle holding JSON). */
function asarFiles(file: string): string[] {
  const data = readFileSync(file)
  const headerPickleSize = data.readUInt32LE(4)
  const header = data.subarray(8, 8 + headerPickleSize)
  const json = header.subarray(8, 8 + header.readUInt32LE(4)).toString('utf8')
  type Entry = { files?: Record<string, Entry> }
  const walk = (entry: Entry, prefix: string): string[] =>
    Object.entries(entry.files ?? {}).flatMap(([name, inner]) =>
      inner.files ? walk(inner, `${prefix}${name}/`) : [`${prefix}${name}`]
    )
  return walk(JSON.parse(json) as Entry, '')
}

function fuseWire(binary: string): Record<string, boolean> {
  const data = readFileSync(binary)
  const at = data.indexOf(FUSE_SENTINEL)
  if (at < 0) throw new Error('no fuse wire in the packaged binary')
  const position = at + FUSE_SENTINEL.length
  const length = data[position + 1] ?? 0
  return Object.fromEntries(
    FUSE_ORDER.slice(0, length).map((name, index) => [name, data[position + 2 + index] === 0x31])
  )
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort()
}

for (const built of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
  if (!existsSync(join(root, built))) {
    console.error(`package:check: ${built} is missing; run \`npm run build\` first.`)
    process.exit(1)
  }
}

const work = mkdtempSync(join(tmpdir(), 'assure-kiosk-package-'))
try {
  const electronDist = join(work, 'electron')
  const output = join(work, 'dist')
  standInElectron(electronDist)
  const started = Date.now()
  await promisify(execFile)(
    join(root, 'node_modules', '.bin', 'electron-builder'),
    [
      '--linux',
      'dir',
      '--x64',
      '--config',
      'electron-builder.config.ts',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${output}`
    ],
    { cwd: root, env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' }, maxBuffer: 16 * 1024 * 1024 }
  )
  const unpacked = join(output, 'linux-unpacked')

  // app.asar: the built app and the production dependencies, nothing else.
  const inAsar = asarFiles(join(unpacked, 'resources', 'app.asar'))
  for (const required of [
    'package.json',
    'out/main/index.js',
    'out/preload/index.cjs',
    'out/renderer/index.html',
    `out/facetec-simulated/${FACETEC_SDK_SCRIPT}`
  ]) {
    check(inAsar.includes(required), `app.asar lacks ${required}`)
  }
  const strays = inAsar.filter(
    (path) => !path.startsWith('out/') && !path.startsWith('node_modules/') && path !== 'package.json'
  )
  check(strays.length === 0, `app.asar holds files outside out/: ${strays.slice(0, 10).join(', ')}`)
  const sources = inAsar.filter((path) => !path.startsWith('node_modules/') && /\.tsx?$/.test(path))
  check(sources.length === 0, `app.asar holds TypeScript sources: ${sources.slice(0, 10).join(', ')}`)
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>
    devDependencies: Record<string, string>
  }
  const packaged = new Set(
    inAsar
      .filter((path) => path.startsWith('node_modules/'))
      .map((path) =>
        path
          .split('/')
          .slice(1, path.startsWith('node_modules/@') ? 3 : 2)
          .join('/')
      )
  )
  for (const dependency of Object.keys(pkg.dependencies))
    check(packaged.has(dependency), `app.asar lacks the dependency ${dependency}`)
  // A devDependency a production dependency also needs (ajv, through electron-store) ships rightly:
  // the lockfile marks what only development needs.
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>
  }
  const devOnly = Object.keys(pkg.devDependencies).filter(
    (name) => packaged.has(name) && !(name in pkg.dependencies) && lock.packages[`node_modules/${name}`]?.dev === true
  )
  check(devOnly.length === 0, `app.asar holds devDependencies: ${devOnly.join(', ')}`)

  // The end-to-end harness and `npm run try` (scripts/, test/) stay out of the app: no bundle in out/
  // (which app.asar holds, checked above) carries the harness's bridge or its entry points.
  const harnessMarks = ['__kioskInvoke', 'kioskHarnessBridge', 'startKioskHarness', 'npm run try']
  for (const file of filesUnder(join(root, 'out'))) {
    const text = readFileSync(join(root, 'out', file), 'latin1')
    for (const mark of harnessMarks) check(!text.includes(mark), `out/${file} holds harness code (${mark})`)
  }

  // resources/ next to app.asar, where main/index.ts looks (process.resourcesPath/resources).
  const shipped = filesUnder(join(unpacked, 'resources', 'resources'))
  const wanted = filesUnder(join(root, 'resources'))
  check(
    JSON.stringify(shipped) === JSON.stringify(wanted),
    `resources/ shipped as [${shipped.join(', ')}], expected [${wanted.join(', ')}]`
  )

  // The fuses in the packaged binary.
  const wire = fuseWire(join(unpacked, 'assure-kiosk'))
  for (const [name, wantedState] of Object.entries(fuses))
    check(wire[name] === wantedState, `fuse ${name} is ${String(wire[name])}, configured ${String(wantedState)}`)
  check(wire.loadBrowserProcessSpecificV8Snapshot === false, 'a fuse the config does not name changed')

  if (problems.length > 0) {
    console.error(`package:check: the package is wrong:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
    process.exitCode = 1
  } else {
    console.log(
      `package:check: OK in ${Math.round((Date.now() - started) / 1000)} s. app.asar: ${inAsar.length} files (${packaged.size} packages); resources/: ${shipped.length} files; fuses: ${Object.entries(
        wire
      )
        .map(([name, on]) => `${name}=${on ? 'on' : 'off'}`)
        .join(' ')}`
    )
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
