/**
 * One initialization attempt: development mode when there is no production key, production mode
 * otherwise. The SDK's callback only says true/false, so the outcome comes from `getStatus()` and the
 * console errors seen meanwhile.
 */
import type { MessageKey } from '../i18n'
import type { FaceTecAction } from './actions'
import { parseProductionKey, ProductionKeyFormatError } from './production-key'
import { normalizePublicKeyPem, PublicKeyFormatError } from './public-key'
import { watchSdkConsoleErrors, type SdkConsoleError } from './sdk-console-errors'
import { describeSdkStatus, sdkStatusName } from './sdk-status'
import { FaceTecSDKStatus, type FaceTecProductionKey, type FaceTecSDKGlobal } from './sdk-types'

/** What main hands the renderer for a verification (never an Assure credential). */
export interface FaceTecKeys {
  deviceKeyIdentifier: string
  /** PEM; may arrive flattened onto one line. */
  publicFaceScanEncryptionKey: string
  /** FaceTec's production key text; null or empty means development mode. */
  productionKeyText: string | null
}

export type InitFailureCode =
  /** `getStatus()` named the problem. */
  | 'sdk-status'
  /** The keys could not be read before ever reaching the SDK. */
  | 'invalid-keys'
  /** The SDK logged "FaceTec Browser SDK Error Code NNN" while initializing. */
  | 'sdk-console-error'
  /** The callback never came. */
  | 'timeout'

export type InitResult =
  | { ok: true; mode: 'development' | 'production' }
  | {
      ok: false
      code: InitFailureCode
      status: FaceTecSDKStatus
      /** e.g. "KeyExpiredOrInvalid", for logs and staff diagnostics. */
      statusName: string
      messageKey: MessageKey
      action: FaceTecAction
      /** Whether initializing again on this page may help (see sdk-status.ts). */
      reinitializable: boolean
      /** English, for logs and staff diagnostics. */
      detail: string
      consoleErrors: SdkConsoleError[]
    }

export const DEFAULT_INIT_TIMEOUT_MS = 60_000

export async function initializeSdk(
  sdk: FaceTecSDKGlobal,
  keys: FaceTecKeys,
  timeoutMs = DEFAULT_INIT_TIMEOUT_MS
): Promise<InitResult> {
  let publicKey: string
  let productionKey: FaceTecProductionKey | null
  try {
    publicKey = normalizePublicKeyPem(keys.publicFaceScanEncryptionKey)
    productionKey = keys.productionKeyText?.trim() ? parseProductionKey(keys.productionKeyText) : null
  } catch (error) {
    if (!(error instanceof PublicKeyFormatError || error instanceof ProductionKeyFormatError)) throw error
    return failure(sdk, 'invalid-keys', error.message, [], {
      messageKey: 'facetec.unavailable',
      action: 'out-of-service',
      reinitializable: false
    })
  }

  const watch = watchSdkConsoleErrors()
  let answered: boolean | 'timeout'
  /** Set if the SDK's initializer throws instead of answering through the callback. */
  const thrown: string[] = []
  try {
    answered = await new Promise<boolean | 'timeout'>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), timeoutMs)
      const callback = (initializedSuccessfully: boolean): void => {
        clearTimeout(timer)
        resolve(initializedSuccessfully)
      }
      try {
        if (productionKey) sdk.initializeInProductionMode(productionKey, keys.deviceKeyIdentifier, publicKey, callback)
        else sdk.initializeInDevelopmentMode(keys.deviceKeyIdentifier, publicKey, callback)
      } catch (error) {
        // A throwing initializer is a broken SDK folder; getStatus() below still names what it can.
        thrown.push(error instanceof Error ? error.message : String(error))
        callback(false)
      }
    })
  } finally {
    watch.stop()
  }

  const consoleErrors = [...watch.errors]
  const mode = productionKey ? 'production' : 'development'
  if (answered === 'timeout')
    return failure(sdk, 'timeout', `FaceTec did not finish initializing within ${timeoutMs} ms.`, consoleErrors)
  if (consoleErrors.length > 0) {
    return failure(
      sdk,
      'sdk-console-error',
      `FaceTec reported ${consoleErrors.map((e) => `Error Code ${e.code}`).join(', ')} while initializing.`,
      consoleErrors,
      {
        messageKey: 'facetec.unavailable',
        action: 'out-of-service',
        reinitializable: false
      }
    )
  }
  const status = sdk.getStatus()
  if (answered && status === FaceTecSDKStatus.Initialized) return { ok: true, mode }
  const why =
    thrown.length === 0 ? sdkStatusName(status) : `${sdkStatusName(status)} (the SDK threw: ${thrown.join('; ')})`
  return failure(sdk, 'sdk-status', `FaceTec initialization in ${mode} mode failed: ${why}.`, consoleErrors)
}

function failure(
  sdk: FaceTecSDKGlobal,
  code: InitFailureCode,
  detail: string,
  consoleErrors: SdkConsoleError[],
  override?: Pick<Extract<InitResult, { ok: false }>, 'messageKey' | 'action' | 'reinitializable'>
): Extract<InitResult, { ok: false }> {
  const status = sdk.getStatus()
  return {
    ok: false,
    code,
    status,
    statusName: sdkStatusName(status),
    detail,
    consoleErrors,
    ...(override ?? describeSdkStatus(status))
  }
}
