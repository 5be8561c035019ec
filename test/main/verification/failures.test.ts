/** What each failure of a job's step leads to: the one table, read as the engine reads it. */
import { describe, expect, it } from 'vitest'
import { AssureError, type AssureErrorKind } from '../../../main/assure/errors'
import { DecryptionError } from '../../../main/storage/crypto-box'
import {
  ASSURE_FAILURES,
  classifyFailure,
  FullResultNotReady,
  ReferenceNotProvided,
  ReferenceUnavailable,
  ResultTimeout
} from '../../../main/verification/failures'
import { newJob, type JobRecord } from '../../../main/verification/job'
import type { Work } from '../../../main/verification/job-state'
import { CaptureUnreadable } from '../../../main/verification/stored-capture'

const prepared = newJob({
  jobId: '3f6c2b1e-8d4a-4c1f-9b7e-2a5d6c8e9f01',
  visitReference: 'ACEFHJ',
  kioskId: 'k',
  reference: { kind: 'image', sha256: 'x', source: 'demo' },
  ownDossier: true,
  dossierId: null,
  now: 0
})
const captured: JobRecord = { ...prepared, step: 'captured', capture: { blob: 'c', bytes: 1 }, dossierId: 'd' }

const assureError = (kind: AssureErrorKind, extra: Partial<ConstructorParameters<typeof AssureError>[0]> = {}) =>
  new AssureError({ kind, operation: 'startVerification', ambiguous: false, ...extra })

const classify = (error: unknown, job: JobRecord = captured, work: Work = 'startVerification', attempts = 0) =>
  classifyFailure(error, {
    job: attempts ? { ...job, outbox: { attempts, nextAt: 0, lastError: '' } } : job,
    work,
    maxMalformedAttempts: 3,
    outbox: { baseDelayMs: 1_000, maxDelayMs: 8_000 },
    random: () => 0.5
  })

describe('after the capture', () => {
  it.each(['network', 'server', 'rate-limit'] as const)('a %s failure waits in the outbox, however often', (kind) => {
    expect(classify(assureError(kind, { status: 503 }), captured, 'startVerification', 40)).toMatchObject({
      action: 'outbox',
      attempts: 41,
      lastError: `startVerification: ${kind} 503`
    })
  })

  it('honours a Retry-After as the least wait', () => {
    expect(classify(assureError('rate-limit', { retryAfterMs: 30_000 }))).toMatchObject({ delayMs: 30_000 })
  })

  it('tries a malformed answer again up to the limit, then fails the job as a bad response staff may retry', () => {
    expect(classify(assureError('malformed'), captured, 'poll', 1)).toMatchObject({ action: 'outbox', attempts: 2 })
    expect(classify(assureError('malformed'), captured, 'poll', 2)).toMatchObject({
      action: 'fail',
      reason: 'bad-response',
      retryable: true
    })
  })

  it.each([
    ['auth', 'misconfigured', true],
    ['client', 'request-refused', false],
    ['not-found', 'not-found', false]
  ] as const)('fails the job at once on %s: %s, retryable by staff: %s', (kind, reason, retryable) => {
    expect(classify(assureError(kind))).toMatchObject({ action: 'fail', reason, retryable })
    expect(ASSURE_FAILURES[kind]).toMatchObject({ retry: 'never', reason, staffCanRetry: retryable })
  })

  it('blames the reference, not Assure, for an image that never arrives readable', () => {
    const error = new AssureError({ kind: 'malformed', operation: 'getImage', ambiguous: false })
    expect(classify(error, captured, 'setSelfie', 2)).toMatchObject({ action: 'fail', reason: 'reference-unavailable' })
  })
})

describe('while preparing (the person waits at the kiosk)', () => {
  it.each([
    ['network', 'unavailable'],
    ['auth', 'misconfigured'],
    ['client', 'misconfigured'],
    ['not-found', 'not-found']
  ] as const)('refuses the preparation on %s, saying %s, and never queues it', (kind, code) => {
    expect(classify(assureError(kind), prepared, 'createDossier')).toMatchObject({
      action: 'refuse-preparation',
      refusal: { code },
      strayDossier: false
    })
  })

  it('suspects a stray dossier only when a Create dossier may have taken effect', () => {
    const lost = assureError('network', { ambiguous: true })
    expect(classify(lost, prepared, 'createDossier')).toMatchObject({ strayDossier: true })
    expect(classify(lost, prepared, 'createProcess')).toMatchObject({ strayDossier: false })
  })
})

describe('the engine’s own failures', () => {
  it.each([
    ['a capture that does not decrypt', new DecryptionError('x'), 'capture-unreadable', false],
    ['a capture that is not one', new CaptureUnreadable('x'), 'capture-unreadable', false],
    ['a reference Assure cannot give', new ReferenceUnavailable('x'), 'reference-unavailable', false],
    ['a reference the process cannot have', new ReferenceNotProvided('x'), 'reference-not-provided', false],
    ['a result that never came', new ResultTimeout('x'), 'result-timeout', true],
    ['anything else (the disk)', new Error('EACCES'), 'storage', true]
  ] as const)('%s fails the job as %s (retryable: %s)', (_what, error, reason, retryable) => {
    expect(classify(error)).toMatchObject({ action: 'fail', reason, retryable })
  })

  it('waits for a full result that is not ready', () => {
    expect(classify(new FullResultNotReady(), captured, 'archive')).toEqual({ action: 'wait-full-result' })
  })
})
