/**
 * The guard in front of the collector: what a log record's fields may carry out of the kiosk, and
 * how codes from outside main are kept to a bounded set.
 */
import { describe, expect, it } from 'vitest'
import { boundedCodes, guardLogFields, guardMessage, isCode, looksLikeId } from '../../../main/telemetry/pii-guard'

describe('the telemetry guard', () => {
  it.each([
    ['a job id', '3f6c2b1e-8d4a-4c1f-9b7e-2a5d6c8e9f01'],
    ['a dossier id without dashes', '3f6c2b1e8d4a4c1f9b7e2a5d6c8e9f01'],
    ['a trace id', 'f3a9c2e4b1d07f6a'],
    ['a national id number', '01017012345'],
    ['a base64 run', 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODk']
  ])('takes %s for an id', (_label, value) => {
    expect(looksLikeId(value)).toBe(true)
    expect(isCode(value)).toBe(false)
  })

  it.each(['createDossier', 'ECONNRESET', 'rate-limit', '9.7.27', 'main.verification', 'UND_ERR_HEADERS_TIMEOUT'])(
    'lets the code %s through',
    (value) => expect(isCode(value)).toBe(true)
  )

  it('keeps numbers, booleans and codes, and drops ids, texts, paths and anything nested deeper', () => {
    expect(
      guardLogFields({
        jobId: '3f6c2b1e-8d4a-4c1f-9b7e-2a5d6c8e9f01',
        processId: 'p-1',
        externalReference: '[personal]',
        status: 503,
        retryable: true,
        kind: 'server',
        code: 'ECONNRESET',
        detail: 'the linked process has no usable portrait image (client)',
        reason: 'Name mismatch for Kari',
        source: '/home/kari/.config/Assure Kiosk/config.json',
        url: 'http://127.0.0.1:4010',
        errorCodes: ['980897', '980898'],
        error: { name: 'AssureError', message: 'Assure answered 400: Name on document', code: 'ERR_X' },
        nested: { deeper: { value: 1 } }
      })
    ).toEqual({
      status: 503,
      retryable: true,
      kind: 'server',
      code: 'ECONNRESET',
      errorCodes: '980897,980898',
      'error.name': 'AssureError',
      'error.code': 'ERR_X'
    })
  })

  it('masks anything id- or address-shaped in a message', () => {
    expect(guardMessage('job 3f6c2b1e-8d4a-4c1f-9b7e-2a5d6c8e9f01 for kari@example.no, phone 98765432')).toBe(
      'job [id] for [email], phone [number]'
    )
  })

  it('records at most a bounded number of distinct codes, then `other`', () => {
    const code = boundedCodes(2)
    expect([code('timeout'), code('user-cancelled'), code('timeout'), code('third'), code('Kari Nordmann')]).toEqual([
      'timeout',
      'user-cancelled',
      'timeout',
      'other',
      'other'
    ])
  })
})
