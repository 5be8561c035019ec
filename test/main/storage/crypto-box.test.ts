import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import { describe, expect, it } from 'vitest'
import { decrypt, DecryptionError, encrypt, encryptingStream } from '../../../main/storage/crypto-box'

describe('encryption at rest', () => {
  const key = randomBytes(32)
  const secret = Buffer.from('face scan and audit trail images')

  it('round-trips, and the sealed bytes do not contain the plaintext', () => {
    const sealed = encrypt(key, secret, 'job-1.capture')
    expect(sealed.includes(secret)).toBe(false)
    expect(decrypt(key, sealed, 'job-1.capture').equals(secret)).toBe(true)
  })

  it('refuses another key, another owner (AAD), a flipped bit, and a file that is not ours', () => {
    const sealed = encrypt(key, secret, 'job-1.capture')
    expect(() => decrypt(randomBytes(32), sealed, 'job-1.capture')).toThrow(DecryptionError)
    expect(() => decrypt(key, sealed, 'job-2.capture')).toThrow(DecryptionError)
    const flipped = Buffer.from(sealed)
    flipped[20] = (flipped[20] ?? 0) ^ 1
    expect(() => decrypt(key, flipped, 'job-1.capture')).toThrow(DecryptionError)
    expect(() => decrypt(key, Buffer.from('PK\u0003\u0004 a plain zip'), 'x')).toThrow(/not an encrypted kiosk file/)
  })

  it('encrypts a stream into the same layout, including an empty one', async () => {
    for (const chunks of [[secret.subarray(0, 5), secret.subarray(5)], []]) {
      const sealed = await buffer(Readable.from(chunks).pipe(encryptingStream(key, 'r.zip')))
      expect(decrypt(key, sealed, 'r.zip').equals(Buffer.concat(chunks))).toBe(true)
    }
  })
})
