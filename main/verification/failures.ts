/**
 * What went wrong with a job, and what the engine does about it: wait in the outbox and try again,
 * refuse a preparation the person is still waiting for, or end the job with a reason staff read.
 * One table says it for every kind of Assure failure (README, "Verification jobs"); the engine's own
 * failures (a capture that no longer decrypts, a reference photo Assure cannot give) are listed below it.
 */
import type { FailureReason } from '../../preload/api'
import { AssureError, type AssureErrorKind } from '../assure/errors'
import { FullResultTooLarge } from '../assure/transport'
import { ServiceError, type ServiceErrorCode } from '../ipc/service-error'
import type { LogFields } from '../log/logger'
import { DecryptionError } from '../storage/crypto-box'
import { isAwaitingCapture, reached, type JobRecord } from './job'
import type { Work } from './job-state'
import { outboxDelay, type OutboxBackoff } from './schedule'
import { CaptureUnreadable } from './stored-capture'

/** The linked process has no usable reference image (not found, refused, unreadable). */
export class ReferenceUnavailable extends Error {
  override readonly name: string = 'ReferenceUnavailable'
}

/** The linked process cannot have that image at all (Get image's 400), not merely lacks it now. */
export class ReferenceNotProvided extends ReferenceUnavailable {
  override readonly name = 'ReferenceNotProvided'
}

/** Download full result answered 204: not ready yet. */
export class FullResultNotReady extends Error {
  override readonly name = 'FullResultNotReady'
}

/**
 * A Create dossier may have taken effect without the job learning of it, and no dossier of the job is
 * listed (yet): Assure may process a request after the client gave up on it, so the look-up goes on
 * for a while (`strayDossierLookupMs`) before the engine gives up.
 */
export class StrayDossierPending extends Error {
  override readonly name = 'StrayDossierPending'
}

/** Polling went on for the whole result deadline without a final status. */
export class ResultTimeout extends Error {
  override readonly name = 'ResultTimeout'
}

interface AssureFailure {
  /**
   * After the capture: `outbox` waits and tries again until Assure answers (credentials too: they come
   * back by themselves when a token can be had again, or once staff fix them); `limited` does so up to
   * `maxMalformedAttempts` times (a garbled answer may be the network's doing); `never` ends the job.
   */
  retry: 'outbox' | 'limited' | 'never'
  /** Why the job failed, when it ends: what staff read in the queue. */
  reason: FailureReason
  /** Staff may retry the failed job (once they fixed the credentials, or Assure its answers). */
  staffCanRetry: boolean
  /** While preparing, the person is still at the kiosk: the preparation is refused, saying this. */
  preparing: { code: ServiceErrorCode; message: string }
}

/** Every kind of Assure failure (main/assure/errors.ts), once. */
export const ASSURE_FAILURES: Record<AssureErrorKind, AssureFailure> = {
  network: {
    retry: 'outbox',
    reason: 'request-refused',
    staffCanRetry: false,
    preparing: { code: 'unavailable', message: 'Assure cannot be reached right now.' }
  },
  server: {
    retry: 'outbox',
    reason: 'request-refused',
    staffCanRetry: false,
    preparing: { code: 'unavailable', message: 'Assure cannot be reached right now.' }
  },
  'rate-limit': {
    retry: 'outbox',
    reason: 'request-refused',
    staffCanRetry: false,
    preparing: { code: 'unavailable', message: 'Assure cannot be reached right now.' }
  },
  malformed: {
    retry: 'limited',
    reason: 'bad-response',
    staffCanRetry: true,
    preparing: { code: 'unavailable', message: 'Assure cannot be reached right now.' }
  },
  auth: {
    retry: 'outbox',
    reason: 'misconfigured',
    staffCanRetry: true,
    preparing: { code: 'misconfigured', message: 'Assure refused the kiosk’s credentials.' }
  },
  client: {
    retry: 'never',
    reason: 'request-refused',
    staffCanRetry: false,
    preparing: { code: 'misconfigured', message: 'Assure refused to create the check.' }
  },
  // A dossier that does not exist: a linked ticket naming someone else's (or a deleted) dossier.
  'not-found': {
    retry: 'never',
    reason: 'not-found',
    staffCanRetry: false,
    preparing: { code: 'not-found', message: 'The dossier named for this check does not exist.' }
  }
}

/** What the engine does about one failure of one step. */
export type FailureHandling =
  /**
   * Try again after `delayMs`: the outbox entry (`attempts` in all, `limited` of them counted against
   * the bounded budget of malformed answers and refused polls). `strayDossier`: the failed call was a
   * Create dossier that may have taken effect.
   */
  | {
      action: 'outbox'
      attempts: number
      limited: number
      delayMs: number
      lastError: string
      error: AssureError | StrayDossierPending
      strayDossier: boolean
    }
  /** The person waiting for the preparation is told `refusal`; the job is cancelled (its dossier deleted). */
  | { action: 'refuse-preparation'; refusal: ServiceError; strayDossier: boolean; error: AssureError }
  /**
   * A step after the final result failed for good (archiving it, deleting the dossier): the job keeps
   * its result, the failure is noted beside it, and the job goes on without that step.
   */
  | { action: 'note'; operation: 'archive' | 'deleteDossier'; detail: string }
  /** The full result is not ready: ask again on its own schedule. */
  | { action: 'wait-full-result' }
  | {
      action: 'fail'
      reason: FailureReason
      retryable: boolean
      detail: string
      /** What main's log says about it, beyond the job's end. */
      log: { message: string; fields: LogFields } | null
    }

export function classifyFailure(
  error: unknown,
  context: {
    job: JobRecord
    work: Work
    maxMalformedAttempts: number
    outbox: OutboxBackoff
    random: () => number
    /**
     * While preparing, an answer lost or refused for a passing reason is tried again after each of
     * these waits before the person is turned away (default: none).
     */
    prepareRetryDelaysMs?: readonly number[]
  }
): FailureHandling {
  const { job, work } = context
  const handling = classifyStep(error, context)
  // The job has its final result: it keeps it, whatever fails afterwards (README, "Verification jobs").
  if (handling.action === 'fail' && reached(job, 'final'))
    return { action: 'note', operation: work === 'archive' ? 'archive' : 'deleteDossier', detail: handling.detail }
  return handling
}

function classifyStep(error: unknown, context: Parameters<typeof classifyFailure>[1]): FailureHandling {
  const { job, work } = context
  const { jobId } = job
  const attempts = (job.outbox?.attempts ?? 0) + 1
  if (error instanceof StrayDossierPending)
    return {
      action: 'outbox',
      attempts,
      limited: job.outbox?.limited ?? 0,
      delayMs: outboxDelay(context.outbox, attempts, context.random),
      lastError: `${work}: looking for a dossier whose creation lost its answer`,
      error,
      strayDossier: false
    }
  if (error instanceof DecryptionError || error instanceof CaptureUnreadable)
    return fail('capture-unreadable', false, error.message, {
      message: 'capture cannot be read',
      fields: { jobId, error }
    })
  if (error instanceof ReferenceUnavailable)
    return fail(
      error instanceof ReferenceNotProvided ? 'reference-not-provided' : 'reference-unavailable',
      false,
      error.message
    )
  if (error instanceof FullResultNotReady) return { action: 'wait-full-result' }
  if (error instanceof ResultTimeout) return fail('result-timeout', true, error.message)
  // A full result too large to keep (a zip bomb): asking again would only fetch it again.
  const tooLarge = error instanceof AssureError && error.cause instanceof FullResultTooLarge ? error.cause : null
  if (tooLarge)
    return fail('bad-response', false, tooLarge.message, {
      message: 'the full result was refused as too large',
      fields: { jobId, operation: work }
    })
  if (!(error instanceof AssureError))
    return fail('storage', true, error instanceof Error ? error.message : String(error), {
      message: 'unexpected failure',
      fields: { jobId, operation: work, error }
    })

  const failure = ASSURE_FAILURES[error.kind]
  const lastError =
    `${work}: ${error.kind}${error.status ? ` ${error.status}` : ''}${error.code ? ` ${error.code}` : ''}`.slice(0, 500)
  // A Create dossier whose answer was lost may have made a dossier the job does not know.
  const strayDossier = work === 'createDossier' && !job.dossierId && error.ambiguous
  // Before anything is captured, the person is still at the kiosk waiting: a passing failure is tried
  // again within a short budget (Create dossier looks for an earlier try's dossier first), then refused.
  if (isAwaitingCapture(job) && (work === 'createDossier' || work === 'createProcess')) {
    const waits = context.prepareRetryDelaysMs ?? []
    const wait = waits[attempts - 1]
    const passing = error.retryable && error.kind !== 'auth'
    if (passing && wait !== undefined && (error.retryAfterMs ?? 0) <= wait)
      return { action: 'outbox', attempts, limited: 0, delayMs: wait, lastError, error, strayDossier }
    return {
      action: 'refuse-preparation',
      refusal: new ServiceError(failure.preparing.code, failure.preparing.message, { cause: error }),
      // Only an answer lost after the request went out can have left a dossier behind.
      strayDossier,
      error
    }
  }
  // One refusal of a poll is not the end of a verification Assure has started: asked again, within
  // the same bounded budget as a malformed answer.
  const retry = work === 'poll' && failure.retry === 'never' && error.kind !== 'auth' ? 'limited' : failure.retry
  const limited = (job.outbox?.limited ?? 0) + (retry === 'limited' ? 1 : 0)
  if (retry === 'outbox' || (retry === 'limited' && limited < context.maxMalformedAttempts)) {
    return {
      action: 'outbox',
      attempts,
      limited,
      delayMs: outboxDelay(context.outbox, attempts, context.random, error.retryAfterMs),
      lastError,
      error,
      strayDossier
    }
  }
  const logged = {
    message: 'job failed',
    fields: { jobId, operation: work, kind: error.kind, status: error.status, traceId: error.traceId }
  }
  // An image that never arrives readable is the reference's problem, not a bad answer to retry.
  if (error.kind === 'malformed' && error.operation === 'getImage')
    return fail('reference-unavailable', false, error.message, logged)
  return fail(failure.reason, failure.staffCanRetry, error.message, logged)
}

function fail(
  reason: FailureReason,
  retryable: boolean,
  detail: string,
  log: { message: string; fields: LogFields } | null = null
): FailureHandling {
  return { action: 'fail', reason, retryable, detail, log }
}
