/**
 * The renderer's side of the bridge contract's `KioskApi`: where the preload exposed it, and its
 * `BridgeResult`s unwrapped into a value or a thrown `BridgeCallError`, so controllers and stores can
 * use plain async/await and still see the error code. (preload/bridge.ts is the other side: it builds
 * the API from the contract.)
 */
import type { BridgeError, BridgeErrorCode, BridgeResult, KioskApi } from '../../preload/api'

export class BridgeCallError extends Error {
  override readonly name = 'BridgeCallError'
  readonly code: BridgeErrorCode
  constructor(error: BridgeError) {
    super(error.message)
    this.code = error.code
  }
}

export function unwrap<T>(result: BridgeResult<T>): T {
  if (result.ok) return result.value
  throw new BridgeCallError(result.error)
}

/**
 * The `KioskApi` the preload exposed as `window.kiosk`. Only the composition root (main.tsx) reads it;
 * everything else is handed the API, so tests hand in their own.
 */
export function exposedKioskApi(): KioskApi {
  return window.kiosk
}
