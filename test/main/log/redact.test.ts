import { describe, expect, it } from 'vitest'
import { createLogger } from '../../../main/log/logger'
import { memorySink } from '../../support/log'
import { redact, redactString } from '../../../main/log/redact'

describe('redaction', () => {
  it('replaces fields that hold secrets or biometric data, whatever their value', () => {
    const out = redact({
      clientSecret: 'abc',
      accessToken: 'x',
      authorization: 'Bearer y',
      staffPin: '1234',
      pinHash: 'scrypt$..',
      faceScan: 'AAAA',
      auditTrailImage: 'BBBB',
      selfie: 'data:image/jpeg;base64,AAAA',
      facetecProductionKeyText: 'key',
      dossierId: 'd-1',
      status: 'accepted'
    })
    expect(out).toEqual({
      clientSecret: '[redacted]',
      accessToken: '[redacted]',
      authorization: '[redacted]',
      staffPin: '[redacted]',
      pinHash: '[redacted]',
      faceScan: '[redacted]',
      auditTrailImage: '[redacted]',
      selfie: '[redacted]',
      facetecProductionKeyText: '[redacted]',
      dossierId: 'd-1',
      status: 'accepted'
    })
  })

  it('replaces personal data fields', () => {
    expect(
      redact({ firstName: 'Ada', lastName: 'L', dateOfBirth: '1815-12-10', externalReference: 'cust-1', kioskId: 'k' })
    ).toEqual({
      firstName: '[personal]',
      lastName: '[personal]',
      dateOfBirth: '[personal]',
      externalReference: '[personal]',
      kioskId: 'k'
    })
  })

  it('masks credentials inside free text', () => {
    const text = [
      'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
      'Basic Y2xpZW50OnNlY3JldA==',
      'grant_type=client_credentials&client_secret=hunter2',
      '-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----',
      `data:image/jpeg;base64,${'A'.repeat(50)}`,
      'B'.repeat(200)
    ].join(' | ')
    const out = redactString(text)
    for (const leaked of [
      'eyJhbGciOiJIUzI1NiJ9',
      'Y2xpZW50OnNlY3JldA',
      'hunter2',
      'MIIBIjAN',
      'AAAAAAAAAA',
      'BBBBBBBBBB'
    ]) {
      expect(out).not.toContain(leaked)
    }
    expect(out).toContain('Bearer [redacted]')
  })

  it('reduces errors to name, message and code, and bounds depth', () => {
    const error = Object.assign(new Error('failed with Bearer abc'), {
      code: 'ECONNRESET',
      request: { headers: { authorization: 'x' } }
    })
    expect(redact({ error })).toEqual({
      error: { name: 'Error', message: 'failed with Bearer [redacted]', code: 'ECONNRESET' }
    })
    let deep: Record<string, unknown> = { leaf: 1 }
    for (let i = 0; i < 10; i++) deep = { child: deep }
    expect(JSON.stringify(redact(deep))).toContain('[depth]')
  })

  it('is applied by the logger to the message and to every field', () => {
    const sink = memorySink()
    createLogger({ sink }).child('assure').warn('token call failed: Bearer abc123', { clientSecret: 's', status: 401 })
    expect(sink.records).toEqual([
      {
        time: expect.any(String),
        level: 'warn',
        scope: 'main.assure',
        message: 'token call failed: Bearer [redacted]',
        fields: { clientSecret: '[redacted]', status: 401 }
      }
    ])
  })

  it('drops records below the level and survives a failing sink', () => {
    const sink = memorySink()
    const log = createLogger({ sink, level: 'warn' })
    log.info('hidden')
    log.error('shown')
    expect(sink.records.map((record) => record.message)).toEqual(['shown'])
    const broken = createLogger({
      sink: () => {
        throw new Error('disk full')
      }
    })
    expect(() => broken.error('x')).not.toThrow()
  })
})
