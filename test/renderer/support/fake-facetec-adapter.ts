/**
 * A FaceTec adapter for journey tests: initializations and captures wait until the test answers them,
 * like the fake KioskApi. The real adapter has its own tests against the simulated SDK (facetec/).
 */
import {
  describeSdkStatus,
  sdkStatusName,
  type CaptureLivenessOptions,
  type CaptureResult,
  type FaceTecAdapter,
  type FaceTecKeys,
  type FaceTecSDKStatus,
  type InitResult,
  type LivenessCapture,
  type SessionOutcome
} from '../../../renderer/src/facetec'

export interface Deferred<T> {
  readonly promise: Promise<T>
  resolve(value: T): void
  reject(error: unknown): void
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((yes, no) => {
    resolve = yes
    reject = no
  })
  return { promise, resolve, reject }
}

export interface FakeAdapter {
  readonly adapter: Pick<FaceTecAdapter, 'load' | 'initialize' | 'captureLiveness' | 'endVisit'>
  readonly loads: number
  /** Visits ended (`endVisit`): the adapter keeps a healthy initialization for the next one. */
  readonly visitsEnded: number
  /** Every initialize call, oldest first, each answered by the test. */
  readonly inits: Array<{ keys: FaceTecKeys; answer: Deferred<InitResult> }>
  /** Every captureLiveness call, oldest first, each answered by the test. */
  readonly captures: Array<{ options: CaptureLivenessOptions; answer: Deferred<CaptureResult> }>
}

export function createFakeAdapter(): FakeAdapter {
  const fake = {
    loads: 0,
    visitsEnded: 0,
    inits: [] as FakeAdapter['inits'],
    captures: [] as FakeAdapter['captures'],
    adapter: {
      load: async () => {
        fake.loads++
        return { version: '9.7.27' }
      },
      initialize: (keys: FaceTecKeys) => {
        const answer = deferred<InitResult>()
        fake.inits.push({ keys, answer })
        return answer.promise
      },
      captureLiveness: (options: CaptureLivenessOptions) => {
        const answer = deferred<CaptureResult>()
        fake.captures.push({ options, answer })
        return answer.promise
      },
      endVisit: async () => {
        fake.visitsEnded++
      }
    }
  }
  return fake
}

export const INITIALIZED: InitResult = { ok: true, mode: 'development' }

/** A failed initialization as the adapter answers it for `status`, with the kiosk's own reading of it. */
export function initFailed(status: FaceTecSDKStatus): InitResult {
  return {
    ok: false,
    code: 'sdk-status',
    status,
    statusName: sdkStatusName(status),
    detail: `FaceTec reported ${sdkStatusName(status)}.`,
    consoleErrors: [],
    ...describeSdkStatus(status)
  }
}

export const CAPTURE: LivenessCapture = {
  faceScan: 'RmFjZVNjYW4=',
  auditTrailImage: 'QXVkaXQ=',
  lowQualityAuditTrailImage: 'TG93',
  userAgent: 'facetec|9.7.27|kiosk',
  sessionId: 'session-1'
}

/** The capture was handed to main (Assure sends no scan result blob, so FaceTec's UI closed). */
export const SUBMITTED: CaptureResult = {
  kind: 'submitted',
  outcome: { reason: 'submitted', messageKey: 'facetec.session.submitted', action: 'continue' },
  capture: CAPTURE,
  attempts: 1
}

/** A session that ended without a capture for main. */
export function failedCapture(outcome: SessionOutcome): CaptureResult {
  return { kind: 'failed', outcome, attempts: 1, sessionStatus: null, detail: outcome.reason }
}

export const TIMED_OUT: SessionOutcome = { reason: 'timeout', messageKey: 'facetec.session.timeout', action: 'retry' }
export const USER_CANCELLED: SessionOutcome = {
  reason: 'user-cancelled',
  messageKey: 'facetec.session.userCancelled',
  action: 'retry'
}
