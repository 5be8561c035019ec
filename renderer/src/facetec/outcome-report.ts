/**
 * How each FaceTec initialization and session ended, in codes only, for whoever listens (the kiosk
 * sends it to main's log and staff diagnostics). Same shape as the bridge's `FaceTecOutcome`, built
 * here so the adapter stays free of the bridge: no session id, no images, no free text.
 */
import type { FaceTecAction } from './actions'
import type { CaptureResult } from './capture-types'
import { FaceTecUnsupportedVersionError, type FaceTecError } from './facetec-error'
import type { InitResult } from './initialize-sdk'
import { sdkStatusName } from './sdk-status'
import { FaceTecSDKStatus, FaceTecSessionStatus } from './sdk-types'
import { sessionStatusName } from './session-outcome'

export interface FaceTecOutcomeReport {
  phase: 'initialization' | 'session'
  ok: boolean
  /** FaceTec's status number and name; null when FaceTec never answered. */
  status: { code: number; name: string } | null
  /** The kiosk's reading: an InitFailureCode, a FaceTecError code, a SessionOutcomeReason, `initialized`. */
  reason: string
  action: FaceTecAction | 'continue'
  mode: 'development' | 'production' | null
  sdkVersion: string | null
  scans: number
  errorCodes: string[]
  /** How long FaceTec's own initialization ran (an initialization that ran; absent otherwise). */
  durationMs?: number
}

export type OutcomeListener = (outcome: FaceTecOutcomeReport) => void

/** Only what looks like a version leaves the kiosk's page ("(version() threw)" and the like do not). */
export const reportableVersion = (version: string | null | undefined): string | null =>
  version && /^[A-Za-z0-9._+-]{1,64}$/.test(version) ? version : null

/** FaceScans per session, as the contract bounds them (journey.maxLivenessAttempts is at most 10). */
const scansOf = (attempts: number): number => Math.min(Math.max(0, attempts), 10)

export function initializationOutcome(
  result: InitResult,
  context: { mode: 'development' | 'production'; sdkVersion: string | null; durationMs?: number | undefined }
): FaceTecOutcomeReport {
  const common = {
    phase: 'initialization',
    mode: context.mode,
    sdkVersion: context.sdkVersion,
    scans: 0,
    ...(context.durationMs !== undefined ? { durationMs: Math.min(600_000, Math.max(0, context.durationMs)) } : {})
  } as const
  if (result.ok)
    return {
      ...common,
      ok: true,
      status: { code: FaceTecSDKStatus.Initialized, name: sdkStatusName(FaceTecSDKStatus.Initialized) },
      reason: 'initialized',
      action: 'continue',
      errorCodes: []
    }
  return {
    ...common,
    ok: false,
    status: { code: result.status, name: result.statusName },
    reason: result.code,
    action: result.action,
    errorCodes: result.consoleErrors
      .map((error) => error.code)
      .filter((code) => /^\d{1,12}$/.test(code))
      .slice(0, 10)
  }
}

/** The SDK never got as far as initializing: its script is missing, broken, or of the wrong generation. */
export function loadFailureOutcome(
  error: FaceTecError,
  context: { mode: 'development' | 'production'; sdkVersion: string | null }
): FaceTecOutcomeReport {
  return {
    phase: 'initialization',
    ok: false,
    status: null,
    reason: error.code,
    action: error.action,
    mode: context.mode,
    sdkVersion: error instanceof FaceTecUnsupportedVersionError ? reportableVersion(error.version) : context.sdkVersion,
    scans: 0,
    errorCodes: []
  }
}

export function sessionOutcome(
  result: CaptureResult,
  context: { mode: 'development' | 'production' | null; sdkVersion: string | null }
): FaceTecOutcomeReport {
  const common = {
    phase: 'session' as const,
    mode: context.mode,
    sdkVersion: context.sdkVersion,
    errorCodes: [] as string[]
  }
  if (result.kind !== 'failed')
    return {
      ...common,
      ok: true,
      status: {
        code: FaceTecSessionStatus.SessionCompletedSuccessfully,
        name: sessionStatusName(FaceTecSessionStatus.SessionCompletedSuccessfully)
      },
      reason: result.outcome.reason,
      action: 'continue',
      scans: scansOf(result.attempts)
    }
  return {
    ...common,
    ok: false,
    status:
      result.sessionStatus === null
        ? null
        : { code: result.sessionStatus, name: sessionStatusName(result.sessionStatus) },
    reason: result.outcome.reason,
    action: result.outcome.action,
    scans: scansOf(result.attempts)
  }
}

/** The adapter refused to start a session (not initialized, one already running, aborted). */
export function sessionRefusedOutcome(
  error: FaceTecError,
  context: { mode: 'development' | 'production' | null; sdkVersion: string | null }
): FaceTecOutcomeReport {
  return {
    phase: 'session',
    ok: false,
    status: null,
    reason: error.code,
    action: error.action,
    mode: context.mode,
    sdkVersion: context.sdkVersion,
    scans: 0,
    errorCodes: []
  }
}
