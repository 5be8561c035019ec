/**
 * `new FaceTecSDK.FaceTecSession(processor, sessionToken)`: one user session, run the way reference
 * §3.2/§6.2 describe the real SDK: nothing happens synchronously; a session that cannot start still
 * hands the processor a result (with its status and no FaceScan); every result waits for exactly one
 * terminal call; a retry re-enters the processor with a new result; `onFaceTecSDKCompletelyDone`
 * comes after the UI has closed.
 */
import {
  FaceTecAuditTrailImagesToReturn,
  FaceTecSDKStatus,
  FaceTecSessionStatus,
  type FaceTecFaceScanProcessor,
  type FaceTecSessionResult
} from '../src/facetec/sdk-types'
import { takeAuditFrame, type AuditFrame } from './audit-trail'
import { CameraFailure, firstFrame, openCamera, stopCamera } from './camera'
import type { SessionScript, SimulatedScanOutcome } from './control-types'
import { core, type ActiveSession } from './core'
import { CAPTURE_PROMPTS } from './default-strings'
import { simulatedFaceScan } from './face-scan'
import { newSessionId } from './ids'
import { SimulatedOverlay } from './overlay/overlay'
import { SimulatedResultCallback, type ScanDecision } from './result-callback'
import { delaysOf, later } from './timing'

/** How long a camera may take to show its first frame before it counts as not running. */
const FIRST_FRAME_TIMEOUT_MS = 10_000

const STATUS_OF: Record<Exclude<SimulatedScanOutcome, 'success'>, FaceTecSessionStatus> = {
  'user-cancel': FaceTecSessionStatus.UserCancelled,
  timeout: FaceTecSessionStatus.Timeout,
  'camera-denied': FaceTecSessionStatus.CameraNotEnabled,
  'camera-permission-dismissed': FaceTecSessionStatus.UserCancelledWhenAttemptingToGetCameraPermissions,
  'camera-not-running': FaceTecSessionStatus.CameraNotRunning,
  'locked-out': FaceTecSessionStatus.LockedOut,
  'context-switch': FaceTecSessionStatus.ContextSwitch,
  'internal-error': FaceTecSessionStatus.UnknownInternalError
}

/** Statuses that happen before the camera shows anything. */
const BEFORE_CAMERA = new Set([
  FaceTecSessionStatus.CameraNotEnabled,
  FaceTecSessionStatus.UserCancelledWhenAttemptingToGetCameraPermissions,
  FaceTecSessionStatus.CameraNotRunning,
  FaceTecSessionStatus.LockedOut
])

type PhaseEnd =
  | { kind: 'elapsed' }
  | { kind: 'ready' }
  | { kind: 'interrupted'; status: FaceTecSessionStatus }
  | { kind: 'abandoned' }

/** Thrown inside the runner to unwind when the session is torn down; never escapes it. */
class Abandoned extends Error {}

export function startSession(processor: FaceTecFaceScanProcessor, sessionToken: string): void {
  if (
    typeof processor !== 'object' ||
    processor === null ||
    typeof processor.processSessionResultWhileFaceTecSDKWaits !== 'function' ||
    typeof processor.onFaceTecSDKCompletelyDone !== 'function'
  ) {
    throw new TypeError(
      'FaceTecSession(processor, sessionToken): processor must implement FaceTecFaceScanProcessor (processor first, token second)'
    )
  }
  core.sessionsStarted++
  const notReady = notReadyStatus()
  if (notReady !== null) return refuseBeforeInitialization(processor, notReady)
  void new SessionRunner(processor, sessionToken, core.nextSessionScript()).run()
}

/** The session status of an SDK that has not (yet, or successfully) initialized, or null when it has. */
function notReadyStatus(): FaceTecSessionStatus | null {
  if (core.status === FaceTecSDKStatus.Initialized) return null
  if (core.status === FaceTecSDKStatus.StillLoadingResources) return FaceTecSessionStatus.StillLoadingResources
  if (core.status === FaceTecSDKStatus.ResourcesCouldNotBeLoadedOnLastInit)
    return FaceTecSessionStatus.ResourcesCouldNotBeLoadedOnLastInit
  return FaceTecSessionStatus.InitializationNotCompleted
}

/**
 * What the real 9.7.27 SDK does with a session before initialization (measured): it calls the
 * processor inside the constructor, with the status, no FaceScan and sessionId "", and then, on a
 * later task and whatever the processor answered, onFaceTecSDKCompletelyDone. No UI is shown.
 */
function refuseBeforeInitialization(processor: FaceTecFaceScanProcessor, status: FaceTecSessionStatus): void {
  const result: FaceTecSessionResult = {
    faceScan: null,
    auditTrail: [],
    lowQualityAuditTrail: [],
    sessionId: '',
    status,
    isCompletelyDone: false
  }
  const callback = new SimulatedResultCallback({
    sessionId: '',
    scan: 1,
    successful: false,
    afterProceed: () => 'succeed',
    onProgress: () => undefined,
    onMessage: () => undefined
  })
  callProcessor(() => processor.processSessionResultWhileFaceTecSDKWaits(result, callback))
  void later().then(() => callProcessor(() => processor.onFaceTecSDKCompletelyDone()))
}

/** Calls into the integration's processor the way the SDK does: what it throws is reported, not propagated. */
function callProcessor(call: () => void): void {
  try {
    call()
  } catch (error) {
    core.records.violation(`the processor threw: ${error instanceof Error ? error.message : String(error)}`)
    reportError(error)
  }
}

class SessionRunner implements ActiveSession {
  private readonly sessionId = newSessionId()
  private readonly scans: Array<SimulatedScanOutcome | FaceTecSessionStatus>
  private readonly afterProceed: Array<'succeed' | 'retry'>
  private scan = 0
  private overlay: SimulatedOverlay | null = null
  private stream: MediaStream | null = null
  private callback: SimulatedResultCallback | null = null
  private abandoned = false
  private waiter: ((end: PhaseEnd) => void) | null = null
  private pendingInterruption: FaceTecSessionStatus | null = null
  /** What a Cancel press means now; null while the button is not offered. */
  private cancelStatus: FaceTecSessionStatus | null = null
  private readyOffered = false
  /** Leaving the foreground only interrupts while the person is in front of the camera. */
  private watchingContext = false
  private readonly onVisibility = (): void => {
    if (document.visibilityState === 'hidden' && this.watchingContext)
      this.interrupt(FaceTecSessionStatus.ContextSwitch)
  }

  // Kept as a field so teardown can remove it: a listener left on the track keeps this
  // whole session (overlay, video element, callbacks) alive for the rest of the day.
  private readonly onTrackEnded = (): void => this.interrupt(FaceTecSessionStatus.CameraNotRunning)

  constructor(
    private readonly processor: FaceTecFaceScanProcessor,
    private readonly sessionToken: string,
    script: SessionScript
  ) {
    this.scans = script.scans ?? (script.outcome === undefined ? [] : [script.outcome])
    this.afterProceed = [...(script.afterProceed ?? [])]
  }

  async run(): Promise<void> {
    // The constructor never calls back synchronously.
    await later()
    const refusal = this.refusal()
    if (refusal !== null) return this.refuse(refusal)
    core.active = this
    try {
      await this.userSession()
    } catch (error) {
      if (error instanceof Abandoned) return
      // A fault inside the simulator is what UnknownInternalError is for; still make it visible.
      reportError(error)
      await this.endWith(FaceTecSessionStatus.UnknownInternalError).catch(() => undefined)
    }
  }

  // --- ActiveSession -------------------------------------------------------------------------------

  abandon(): void {
    this.abandoned = true
    this.waiter?.({ kind: 'abandoned' })
    this.callback?.abandon()
    this.teardown()
  }

  pressCancel(): boolean {
    if (this.cancelStatus === null) return false
    this.interrupt(this.cancelStatus)
    return true
  }

  pressReady(): boolean {
    if (!this.readyOffered) return false
    this.waiter?.({ kind: 'ready' })
    return true
  }

  // --- the session ---------------------------------------------------------------------------------

  /** Why this session cannot start at all, checked the way the SDK would, or null. */
  private refusal(): FaceTecSessionStatus | null {
    if (core.status === FaceTecSDKStatus.StillLoadingResources) return FaceTecSessionStatus.StillLoadingResources
    if (core.status === FaceTecSDKStatus.ResourcesCouldNotBeLoadedOnLastInit)
      return FaceTecSessionStatus.ResourcesCouldNotBeLoadedOnLastInit
    if (core.status !== FaceTecSDKStatus.Initialized) return FaceTecSessionStatus.InitializationNotCompleted
    if (core.active) return FaceTecSessionStatus.SessionInProgress
    if (core.isLockedOut()) return FaceTecSessionStatus.LockedOut
    if (typeof this.sessionToken !== 'string' || this.sessionToken.trim() === '')
      return core.script.emptySessionTokenStatus ?? FaceTecSessionStatus.UnknownInternalError
    return null
  }

  /** A session that never showed UI: hand over the status, wait for cancel, then completely done. */
  private async refuse(status: FaceTecSessionStatus): Promise<void> {
    await this.handOver(this.failedResult(status))
    await later()
    this.notifyCompletelyDone()
  }

  private async userSession(): Promise<void> {
    const delays = delaysOf(core.script)
    this.overlay = new SimulatedOverlay({ onCancel: () => this.pressCancel(), onReady: () => this.pressReady() })
    this.overlay.showStartingCamera()
    this.cancelStatus = FaceTecSessionStatus.UserCancelled

    const scripted = this.scriptedStatus()
    if (scripted !== null && BEFORE_CAMERA.has(scripted)) return this.endWith(this.scriptedEffects(scripted))

    try {
      this.stream = await openCamera()
    } catch (error) {
      this.check()
      return this.endWith(error instanceof CameraFailure ? error.status : FaceTecSessionStatus.CameraNotRunning)
    }
    this.check()
    for (const track of this.stream.getVideoTracks()) track.addEventListener('ended', this.onTrackEnded)
    document.addEventListener('visibilitychange', this.onVisibility)
    this.overlay.attach(this.stream)
    const live = await firstFrame(this.overlay.video, FIRST_FRAME_TIMEOUT_MS)
    this.check()
    if (!live) return this.endWith(FaceTecSessionStatus.CameraNotRunning)

    this.watchingContext = true
    this.overlay.showReady()
    this.readyOffered = true
    const ready = await this.wait(delays.readyMs)
    this.readyOffered = false
    if (ready.kind === 'interrupted') return this.endWith(ready.status)

    for (;;) {
      const outcome = await this.capture(delays.captureMs)
      if (typeof outcome === 'number') return this.endWith(outcome)

      this.watchingContext = false
      this.cancelStatus = null
      this.overlay.showUploading()
      const result = this.successfulResult(outcome)
      const decision = await this.handOver(result)
      this.check()
      if (decision === 'cancel') {
        core.countFailedScan()
        return this.close()
      }
      if (decision === 'succeed') {
        result.isCompletelyDone = true
        this.overlay.showSuccess(core.successMessageOverride ?? core.text('FaceTec_result_success_message'))
        await this.wait(delays.resultMs)
        return this.close()
      }
      // Retry: the server did not accept this scan; FaceTec asks for another one.
      core.countFailedScan()
      this.scan++
      if (core.isLockedOut()) return this.endWith(FaceTecSessionStatus.LockedOut)
      this.cancelStatus = FaceTecSessionStatus.UserCancelledFromRetryGuidance
      this.readyOffered = true
      this.overlay.showRetry(outcome[0]?.lowQualityImage ?? null, () => this.pressReady())
      const again = await this.wait(delays.retryMs)
      this.readyOffered = false
      if (again.kind === 'interrupted') return this.endWith(again.status)
      this.watchingContext = true
    }
  }

  /** The oval phase. Answers the audit frames of a finished scan, or the status that ended it. */
  private async capture(durationMs: number): Promise<AuditFrame[] | FaceTecSessionStatus> {
    const overlay = this.required(this.overlay)
    this.cancelStatus =
      this.scan === 0 ? FaceTecSessionStatus.UserCancelled : FaceTecSessionStatus.UserCancelledFromRetryGuidance
    overlay.showCapturing(durationMs)
    const scripted = this.scriptedStatus()
    if (scripted !== null) {
      overlay.setFeedback(CAPTURE_PROMPTS[0] ?? 'FaceTec_feedback_face_not_found')
      const end = await this.wait(durationMs / 2)
      return end.kind === 'interrupted' ? end.status : this.scriptedEffects(scripted)
    }
    // Evenly spaced frames while the prompts change; FaceTec's auditTrail[0] is the final one.
    const count = core.maxAuditTrailImages === FaceTecAuditTrailImagesToReturn.UP_TO_SIX ? 6 : 1
    const steps = Math.max(count, CAPTURE_PROMPTS.length)
    const frames: AuditFrame[] = []
    for (let step = 0; step < steps; step++) {
      overlay.setFeedback(CAPTURE_PROMPTS[Math.min(step, CAPTURE_PROMPTS.length - 1)] ?? 'FaceTec_feedback_hold_steady')
      const end = await this.wait(durationMs / steps)
      if (end.kind === 'interrupted') return end.status
      if ((step + 1) % (steps / count) === 0 || step === steps - 1) {
        if (frames.length < count) frames.unshift(await takeAuditFrame(overlay.video))
        this.check()
      }
    }
    return frames
  }

  private successfulResult(frames: AuditFrame[]): FaceTecSessionResult {
    return {
      faceScan: simulatedFaceScan(this.sessionId, this.scan + 1, core.script.faceScanBytes),
      auditTrail: frames.map((frame) => frame.image),
      lowQualityAuditTrail: frames.map((frame) => frame.lowQualityImage),
      sessionId: this.sessionId,
      status: FaceTecSessionStatus.SessionCompletedSuccessfully,
      isCompletelyDone: false
    }
  }

  private failedResult(status: FaceTecSessionStatus): FaceTecSessionResult {
    return {
      faceScan: null,
      auditTrail: [],
      lowQualityAuditTrail: [],
      sessionId: this.sessionId,
      status,
      isCompletelyDone: false
    }
  }

  /** The UI closes, the processor hears the status and cancels, then completely done. */
  private async endWith(status: FaceTecSessionStatus): Promise<void> {
    this.teardown()
    await this.handOver(this.failedResult(status))
    this.check()
    await later()
    this.notifyCompletelyDone()
  }

  /** Success or cancel after a scan: the UI closes, then completely done on a later task. */
  private async close(): Promise<void> {
    this.teardown()
    await later()
    this.check()
    this.notifyCompletelyDone()
  }

  /** Calls the processor on a later task and waits for its one terminal call. */
  private async handOver(result: FaceTecSessionResult): Promise<ScanDecision> {
    const overlay = this.overlay
    const callback = new SimulatedResultCallback({
      sessionId: this.sessionId,
      scan: this.scan + 1,
      successful: result.status === FaceTecSessionStatus.SessionCompletedSuccessfully,
      afterProceed: () => this.afterProceed.shift() ?? 'succeed',
      onProgress: (fraction) => overlay?.setUploadProgress(fraction),
      onMessage: (text) => overlay?.setUploadMessage(text)
    })
    this.callback = callback
    await later()
    this.check()
    try {
      this.processor.processSessionResultWhileFaceTecSDKWaits(result, callback)
    } catch (error) {
      core.records.violation(
        `processSessionResultWhileFaceTecSDKWaits threw: ${error instanceof Error ? error.message : String(error)}`
      )
      reportError(error)
    }
    const decision = await callback.decision
    this.check()
    return decision
  }

  private notifyCompletelyDone(): void {
    try {
      this.processor.onFaceTecSDKCompletelyDone()
    } catch (error) {
      core.records.violation(
        `onFaceTecSDKCompletelyDone threw: ${error instanceof Error ? error.message : String(error)}`
      )
      reportError(error)
    }
  }

  /** The scripted outcome of the current scan as a status, or null for a real capture. */
  private scriptedStatus(): FaceTecSessionStatus | null {
    const outcome = this.scans[this.scan]
    if (outcome === undefined || outcome === 'success' || outcome === FaceTecSessionStatus.SessionCompletedSuccessfully)
      return null
    return typeof outcome === 'number' ? outcome : STATUS_OF[outcome]
  }

  /** What a scripted ending does to the SDK's state besides ending the session. */
  private scriptedEffects(status: FaceTecSessionStatus): FaceTecSessionStatus {
    if (status === FaceTecSessionStatus.LockedOut) core.lockOut()
    if (status === FaceTecSessionStatus.Timeout) core.countFailedScan()
    return status
  }

  private wait(ms: number): Promise<PhaseEnd> {
    if (this.abandoned) return Promise.reject(new Abandoned())
    const pending = this.pendingInterruption
    if (pending !== null) {
      this.pendingInterruption = null
      return Promise.resolve({ kind: 'interrupted', status: pending })
    }
    return new Promise<PhaseEnd>((resolve, reject) => {
      const settle = (end: PhaseEnd): void => {
        clearTimeout(timer)
        this.waiter = null
        if (end.kind === 'abandoned') reject(new Abandoned())
        else resolve(end)
      }
      const timer = setTimeout(() => settle({ kind: 'elapsed' }), Math.max(0, ms))
      this.waiter = settle
    })
  }

  /** A Cancel press, a lost foreground or a dead camera; remembered if it lands between waits. */
  private interrupt(status: FaceTecSessionStatus): void {
    if (this.waiter) this.waiter({ kind: 'interrupted', status })
    else this.pendingInterruption ??= status
  }

  private check(): void {
    if (this.abandoned) throw new Abandoned()
  }

  private required<T>(value: T | null): T {
    if (value === null) throw new Abandoned()
    return value
  }

  /** Camera off, UI gone, the SDK free for the next session. */
  private teardown(): void {
    this.watchingContext = false
    this.cancelStatus = null
    this.readyOffered = false
    document.removeEventListener('visibilitychange', this.onVisibility)
    for (const track of this.stream?.getVideoTracks() ?? []) track.removeEventListener('ended', this.onTrackEnded)
    stopCamera(this.stream)
    this.stream = null
    this.overlay?.destroy()
    this.overlay = null
    if (core.active === this) {
      core.active = null
      core.phase = 'idle'
    }
  }
}
