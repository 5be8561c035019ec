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

const classify = (
  error: unknown,
  job: JobRecord = captured,
  work: Work = 'startVerification',
  attempts = 0,
  limited = 0,
  prepareRetryDelaysMs: readonly number[] = []
) =>
  classifyFailure(error, {
    job: attempts ? { ...job, outbox: { attempts, nextAt: 0, lastError: '', limited } } : job,
    work,
    maxMalformedAttempts: 3,
    outbox: { baseDelayMs: 1_000, maxDelayMs: 8_000 },
    random: () => 0.5,
    prepareRetryDelaysMs
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
    expect(classify(assureError('malformed'), captured, 'poll', 1, 1)).toMatchObject({
      action: 'outbox',
      attempts: 2,
      limited: 2
    })
    expect(classify(assureError('malformed'), captured, 'poll', 2, 2)).toMatchObject({
      action: 'fail',
      reason: 'bad-response',
      retryable: true
    })
  })

  it('counts malformed answers apart from network failures: an outage does not use up their budget', () => {
    expect(classify(assureError('malformed'), captured, 'poll', 40, 0)).toMatchObject({
      action: 'outbox',
      attempts: 41,
      limited: 1
    })
  })

  it('waits in the outbox when Assure refuses the credentials: they come back by themselves, or once staff fix them', () => {
    expect(classify(assureError('auth', { status: 401 }), captured, 'startVerification', 7)).toMatchObject({
      action: 'outbox',
      attempts: 8,
      lastError: 'startVerification: auth 401'
    })
    expect(ASSURE_FAILURES.auth).toMatchObject({ retry: 'outbox', reason: 'misconfigured' })
  })

  it('asks again after one refused poll, within the bounded budget, before failing the job', () => {
    expect(classify(assureError('not-found', { status: 404 }), captured, 'poll')).toMatchObject({
      action: 'outbox',
      limited: 1
    })
    expect(classify(assureError('not-found', { status: 404 }), captured, 'poll', 3, 2)).toMatchObject({
      action: 'fail',
      reason: 'not-found'
    })
  })

  it.each([
    ['client', 'request-refused', false],
    ['not-found', 'not-found', false]
  ] as const)('fails the job at once on %s: %s, retryable by staff: %s', (kind, reason, retryable) => {
    expect(classify(assureError(kind))).toMatchObject({ action: 'fail', reason, retryable })
    expect(ASSURE_FAILURES[kind]).toMatchObject({ retry: 'never', reason, staffCanRetry: retryable })
  })

  it('blames the reference, not Assure, for an image that never arrives readable', () => {
    const error = new AssureError({ kind: 'malformed', operation: 'getImage', ambiguous: false })
    expect(classify(error, captured, 'setSelfie', 2, 2)).toMatchObject({
      action: 'fail',
      reason: 'reference-unavailable'
    })
  })
})

describe('after the final result (the job keeps it)', () => {
  const final: JobRecord = { ...captured, step: 'final', capture: null, result: { status: 'accepted', at: 1 } }

  it.each([
    ['archive', 'archive', assureError('client', { status: 403 })],
    ['archive', 'archive', assureError('malformed')],
    ['finish', 'deleteDossier', assureError('client', { status: 409 })]
  ] as const)('notes a refusal of %s beside the result instead of failing the job', (work, operation, error) => {
    expect(classify(error, final, work, 3, 3)).toMatchObject({ action: 'note', operation })
  })

  it('still retries a passing failure of those steps in the outbox', () => {
    expect(classify(assureError('server', { status: 503 }), final, 'archive')).toMatchObject({ action: 'outbox' })
  })
})

describe('while preparing (the person waits at the kiosk)', () => {
  it('tries a passing or lost failure again within its short budget, then refuses the preparation', () => {
    const lost = assureError('network', { ambiguous: true })
    expect(classify(lost, prepared, 'createDossier', 0, 0, [100, 300])).toMatchObject({
      action: 'outbox',
      delayMs: 100,
      strayDossier: true
    })
    expect(classify(lost, prepared, 'createDossier', 1, 0, [100, 300])).toMatchObject({ delayMs: 300 })
    expect(classify(lost, prepared, 'createDossier', 2, 0, [100, 300])).toMatchObject({
      action: 'refuse-preparation',
      refusal: { code: 'unavailable' }
    })
  })

  it('refuses at once what a retry would not change (credentials, a refusal), and waits no longer than its budget', () => {
    expect(classify(assureError('auth'), prepared, 'createDossier', 0, 0, [100])).toMatchObject({
      action: 'refuse-preparation'
    })
    expect(classify(assureError('client'), prepared, 'createProcess', 0, 0, [100])).toMatchObject({
      action: 'refuse-preparation'
    })
    const later = assureError('rate-limit', { retryAfterMs: 30_000 })
    expect(classify(later, prepared, 'createDossier', 0, 0, [100])).toMatchObject({ action: 'refuse-preparation' })
  })

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
