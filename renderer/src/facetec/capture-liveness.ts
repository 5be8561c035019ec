/** Runs one FaceTec session with a LivenessProcessor and resolves when FaceTec is completely done. */
import type { CaptureLivenessOptions, CaptureResult } from './capture-types'
import { LivenessProcessor } from './liveness-processor'
import { outcomeOfSessionStatus } from './session-outcome'
import { FaceTecSessionStatus, type FaceTecSDKGlobal } from './sdk-types'

export interface RunningCapture {
  readonly result: Promise<CaptureResult>
  /** Settles `result` now as aborted (the kiosk is resetting); FaceTec's later calls are ignored. */
  abandon(detail: string): void
}

export function startCapture(sdk: FaceTecSDKGlobal, options: CaptureLivenessOptions): RunningCapture {
  let deliver!: (result: CaptureResult) => void
  const result = new Promise<CaptureResult>((resolve) => (deliver = resolve))
  const processor = new LivenessProcessor(sdk, options, deliver)
  try {
    // A User Timing mark: where "time to camera" ends (benchmark P2, and browser performance traces).
    performance.mark('facetec:session:start')
    // Processor first, token second (reference §3.1). The return value is unused by design.
    new sdk.FaceTecSession(processor, options.sessionToken)
  } catch (error) {
    deliver({
      kind: 'failed',
      outcome: outcomeOfSessionStatus(FaceTecSessionStatus.UnknownInternalError),
      attempts: 0,
      sessionStatus: null,
      detail: `FaceTecSession threw: ${error instanceof Error ? error.message : String(error)}`
    })
  }
  return { result, abandon: (detail) => processor.abandon(detail) }
}
