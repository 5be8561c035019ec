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
import { isAwaitingCapture, type JobRecord } from './job'
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

/** Polling went on for the whole result deadline without a final status. */
export class ResultTimeout extends Error {
  override readonly name = 'ResultTimeout'
}

interface AssureFailure {
  /**
   * After the capture: `outbox` waits and tries again until Assure answers; `limited` does so up to
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
    retry: 'never',
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
  /** Try again after `delayMs` (the job's outbox entry). */
  | { action: 'outbox'; attempts: number; delayMs: number; lastError: string; error: AssureError }
  /** The person waiting for the preparation is told `refusal`; the job is cancelled (its dossier deleted). */
  | { action: 'refuse-preparation'; refusal: ServiceError; strayDossier: boolean; error: AssureError }
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
  }
): FailureHandling {
  const { job, work } = context
  const { jobId } = job
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
  // Before anything is captured, the person is still at the kiosk waiting: no outbox for preparing.
  if (isAwaitingCapture(job) && (work === 'createDossier' || work === 'createProcess')) {
    return {
      action: 'refuse-preparation',
      refusal: new ServiceError(failure.preparing.code, failure.preparing.message, { cause: error }),
      // Only an answer lost after the request went out can have left a dossier behind.
      strayDossier: work === 'createDossier' && !job.dossierId && error.ambiguous,
      error
    }
  }
  const attempts = (job.outbox?.attempts ?? 0) + 1
  if (failure.retry === 'outbox' || (failure.retry === 'limited' && attempts < context.maxMalformedAttempts)) {
    return {
      action: 'outbox',
      attempts,
      delayMs: outboxDelay(context.outbox, attempts, context.random, error.retryAfterMs),
      lastError: `${work}: ${error.kind}${error.status ? ` ${error.status}` : ''}${error.code ? ` ${error.code}` : ''}`,
      error
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
