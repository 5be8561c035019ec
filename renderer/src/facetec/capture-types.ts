/** The capture contract between the adapter and whoever submits FaceScans (the journey, via main). */
import type { SessionOutcome } from './session-outcome'
import type { FaceTecSessionStatus } from './sdk-types'

/** One FaceScan, in the shape FaceTec's own processors upload (reference §3.2 step 3). */
export interface LivenessCapture {
  /** Base64, encrypted by the SDK. Hundreds of kB. */
  faceScan: string
  /** Base64 JPEG without a `data:` prefix (`auditTrail[0]`). */
  auditTrailImage: string
  /** `lowQualityAuditTrail[0]`. */
  lowQualityAuditTrailImage: string
  /** `createFaceTecAPIUserAgentString(sessionId)`, the X-User-Agent for the upload. */
  userAgent: string
  sessionId: string
}

/** What became of a submitted capture. */
export type SubmitDecision =
  /** The server processed it: hand FaceTec the blob; it shows success or asks for another scan. */
  | { kind: 'proceed'; scanResultBlob: string }
  /** Accepted, but the server gave no blob: close FaceTec's UI and report "submitted". */
  | { kind: 'done' }
  /** Ask the person for another scan (FaceTec's retry screen), within `maxAttempts`. */
  | { kind: 'retry' }
  /** Give up on this session. */
  | { kind: 'cancel' }

/** Uploads one capture. `progress` takes a 0..1 fraction and moves FaceTec's progress bar. */
export type SubmitCapture = (capture: LivenessCapture, progress: (fraction: number) => void) => Promise<SubmitDecision>

export interface CaptureLivenessOptions {
  /** From FaceTec's server, through main. */
  sessionToken: string
  submit: SubmitCapture
  /** FaceScans allowed in this session (first scan plus retries); after that, staff. */
  maxAttempts: number
  /**
   * Honoured before the session starts (rejects) and once FaceTec hands over a result (cancels).
   * While FaceTec's own UI is up there is no public API to stop it (reference §3.2).
   */
  signal?: AbortSignal
}

export type CaptureResult =
  /** FaceTec showed its success screen for the server's blob. */
  | { kind: 'completed'; outcome: SessionOutcome; capture: LivenessCapture; attempts: number }
  /** `submit` took the capture without a blob; FaceTec's UI was closed. */
  | { kind: 'submitted'; outcome: SessionOutcome; capture: LivenessCapture; attempts: number }
  | {
      kind: 'failed'
      outcome: SessionOutcome
      attempts: number
      /** FaceTec's status for the last result, or null when the adapter ended the session itself. */
      sessionStatus: FaceTecSessionStatus | null
      /** English, for logs and staff diagnostics. */
      detail: string
    }
