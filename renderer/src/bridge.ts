/**
 * The renderer's view of `window.kiosk`: unwraps each `BridgeResult` into a value or a thrown
 * `BridgeCallError`, so stores can use plain async/await and still see the error code.
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

export function kioskApi(): KioskApi {
  return window.kiosk
}
