/**
 * Loads the FaceTec Browser SDK: a classic <script> (never type=module: the bundle assigns its export
 * to `this`, which is undefined in a module), then checks it is a 9.x SDK and points it at its
 * resource and image folders, which must happen before initializing.
 */
import { FaceTecError, FaceTecUnsupportedVersionError } from './facetec-error'
import { sdkLocation, type SdkLocation } from './sdk-location'
import type { FaceTecSDKGlobal } from './sdk-types'
import { readSdkVersion, sdkGenerationOf } from './sdk-version'

export interface LoadSdkOptions {
  /** Prefix FaceTec's folder is served under; default `/facetec-sdk/`. */
  baseUrl?: string
  /** How long the script may take to load or fail. The real bundle is ~2 MB from local disk. */
  timeoutMs?: number
}

export interface LoadedSdk {
  sdk: FaceTecSDKGlobal
  version: string
  location: SdkLocation
}

export const DEFAULT_LOAD_TIMEOUT_MS = 20_000

export async function loadFaceTecSdk(options: LoadSdkOptions = {}): Promise<LoadedSdk> {
  const location = sdkLocation(options.baseUrl)
  // A script already on the page (an earlier load, or a kiosk reset) is reused: running the bundle
  // twice would give two SDK instances fighting over the camera.
  if (!window.FaceTecSDK) await injectScript(location.scriptUrl, options.timeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS)
  const global: unknown = window.FaceTecSDK
  if (typeof global !== 'object' || global === null) {
    throw new FaceTecError(
      'global-missing',
      `${location.scriptUrl} loaded but did not define window.FaceTecSDK: is this FaceTec's core-sdk/FaceTecSDK.js/FaceTecSDK.js?`,
      'facetec.unavailable',
      'out-of-service'
    )
  }
  const version = readSdkVersion(global)
  const generation = sdkGenerationOf(global, version)
  if (generation !== 'classic9') throw new FaceTecUnsupportedVersionError(version, generation)

  const sdk = global as FaceTecSDKGlobal
  sdk.setResourceDirectory(location.resourceDirectory)
  sdk.setImagesDirectory(location.imagesDirectory)
  return { sdk, version, location }
}

function injectScript(url: string, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const script = document.createElement('script')
    script.src = url
    script.async = true
    script.dataset.facetecSdk = ''
    const settle = (error: FaceTecError | null): void => {
      clearTimeout(timer)
      script.onload = null
      script.onerror = null
      if (!error) return resolve()
      // Leave no dead tag behind, so a later attempt injects a fresh one.
      script.remove()
      reject(error)
    }
    const timer = setTimeout(
      () =>
        settle(
          new FaceTecError(
            'script-timeout',
            `The FaceTec SDK script ${url} did not load within ${timeoutMs} ms.`,
            'facetec.unavailable',
            'out-of-service'
          )
        ),
      timeoutMs
    )
    script.onload = () => settle(null)
    script.onerror = () =>
      settle(
        new FaceTecError(
          'script-load-failed',
          `The FaceTec SDK script ${url} could not be loaded: is the operator's FaceTec folder configured (core-sdk/FaceTecSDK.js/FaceTecSDK.js)?`,
          'facetec.unavailable',
          'out-of-service'
        )
      )
    document.head.append(script)
  })
}
