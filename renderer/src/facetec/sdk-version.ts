/**
 * Which FaceTec API generation a loaded SDK speaks. The two are incompatible (reference §1.3): 9.x
 * hands the app a FaceScan and audit-trail images; 10.x only relays opaque blobs and never exposes
 * them, so the kiosk's capture contract cannot be met on 10.x at all.
 */
export type SdkGeneration = 'classic9' | 'sessionRequest10' | 'unknown'

/** `global` is whatever the script defined: typed loosely on purpose, it is not trusted yet. */
export function sdkGenerationOf(global: object, version: string): SdkGeneration {
  // 10.x's entry point; its presence wins over the version string (a 10.x build is never classic).
  if ('initializeWithSessionRequest' in global) return 'sessionRequest10'
  const major = /^\s*(\d+)\.\d+/.exec(version)?.[1]
  if (major === '9') return 'classic9'
  if (major !== undefined && Number(major) >= 10) return 'sessionRequest10'
  return 'unknown'
}

/** Reads `version()` without trusting the global to have it, to answer a string, or not to throw. */
export function readSdkVersion(global: object): string {
  if (!('version' in global) || typeof global.version !== 'function') return '(no version function)'
  try {
    const version: unknown = (global.version as () => unknown)()
    return typeof version === 'string' ? version : `(version() answered ${typeof version})`
  } catch {
    return '(version() threw)'
  }
}
