/**
 * FaceTec allows exactly one terminal call (proceedToNextStep / cancel / retry) per result-callback
 * object; a second one is undefined behaviour in the SDK. Every path in the processor goes through
 * this guard, so a late network answer after an abort, or an abort after an answer, cannot make it.
 */
import type { FaceTecFaceScanResultCallback } from './sdk-types'

export interface GuardedResultCallback {
  /** True once a terminal call was made. */
  readonly done: boolean
  /** Whether the SDK still offers the deprecated `retry()`. */
  readonly canRetry: boolean
  proceed(scanResultBlob: string): void
  cancel(): void
  retry(): void
  /** Ignored after the terminal call, and for values that are not a finite number. */
  progress(fraction: number): void
}

export function guardResultCallback(callback: FaceTecFaceScanResultCallback): GuardedResultCallback {
  let done = false
  const terminal = (call: () => void): void => {
    if (done) return
    done = true
    call()
  }
  return {
    get done() {
      return done
    },
    canRetry: typeof (callback as Partial<FaceTecFaceScanResultCallback>).retry === 'function',
    proceed: (scanResultBlob) => terminal(() => callback.proceedToNextStep(scanResultBlob)),
    cancel: () => terminal(() => callback.cancel()),
    // The deprecated 9.0-9.1 call is still the only way to ask for another scan without a blob.
    retry: () => terminal(() => callback.retry()),
    progress(fraction) {
      if (done || !Number.isFinite(fraction)) return
      callback.uploadProgress(Math.min(1, Math.max(0, fraction)))
    }
  }
}
