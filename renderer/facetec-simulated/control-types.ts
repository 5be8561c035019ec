/**
 * The simulated SDK's control surface, `window.FaceTecSimulator`: how tests, benchmarks and demo
 * mode script what the "user" and "FaceTec" do. Kept off `window.FaceTecSDK` so that global stays
 * a faithful copy of the real one.
 */
import type { FaceTecSDKStatus, FaceTecSessionStatus } from '../src/facetec/sdk-types'

/** How one FaceScan attempt ends, as the person in front of the camera would cause it. */
export type SimulatedScanOutcome =
  /** A real capture from the webcam: audit-trail JPEGs, a faceScan, the processor is called. */
  | 'success'
  /** The person presses Cancel while the oval is up (UserCancelled). */
  | 'user-cancel'
  /** The person never fills the oval (Timeout). */
  | 'timeout'
  /** The browser refuses the camera (CameraNotEnabled). */
  | 'camera-denied'
  /** The permission prompt is dismissed (UserCancelledWhenAttemptingToGetCameraPermissions). */
  | 'camera-permission-dismissed'
  /** No camera, or it stops (CameraNotRunning). */
  | 'camera-not-running'
  /** FaceTec locks the device after too many attempts (LockedOut; isLockedOut() becomes true). */
  | 'locked-out'
  /** The window loses the foreground mid-session (ContextSwitch). */
  | 'context-switch'
  /** FaceTec fails inside (UnknownInternalError). */
  | 'internal-error'

export interface SessionScript {
  /**
   * The outcome of each FaceScan in this session: the first scan, then one per retry. Entries may be
   * any raw FaceTecSessionStatus too. Scans beyond the list succeed.
   */
  scans?: Array<SimulatedScanOutcome | FaceTecSessionStatus>
  /** Shorthand for `scans: [outcome]`. */
  outcome?: SimulatedScanOutcome | FaceTecSessionStatus
  /**
   * What "FaceTec" makes of each scanResultBlob passed to proceedToNextStep, in order: show the
   * success screen (`succeed`, isCompletelyDone = true) or the retry screen and another scan
   * (`retry`). Blobs beyond the list succeed.
   */
  afterProceed?: Array<'succeed' | 'retry'>
}

export interface SimulatorDelays {
  /** Initialization (the real SDK downloads ~7-8 MB of resources). */
  initMs: number
  /** The "get ready" screen, unless the person presses I'M READY sooner. */
  readyMs: number
  /** The oval phase: prompts, then the frames are taken. */
  captureMs: number
  /** The success screen before the UI closes. */
  resultMs: number
  /** The retry screen, unless the person presses TRY AGAIN sooner. */
  retryMs: number
}

export interface SimulatorScript {
  init?: {
    /**
     * How the next initialize… calls end, one entry per call, in order: a FaceTecSDKStatus to fail
     * with (callback false), or `success`. Calls beyond the list follow `failWith`.
     */
    outcomes?: Array<FaceTecSDKStatus | 'success'>
    /** Every initialization (after `outcomes`) fails with this status until the script changes. */
    failWith?: FaceTecSDKStatus
  }
  /** One entry per FaceTecSession, consumed in order; sessions beyond the list succeed. */
  sessions?: SessionScript[]
  delays?: Partial<SimulatorDelays>
  /** All delays zero (callbacks still come on a later task): for benchmarks and fast tests. */
  fast?: boolean
  /** After this many failed FaceScans (retry or cancel after a scan, timeouts), lock the device. */
  lockout?: { afterFailedScans: number; durationMs?: number }
  /** Size of the faceScan before base64 (default 300 000 bytes, like FaceTec's ~350 kB FaceScans). */
  faceScanBytes?: number
  /** What an empty session token leads to; the real SDK's behaviour is unknown (reference §6.2). */
  emptySessionTokenStatus?: FaceTecSessionStatus
}

export type SimulatedPhase = 'idle' | 'starting-camera' | 'ready' | 'capturing' | 'uploading' | 'retry' | 'result'

export interface RecordedCall {
  /** e.g. `setResourceDirectory`, `configureLocalization`, `callback.uploadProgress`. */
  name: string
  /** Copies of the data passed; functions and class instances appear as `[function name]` / `[object Class]`. */
  args: unknown[]
  /** For callback calls: which session and scan they belong to. */
  sessionId?: string
  scan?: number
}

export interface FaceTecSimulatorControl {
  readonly version: string
  /** Replaces the whole script. */
  configure(script: SimulatorScript): void
  /** Appends one session's script to the queue. */
  queueSession(session: SessionScript): void
  /** Like a fresh page load: NeverInitialized, default script, no records, UI closed, camera released. */
  reset(): void
  /** Every call made on the global and on result callbacks, in order. */
  readonly calls: readonly RecordedCall[]
  /** Broken SDK rules (a second terminal call, localization before init, ...), in order. */
  readonly violations: readonly string[]
  readonly phase: SimulatedPhase
  readonly sessionsStarted: number
  /** What a person's taps would do; false when the button is not on screen. */
  pressCancel(): boolean
  pressReady(): boolean
}

declare global {
  interface Window {
    FaceTecSimulator?: FaceTecSimulatorControl
  }
}
