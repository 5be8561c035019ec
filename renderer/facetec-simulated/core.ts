/**
 * The simulated SDK's one piece of state. The real SDK is a page-wide singleton too; `reset()` (and
 * deinitialize, for the SDK-facing part) put it back to a freshly loaded script.
 */
import { FaceTecAuditTrailImagesToReturn, FaceTecSDKStatus, type FaceTecCustomization } from '../src/facetec/sdk-types'
import type { SessionScript, SimulatedPhase, SimulatorScript } from './control-types'
import { DEFAULT_STRINGS, type SimulatedStringKey } from './default-strings'
import { Records } from './records'

/** What a running session exposes to the rest of the simulator. */
export interface ActiveSession {
  /** Ends it without calling the processor again (deinitialize, reset). */
  abandon(): void
  pressCancel(): boolean
  pressReady(): boolean
}

class SimulatorCore {
  readonly records = new Records()
  status = FaceTecSDKStatus.NeverInitialized
  resourceDirectory = '../FaceTecSDK.js/resources'
  imagesDirectory = './FaceTec_images'
  strings: Record<string, string> = {}
  customization: FaceTecCustomization | null = null
  maxAuditTrailImages = FaceTecAuditTrailImagesToReturn.ONE
  successMessageOverride: string | null = null
  lockedOutUntil: number | null = null
  /** Keeps the global's `getLockoutEndTime` data property in step with the lockout. */
  onLockoutChange: (until: number | null) => void = () => undefined
  failedScans = 0
  script: SimulatorScript = {}
  private queue: SessionScript[] = []
  private initOutcomes: Array<FaceTecSDKStatus | 'success'> = []
  phase: SimulatedPhase = 'idle'
  sessionsStarted = 0
  active: ActiveSession | null = null

  configure(script: SimulatorScript): void {
    this.script = { ...script }
    this.queue = [...(script.sessions ?? [])]
    this.initOutcomes = [...(script.init?.outcomes ?? [])]
  }

  /** How the next initialization ends as scripted: a status to fail with, `success`, or null (not scripted). */
  nextInitOutcome(): FaceTecSDKStatus | 'success' | null {
    return this.initOutcomes.shift() ?? this.script.init?.failWith ?? null
  }

  queueSession(session: SessionScript): void {
    this.queue.push(session)
  }

  nextSessionScript(): SessionScript {
    return this.queue.shift() ?? {}
  }

  text(key: SimulatedStringKey): string {
    return this.strings[key] ?? DEFAULT_STRINGS[key]
  }

  isLockedOut(now = Date.now()): boolean {
    if (this.lockedOutUntil !== null && this.lockedOutUntil <= now) this.setLockout(null)
    return this.lockedOutUntil !== null
  }

  lockOut(): void {
    this.setLockout(Date.now() + (this.script.lockout?.durationMs ?? 5 * 60_000))
  }

  private setLockout(until: number | null): void {
    this.lockedOutUntil = until
    this.onLockoutChange(until)
  }

  /** A FaceScan that did not end in success counts towards the scripted lockout. */
  countFailedScan(): void {
    this.failedScans++
    const limit = this.script.lockout?.afterFailedScans
    if (limit !== undefined && this.failedScans >= limit) this.lockOut()
  }

  /** The SDK-facing part of a reset: what deinitialize forgets. */
  deinitialize(): void {
    this.active?.abandon()
    this.active = null
    this.phase = 'idle'
    this.status = FaceTecSDKStatus.NeverInitialized
    this.strings = {}
  }

  reset(): void {
    this.deinitialize()
    this.records.clear()
    this.configure({})
    this.customization = null
    this.maxAuditTrailImages = FaceTecAuditTrailImagesToReturn.ONE
    this.successMessageOverride = null
    this.setLockout(null)
    this.failedScans = 0
    this.sessionsStarted = 0
    this.resourceDirectory = '../FaceTecSDK.js/resources'
    this.imagesDirectory = './FaceTec_images'
  }
}

export const core = new SimulatorCore()
