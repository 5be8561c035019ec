/**
 * The FaceTecFaceScanResultCallback handed to the processor, one per result. It enforces the SDK's
 * contract loudly: exactly one terminal call (proceedToNextStep / cancel / succeed / retry); a
 * second one is recorded as a violation and throws, so a test sees it; progress must be 0..1.
 */
import type { FaceTecFaceScanResultCallback } from '../src/facetec/sdk-types'
import { core } from './core'

export type ScanDecision = 'succeed' | 'retry' | 'cancel' | 'abandoned'

export interface ResultContext {
  sessionId: string
  /** 1-based number of the scan within its session. */
  scan: number
  /** Whether the result handed over carries a FaceScan (SessionCompletedSuccessfully). */
  successful: boolean
  /** What "FaceTec" makes of the next scanResultBlob: success screen or retry screen. */
  afterProceed(): 'succeed' | 'retry'
  onProgress(fraction: number): void
  onMessage(text: string): void
}

/**
 * Own properties are the six public methods only, in the real callback's order (measured); the
 * simulator's bookkeeping is in #private fields, which integrations cannot see.
 */
export class SimulatedResultCallback implements FaceTecFaceScanResultCallback {
  readonly #decision: Promise<ScanDecision>
  #settle!: (decision: ScanDecision) => void
  #terminalCall: string | null = null
  readonly #context: ResultContext

  constructor(context: ResultContext) {
    this.#context = context
    this.#decision = new Promise((resolve) => (this.#settle = resolve))
  }

  // Arrow properties: the SDK's callback must keep working when an integration passes its methods around.
  proceedToNextStep = (scanResultBlob: string, idScanNextStep?: unknown): void => {
    this.#record(
      'proceedToNextStep',
      idScanNextStep === undefined ? [scanResultBlob] : [scanResultBlob, idScanNextStep]
    )
    this.#terminal('proceedToNextStep', () => {
      if (typeof scanResultBlob !== 'string' || scanResultBlob === '')
        this.#violation('proceedToNextStep() was given no scanResultBlob')
      return this.#context.successful ? this.#context.afterProceed() : this.#misuse('proceedToNextStep')
    })
  }

  /** @deprecated in 9.7, still honoured: success screen without a blob. */
  succeed = (idScanNextStep?: unknown): void => {
    this.#record('succeed', idScanNextStep === undefined ? [] : [idScanNextStep])
    this.#terminal('succeed', () => (this.#context.successful ? 'succeed' : this.#misuse('succeed')))
  }

  /** @deprecated in 9.7, still honoured: retry screen without a blob. */
  retry = (retryScreen?: unknown): void => {
    this.#record('retry', retryScreen === undefined ? [] : [retryScreen])
    this.#terminal('retry', () => (this.#context.successful ? 'retry' : this.#misuse('retry')))
  }

  cancel = (): void => {
    this.#record('cancel', [])
    this.#terminal('cancel', () => 'cancel')
  }

  uploadProgress = (uploadedPercent: number): void => {
    this.#record('uploadProgress', [uploadedPercent])
    if (typeof uploadedPercent !== 'number' || !(uploadedPercent >= 0 && uploadedPercent <= 1)) {
      this.#violation(`uploadProgress(${String(uploadedPercent)}) is not a 0..1 fraction`)
    }
    if (!this.#terminalCall) this.#context.onProgress(uploadedPercent)
  }

  uploadMessageOverride = (uploadMessageOverride: string): void => {
    this.#record('uploadMessageOverride', [uploadMessageOverride])
    if (!this.#terminalCall) this.#context.onMessage(uploadMessageOverride)
  }

  /** The processor's one terminal call, or `abandoned`. */
  get decision(): Promise<ScanDecision> {
    return this.#decision
  }

  /** The session was torn down (deinitialize/reset): nothing will come. */
  abandon(): void {
    this.#settle('abandoned')
  }

  #terminal(name: string, decide: () => ScanDecision): void {
    if (this.#terminalCall) {
      const text = `${name}() after ${this.#terminalCall}() on the same result callback (session ${this.#context.sessionId}, scan ${this.#context.scan}): one terminal call per callback`
      this.#violation(text)
      throw new Error(`FaceTec simulated SDK: ${text}`)
    }
    this.#terminalCall = name
    this.#settle(decide())
  }

  #misuse(name: string): ScanDecision {
    this.#violation(
      `${name}() on a result without a FaceScan (status not SessionCompletedSuccessfully); treated as cancel()`
    )
    return 'cancel'
  }

  #record(name: string, args: unknown[]): void {
    core.records.call(`callback.${name}`, args, { sessionId: this.#context.sessionId, scan: this.#context.scan })
  }

  #violation(text: string): void {
    core.records.violation(text)
  }
}
