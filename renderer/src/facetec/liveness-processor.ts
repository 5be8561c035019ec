/**
 * The 9.x processor FaceTec calls back: the same flow as FaceTec's LivenessCheckProcessor sample
 * (reference §3.2), with the upload delegated to `submit`, attempts counted, and the session's end
 * turned into one `CaptureResult`, delivered exactly once.
 */
import type { CaptureLivenessOptions, CaptureResult, LivenessCapture, SubmitDecision } from './capture-types'
import { guardResultCallback, type GuardedResultCallback } from './result-callback-guard'
import { adapterOutcomes, outcomeOfSessionStatus, sessionStatusName, type SessionOutcome } from './session-outcome'
import {
  FaceTecSessionStatus,
  type FaceTecFaceScanProcessor,
  type FaceTecFaceScanResultCallback,
  type FaceTecSDKGlobal,
  type FaceTecSessionResult
} from './sdk-types'

type Ending = { outcome: SessionOutcome; capture: LivenessCapture | null; detail: string }

export class LivenessProcessor implements FaceTecFaceScanProcessor {
  /** FaceScans handed over so far in this session (the first one and every retry). */
  private attempts = 0
  private latestResult: FaceTecSessionResult | null = null
  private latestCapture: LivenessCapture | null = null
  /** Set when the adapter, not FaceTec, decided how the session ends. */
  private ending: Ending | null = null
  private current: GuardedResultCallback | null = null
  private settled = false
  private readonly onAbort = (): void => {
    this.endWith(adapterOutcomes.aborted, 'The kiosk aborted the capture.')
    this.current?.cancel()
  }

  constructor(
    private readonly sdk: FaceTecSDKGlobal,
    private readonly options: CaptureLivenessOptions,
    private readonly deliver: (result: CaptureResult) => void
  ) {
    options.signal?.addEventListener('abort', this.onAbort, { once: true })
  }

  // Arrow properties, as in FaceTec's full sample processors: they work however the SDK invokes them.
  processSessionResultWhileFaceTecSDKWaits = (
    sessionResult: FaceTecSessionResult,
    faceScanResultCallback: FaceTecFaceScanResultCallback
  ): void => {
    const callback = guardResultCallback(faceScanResultCallback)
    this.current = callback
    this.latestResult = sessionResult
    // No FaceScan (cancel, timeout, camera, ...), or we already know how this ends: close FaceTec's UI.
    if (sessionResult.status !== FaceTecSessionStatus.SessionCompletedSuccessfully || this.ending || this.settled)
      return callback.cancel()

    if (this.attempts >= this.options.maxAttempts) {
      this.endWith(
        adapterOutcomes.retryLimitReached,
        `FaceTec asked for scan ${this.attempts + 1} after the ${this.options.maxAttempts} allowed; not submitted.`
      )
      return callback.cancel()
    }
    this.attempts++
    const capture = this.captureOf(sessionResult)
    if (!capture) {
      this.endWith(
        outcomeOfSessionStatus(FaceTecSessionStatus.UnknownInternalError),
        'FaceTec reported success without a FaceScan, audit image or session id.'
      )
      return callback.cancel()
    }
    this.latestCapture = capture
    this.submit(capture, callback)
  }

  onFaceTecSDKCompletelyDone = (): void => {
    this.finish()
  }

  /** Ends the capture now, whatever FaceTec does later (the kiosk is resetting). */
  abandon(detail: string): void {
    this.endWith(adapterOutcomes.aborted, detail)
    this.current?.cancel()
    this.finish()
  }

  private submit(capture: LivenessCapture, callback: GuardedResultCallback): void {
    let decided: Promise<SubmitDecision>
    try {
      decided = this.options.submit(capture, (fraction) => callback.progress(fraction))
    } catch (error) {
      decided = Promise.reject(error instanceof Error ? error : new Error(errorText(error)))
    }
    decided
      .then(
        (decision) => this.act(decision, capture, callback),
        (error: unknown) => {
          if (callback.done) return
          this.endWith(adapterOutcomes.submitFailed, `Submitting the FaceScan failed: ${errorText(error)}`)
          callback.cancel()
        }
      )
      .catch((error: unknown) => {
        // The SDK threw from its own terminal call; it decides what comes next, we record why.
        this.endWith(
          outcomeOfSessionStatus(FaceTecSessionStatus.UnknownInternalError),
          `FaceTec threw from the result callback: ${errorText(error)}`
        )
      })
  }

  /** Tells FaceTec what became of the submitted scan: exactly one terminal call. */
  private act(decision: SubmitDecision, capture: LivenessCapture, callback: GuardedResultCallback): void {
    // Aborted or reset meanwhile: that path already made the terminal call.
    if (callback.done) return
    switch (decision.kind) {
      case 'proceed':
        return callback.proceed(decision.scanResultBlob)
      case 'done':
        this.endWith(adapterOutcomes.submitted, 'Submitted; the server returned no scanResultBlob.', capture)
        return callback.cancel()
      case 'retry':
        if (!callback.canRetry) {
          this.endWith(
            adapterOutcomes.submitCancelled,
            'The server asked for another scan, but this FaceTec SDK has no retry().'
          )
          return callback.cancel()
        }
        if (this.attempts >= this.options.maxAttempts) {
          this.endWith(
            adapterOutcomes.retryLimitReached,
            `The server asked for another scan after ${this.attempts} of ${this.options.maxAttempts}.`
          )
          return callback.cancel()
        }
        return callback.retry()
      case 'cancel':
        this.endWith(adapterOutcomes.submitCancelled, 'The submitter cancelled the session.')
        return callback.cancel()
    }
  }

  private captureOf(result: FaceTecSessionResult): LivenessCapture | null {
    const auditTrailImage = result.auditTrail[0]
    const lowQualityAuditTrailImage = result.lowQualityAuditTrail[0]
    if (!result.faceScan || !result.sessionId || !auditTrailImage || !lowQualityAuditTrailImage) return null
    return {
      faceScan: result.faceScan,
      auditTrailImage,
      lowQualityAuditTrailImage,
      userAgent: this.sdk.createFaceTecAPIUserAgentString(result.sessionId),
      sessionId: result.sessionId
    }
  }

  /** The first decision wins: a later one (e.g. an abort after the server refused) changes nothing. */
  private endWith(outcome: SessionOutcome, detail: string, capture: LivenessCapture | null = null): void {
    this.ending ??= { outcome, detail, capture }
  }

  private finish(): void {
    if (this.settled) return
    this.settled = true
    this.options.signal?.removeEventListener('abort', this.onAbort)
    this.deliver(this.resultNow())
  }

  private resultNow(): CaptureResult {
    const attempts = this.attempts
    if (this.ending) {
      const { outcome, capture, detail } = this.ending
      if (capture && outcome.reason === 'submitted') return { kind: 'submitted', outcome, capture, attempts }
      return { kind: 'failed', outcome, attempts, sessionStatus: null, detail }
    }
    const result = this.latestResult
    if (!result) {
      const outcome = outcomeOfSessionStatus(FaceTecSessionStatus.UnknownInternalError)
      return {
        kind: 'failed',
        outcome,
        attempts,
        sessionStatus: null,
        detail: 'FaceTec finished without handing over any result.'
      }
    }
    if (result.status !== FaceTecSessionStatus.SessionCompletedSuccessfully) {
      return {
        kind: 'failed',
        outcome: outcomeOfSessionStatus(result.status),
        attempts,
        sessionStatus: result.status,
        detail: `FaceTec ended the session: ${sessionStatusName(result.status)}.`
      }
    }
    if (result.isCompletelyDone && this.latestCapture) {
      return {
        kind: 'completed',
        outcome: outcomeOfSessionStatus(result.status),
        capture: this.latestCapture,
        attempts
      }
    }
    // The blob went to FaceTec but it closed without success (e.g. left from its retry screen).
    return {
      kind: 'failed',
      outcome: adapterOutcomes.aborted,
      attempts,
      sessionStatus: result.status,
      detail: 'FaceTec closed after the scan without completing.'
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
