/** The stored capture is read back through its schema: what decrypts but is not a capture is unreadable. */
import { describe, expect, it } from 'vitest'
import { CaptureUnreadable, decodeCapture, encodeCapture } from '../../../main/verification/stored-capture'

const input = {
  jobId: '3f6c2b1e-8d4a-4c1f-9b7e-2a5d6c8e9f01',
  faceScan: 'AAAA',
  auditTrailImage: 'BBBB',
  lowQualityAuditTrailImage: 'CCCC',
  userAgent: 'facetec|sim',
  sessionId: 'session-1'
}

describe('a stored capture', () => {
  it('keeps exactly what Start verification sends, and reads it back', () => {
    const stored = encodeCapture(input)
    expect(JSON.parse(stored.toString())).toEqual({
      faceScan: 'AAAA',
      auditTrailImage: 'BBBB',
      lowQualityAuditTrailImage: 'CCCC',
      userAgent: 'facetec|sim'
    })
    expect(decodeCapture(stored)).toEqual(JSON.parse(stored.toString()))
  })

  it.each([
    ['not JSON', Buffer.from('{"faceScan": ')],
    ['a field missing', Buffer.from(JSON.stringify({ faceScan: 'A', auditTrailImage: 'B', userAgent: 'u' }))],
    [
      'a field of another type',
      Buffer.from(JSON.stringify({ ...JSON.parse(encodeCapture(input).toString()), faceScan: 7 }))
    ],
    ['a field too many', Buffer.from(JSON.stringify({ ...JSON.parse(encodeCapture(input).toString()), extra: 'x' }))]
  ])('is unreadable when it is %s', (_what, plain) => {
    expect(() => decodeCapture(plain)).toThrow(CaptureUnreadable)
  })
})
