/**
 * `npm start` on a fresh clone: electron 45 no longer downloads its runtime at install, and
 * electron-vite fails without node_modules/electron/path.txt, so the start scripts run
 * scripts/ensure-electron.ts first. Here it runs Electron's REAL installer (a copy of this project's
 * node_modules/electron) against a mirror on 127.0.0.1 that serves a stand-in runtime, so nothing is
 * downloaded: it installs once, does nothing the second time, and when the download fails it says
 * what failed and the command to retry, without a stack trace.
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFile, mkdir, symlink } from 'node:fs/promises'
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { strToU8, zipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../support/temp-dir'

const ROOT = join(import.meta.dirname, '..', '..')
const ELECTRON = join(ROOT, 'node_modules', 'electron')
const { version } = JSON.parse(readFileSync(join(ELECTRON, 'package.json'), 'utf8')) as { version: string }
/** Where Electron's installer puts the executable, per platform (install.js's getPlatformPath). */
const EXECUTABLE =
  process.platform === 'win32'
    ? 'electron.exe'
    : process.platform === 'darwin'
      ? 'Electron.app/Contents/MacOS/Electron'
      : 'electron'

/** A copy of the electron package as npm ci leaves it (no runtime), with its installer's dependencies. */
async function freshElectronPackage(): Promise<string> {
  const root = await tempDir('electron-package')
  const dir = join(root, 'node_modules', 'electron')
  await mkdir(dir, { recursive: true })
  for (const file of ['package.json', 'install.js', 'index.js', 'checksums.json'])
    await copyFile(join(ELECTRON, file), join(dir, file))
  for (const scope of ['@electron', '@electron-internal'])
    await symlink(join(ROOT, 'node_modules', scope), join(root, 'node_modules', scope), 'junction')
  return dir
}

let mirror: Server | undefined
afterEach(async () => {
  await new Promise((resolve) => (mirror ? mirror.close(resolve) : resolve(undefined)))
  mirror = undefined
})

/** An Electron release mirror serving a stand-in runtime zip and its SHASUMS256.txt; counts requests. */
async function startMirror(answer: 'runtime' | 404): Promise<{ url: string; requests: string[] }> {
  const zip = Buffer.from(
    zipSync({
      [EXECUTABLE]: [strToU8('#!/bin/sh\necho stand-in electron\n'), { os: 3, attrs: 0o755 << 16 }],
      version: strToU8(`v${version}`)
    })
  )
  const requests: string[] = []
  mirror = createServer((request, response) => {
    const url = request.url ?? '/'
    requests.push(url)
    if (answer === 404) {
      response.writeHead(404).end()
    } else if (url.endsWith('/SHASUMS256.txt')) {
      const sum = createHash('sha256').update(zip).digest('hex')
      response.end(`${sum} *electron-v${version}-${process.platform}-${process.arch}.zip\n`)
    } else if (url.endsWith('.zip')) {
      response.end(zip)
    } else {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => mirror?.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/`, requests }
}

/** The ensure script as `npm start` runs it, on `electronDir`, downloading only from `mirrorUrl`. */
function ensure(electronDir: string, mirrorUrl: string, args: string[] = [], script = 'ensure-electron.ts') {
  // Nothing of the developer's own Electron download settings (.npmrc, environment) may leak in.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/electron/i.test(name)))
  Object.assign(env, {
    ELECTRON_MIRROR: mirrorUrl,
    electron_use_remote_checksums: '1',
    electron_config_cache: join(electronDir, '..', '..', 'download-cache'),
    ELECTRON_GET_NO_PROGRESS: '1'
  })
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts', script), '--electron-dir', electronDir, ...args],
      { cwd: ROOT, env },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr })
    )
  })
}

describe('npm start and npm run dev', () => {
  it('make sure Electron’s runtime is installed before electron-vite looks for it', () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    expect(scripts['ensure-electron']).toBe('tsx scripts/ensure-electron.ts')
    expect(scripts.start).toMatch(/^npm run -s ensure-electron && electron-vite preview\b/)
    expect(scripts.dev).toMatch(/^npm run -s ensure-electron && electron-vite dev\b/)
  })
})

describe('scripts/ensure-electron.ts', () => {
  it('installs the runtime through Electron’s own installer, once: --check and the second run download nothing', async () => {
    const dir = await freshElectronPackage()
    const { url, requests } = await startMirror('runtime')
    // --check only reports the missing runtime, downloading nothing.
    const check = await ensure(dir, url, ['--check'])
    expect(check.code).toBe(3)
    expect(check.stderr).toContain('path.txt is missing')
    expect(requests).toEqual([])

    const first = await ensure(dir, url)
    expect(first.stderr).toContain(`Electron ${version} is installed.`)
    expect(first.code).toBe(0)
    // What electron-vite reads to find the binary, pointing at an executable that is there.
    expect(readFileSync(join(dir, 'path.txt'), 'utf8')).toBe(EXECUTABLE)
    expect(existsSync(join(dir, 'dist', EXECUTABLE))).toBe(true)
    expect(requests.some((request) => request.endsWith('.zip'))).toBe(true)

    const asked = requests.length
    const second = await ensure(dir, url)
    expect(second).toEqual({ code: 0, stdout: '', stderr: '' })
    expect(requests).toHaveLength(asked)
    expect(await ensure(dir, url, ['--check'])).toMatchObject({ code: 0 })
  }, 60_000)

  it('when the download cannot connect, says why and the one command to retry, without a stack trace', async () => {
    const dir = await freshElectronPackage()
    // A port nothing listens on: the connection is refused, as offline or behind a closed proxy.
    const { url } = await startMirror('runtime')
    await new Promise((resolve) => mirror?.close(resolve))
    mirror = undefined

    const { code, stderr } = await ensure(dir, url)
    expect(code).toBe(1)
    expect(stderr).toMatch(/Could not install Electron's runtime: .*fetch failed: .*ECONNREFUSED/)
    expect(stderr).toContain(url)
    expect(stderr).toMatch(/retry with:\s+npm run ensure-electron/)
    expect(stderr).not.toMatch(/^\s+at /m)
    expect(existsSync(join(dir, 'path.txt'))).toBe(false)
  }, 60_000)

  it('when the mirror has no such release, says so', async () => {
    const dir = await freshElectronPackage()
    const { url } = await startMirror(404)
    const { code, stderr } = await ensure(dir, url)
    expect(code).toBe(1)
    expect(stderr).toMatch(/Could not install Electron's runtime: HTTPError: Response code 404/)
    expect(stderr).not.toMatch(/^\s+at /m)
  }, 60_000)
})

describe('npm run test:electron without Electron’s runtime', () => {
  it('reports the suite skipped in one line with the reason, and exits 0, when the runtime cannot be downloaded', async () => {
    const dir = await freshElectronPackage()
    const { url } = await startMirror(404)
    const { code, stdout, stderr } = await ensure(dir, url, [], 'test-electron.ts')
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(stdout.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(
        /^test:electron skipped: Electron's runtime is not installed and could not be downloaded \(HTTPError: Response code 404.*\)\.$/
      )
    ])
  }, 60_000)

  it('is part of npm test, after the end-to-end tests have built the app', () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    expect(scripts['test:electron']).toBe('tsx scripts/test-electron.ts')
    expect(scripts.test).toMatch(/npm run test:e2e && npm run test:electron -- --no-build/)
  })
})
