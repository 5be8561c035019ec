/**
 * Which FaceTec SDK folder the app origin serves (at FACETEC_SDK_MOUNT): demo mode's simulated SDK (built
 * into out/facetec-simulated), or the operator's FaceTec Browser SDK folder in live mode. The real
 * SDK's glue code likely needs eval; the simulated one does not, so demo mode keeps the strict CSP.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir, readFile, realpath, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { FACETEC_SDK_SCRIPT, type AppMode } from '../../preload/api'

export interface SdkFolder {
  root: string | null
  simulated: boolean
  allowEval: boolean
  /** Why the SDK cannot load, for the out-of-service screen and staff diagnostics. */
  problem: string | null
}

/** The SDK script's path inside the folder, in this platform's separators. */
export const SDK_SCRIPT = join(...FACETEC_SDK_SCRIPT.split('/'))

export function chooseSdkFolder(options: {
  mode: AppMode
  simulatedRoot: string
  operatorFolder?: string
  allowUnsafeEval: boolean
}): SdkFolder {
  if (options.mode === 'demo') {
    const present = existsSync(join(options.simulatedRoot, SDK_SCRIPT))
    return {
      root: options.simulatedRoot,
      simulated: true,
      allowEval: false,
      problem: present ? null : 'The simulated FaceTec SDK is missing: run `npm run build`.'
    }
  }
  if (!options.operatorFolder)
    return {
      root: null,
      simulated: false,
      allowEval: false,
      problem: 'No FaceTec SDK folder is configured (facetec.sdkFolder).'
    }
  const present = existsSync(join(options.operatorFolder, SDK_SCRIPT))
  return {
    root: options.operatorFolder,
    simulated: false,
    allowEval: options.allowUnsafeEval,
    problem: present ? null : `The FaceTec SDK folder has no ${SDK_SCRIPT}.`
  }
}

/**
 * What the SDK folder held at start: every file's SHA-256, keyed by its real path. The app origin
 * serves from the folder only files that are listed and unchanged, so FaceTec's code cannot be swapped
 * under a running kiosk (a local user with write access to the operator's folder, a symlink turned
 * elsewhere). The SDK script's SHA-384 goes to the log in Subresource Integrity form, for the operator
 * to compare with FaceTec's release. It does not protect against a folder changed while the kiosk is
 * off: keep the folder writable by administrators only (README, "Locking down the kiosk computer").
 */
export interface SdkManifest {
  files: number
  /** `sha384-<base64>` of core-sdk/FaceTecSDK.js/FaceTecSDK.js; null when it is missing. */
  scriptIntegrity: string | null
  matches(realFile: string, body: Uint8Array): boolean
}

/** More files than any FaceTec SDK has (about 60): a folder that big is not an SDK folder. */
export const MAX_SDK_FILES = 2_000

export async function measureSdkFolder(root: string, limits = { maxFiles: MAX_SDK_FILES }): Promise<SdkManifest> {
  const realRoot = await realpath(root)
  const hashes = new Map<string, string>()
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      // Hidden files are never served (./static-files.ts), so they are not measured either.
      if (entry.name.startsWith('.')) continue
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path)
      else if (entry.isFile() || entry.isSymbolicLink()) {
        const real = await realpath(path).catch(() => null)
        if (!real || hashes.has(real)) continue
        const info = await stat(real)
        if (!info.isFile()) continue
        if (hashes.size >= limits.maxFiles)
          throw new Error(`The FaceTec SDK folder has more than ${limits.maxFiles} files; is it the right folder?`)
        hashes.set(real, sha256(await readFile(real)))
      }
    }
  }
  await walk(realRoot)
  const script = await realpath(join(realRoot, SDK_SCRIPT)).catch(() => null)
  return {
    files: hashes.size,
    scriptIntegrity: script
      ? `sha384-${createHash('sha384')
          .update(await readFile(script))
          .digest('base64')}`
      : null,
    matches: (realFile, body) => hashes.get(realFile) === sha256(body)
  }
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

/** Serves nothing from the SDK folder: what a folder that could not be measured gets (fail closed). */
export const NOTHING_MEASURED: SdkManifest = { files: 0, scriptIntegrity: null, matches: () => false }
