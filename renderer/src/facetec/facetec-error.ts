/**
 * The one error type the adapter throws. It carries what the UI needs (a message key and an action)
 * and, in `message`, an English explanation for logs and staff diagnostics.
 */
import type { MessageKey } from '../i18n'
import type { FaceTecAction } from './actions'

export type FaceTecErrorCode =
  /** The SDK script answered an error (404, blocked by CSP, ...). */
  | 'script-load-failed'
  /** Neither the script's load nor its error event arrived in time. */
  | 'script-timeout'
  /** The script ran but defined no `window.FaceTecSDK`. */
  | 'global-missing'
  /** A 10.x (session-request) SDK, or a version we cannot tell: the kiosk speaks 9.x only. */
  | 'unsupported-version'
  /** Capture asked for before a successful initialize (FaceTec's InitializationNotCompleted). */
  | 'not-initialized'
  /** A second capture while one runs (FaceTec's SessionInProgress). */
  | 'session-in-progress'
  /** The caller's AbortSignal fired before the session started. */
  | 'aborted'

export class FaceTecError extends Error {
  override readonly name = 'FaceTecError'
  constructor(
    readonly code: FaceTecErrorCode,
    message: string,
    readonly messageKey: MessageKey,
    readonly action: FaceTecAction
  ) {
    super(message)
  }
}

/** The error for a folder that holds something other than a 9.x Browser SDK. */
export class FaceTecUnsupportedVersionError extends FaceTecError {
  constructor(
    readonly version: string,
    readonly generation: 'sessionRequest10' | 'unknown'
  ) {
    super(
      'unsupported-version',
      generation === 'sessionRequest10'
        ? `FaceTec Browser SDK ${version} is a 10.x (session-request) SDK; this kiosk needs a 9.x SDK folder (and a 9.x FaceTec server).`
        : `FaceTec Browser SDK version "${version}" is not a 9.x version this kiosk supports.`,
      'facetec.unavailable',
      'out-of-service'
    )
  }
}
