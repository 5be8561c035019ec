import type { BridgeErrorCode } from '../../preload/api'

/** The bridge's codes a service may answer with; `forbidden-sender` is the router's own. */
export type ServiceErrorCode = Exclude<BridgeErrorCode, 'forbidden-sender'>

/**
 * The one error type of main's services that crosses the IPC boundary: a code from the bridge
 * contract's vocabulary (preload/api.ts, BridgeErrorCode), which the renderer acts on, and a message
 * that is safe to show (no secrets, no personal data). Services throw it with the code the renderer
 * will see, so no layer translates it; the router answers it as it is. Anything else a service throws
 * is answered as `internal` with a generic message.
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError'
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}
