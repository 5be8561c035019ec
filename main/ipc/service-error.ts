import type { BridgeErrorCode } from '../../preload/api'

/**
 * An error a service throws on purpose, with a code the renderer can act on and a message that is
 * safe to show (no secrets, no personal data). Anything else a service throws is answered as
 * `internal` with a generic message.
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError'
  constructor(
    readonly code: Exclude<BridgeErrorCode, 'forbidden-sender'>,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}
