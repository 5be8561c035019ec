/**
 * Is Electron's runtime binary installed? electron 45's npm package ships without it; electron-vite,
 * Playwright's `_electron` and Electron's own index.js all read node_modules/electron/path.txt and
 * dist/. Read here without loading the `electron` package, whose index.js starts a download when
 * the binary is missing.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export interface ElectronPackage {
  dir: string
  version: string
}

/** The electron package (this project's, or the one in `dir`). */
export function electronPackage(dir?: string): ElectronPackage {
  const packageJson = dir ? join(dir, 'package.json') : createRequire(import.meta.url).resolve('electron/package.json')
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }
  return { dir: dirname(packageJson), version }
}

/** Why the runtime is not usable, or null when it is. */
export function runtimeProblem({ dir, version }: ElectronPackage): string | null {
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return 'node_modules/electron/path.txt is missing'
  const executable = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  if (!existsSync(executable)) return `${executable} is missing`
  const versionFile = join(dir, 'dist', 'version')
  const installed = existsSync(versionFile) ? readFileSync(versionFile, 'utf8').trim().replace(/^v/, '') : null
  if (installed !== version) return `the installed runtime is ${installed ?? 'of an unknown version'}, not ${version}`
  return null
}
