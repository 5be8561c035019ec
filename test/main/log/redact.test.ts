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

  describe('the gaps the second security review found (issue 17, row 14)', () => {
    it('masks credentials in URLs', () => {
      const out = redactString('GET https://kiosk-7:hunter2@api.example.com/assure/dossiers failed')
      expect(out).not.toContain('hunter2')
      expect(out).toContain('https://[redacted]@api.example.com/assure/dossiers')
    })

    it('masks a lowercase bearer and basic', () => {
      const out = redactString('authorization: bearer abc.def.ghi and basic Y2xpZW50OnNlY3JldA==')
      expect(out).not.toContain('abc.def.ghi')
      expect(out).not.toContain('Y2xpZW50OnNlY3JldA')
    })

    it('masks secrets and personal data inside JSON text', () => {
      const body = JSON.stringify({
        client_secret: 'hunter2',
        password: 'pa"ss',
        first_name: 'Ada',
        status: 'accepted'
      })
      const out = redactString(`answer: ${body}`)
      expect(out).not.toContain('hunter2')
      expect(out).not.toContain('pa\\"ss')
      expect(out).not.toContain('Ada')
      expect(out).toContain('"status":"accepted"')
      expect(JSON.parse(out.slice('answer: '.length))).toEqual({
        client_secret: '[redacted]',
        password: '[redacted]',
        first_name: '[personal]',
        status: 'accepted'
      })
    })

    it('masks any secret-named query or form parameter, and an API key header', () => {
      const out = redactString('url ?pwd=hunter2&api_key=k3y&page=2, header x-api-key: s3cr3t')
      for (const leaked of ['hunter2', 'k3y', 's3cr3t']) expect(out).not.toContain(leaked)
      expect(out).toContain('page=2')
    })

    it('knows keys spelt with dashes and underscores: x-api-key, pwd, first_name, last_name', () => {
      expect(
        redact({ 'x-api-key': 'k', pwd: 'p', first_name: 'Ada', last_name: 'Lovelace', date_of_birth: '1815' })
      ).toEqual({
        'x-api-key': '[redacted]',
        pwd: '[redacted]',
        first_name: '[personal]',
        last_name: '[personal]',
        date_of_birth: '[personal]'
      })
    })

    it('redacts what an object with its own toJSON would serialize to', () => {
      const sink = memorySink()
      const sneaky = {
        harmless: 'yes',
        toJSON: () => ({ clientSecret: 'hunter2', note: 'Bearer abc123' })
      }
      class Credentials {
        constructor(private readonly secret: string) {}
        toJSON() {
          return { auth: `Basic ${this.secret}` }
        }
      }
      createLogger({ sink }).info('logged', { sneaky, creds: new Credentials('c2VjcmV0') })
      const written = JSON.stringify(sink.records)
      expect(written).not.toContain('hunter2')
      expect(written).not.toContain('abc123')
      expect(written).not.toContain('c2VjcmV0')
    })
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
