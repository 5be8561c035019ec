/**
 * Encryption at rest for personal data (captures, result zips): AES-256-GCM with a random 96-bit IV per
 * file and the owning record's id as additional authenticated data, so a file moved to another job
 * does not decrypt. The 32-byte data key comes from a `KeyProvider`: in Electron it is stored wrapped by
 * safeStorage (main/storage/safe-storage-key.ts); tests pass a key directly.
 *
 * File layout: "AKB1" | iv (12) | ciphertext | tag (16).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { Transform, type TransformCallback } from 'node:stream'

const MAGIC = Buffer.from('AKB1')
const IV_BYTES = 12
const TAG_BYTES = 16

export interface KeyProvider {
  /** The data key (32 bytes). May prompt the OS keychain on first use, hence async. */
  getKey(): Promise<Buffer>
}

export class DecryptionError extends Error {
  override readonly name = 'DecryptionError'
}

export function staticKeyProvider(key: Buffer): KeyProvider {
  if (key.length !== 32) throw new Error('a data key has 32 bytes')
  return { getKey: async () => key }
}

export function encrypt(key: Buffer, plaintext: Uint8Array, associatedData: string): Buffer {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(associatedData))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([MAGIC, iv, body, cipher.getAuthTag()])
}

export function decrypt(key: Buffer, sealed: Uint8Array, associatedData: string): Buffer {
  const data = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength)
  if (data.length < MAGIC.length + IV_BYTES + TAG_BYTES || !data.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new DecryptionError('not an encrypted kiosk file')
  }
  const iv = data.subarray(MAGIC.length, MAGIC.length + IV_BYTES)
  const tag = data.subarray(data.length - TAG_BYTES)
  const body = data.subarray(MAGIC.length + IV_BYTES, data.length - TAG_BYTES)
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv)
    decipher.setAAD(Buffer.from(associatedData))
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(body), decipher.final()])
  } catch {
    throw new DecryptionError('the file does not decrypt with this kiosk’s key (damaged, or from another kiosk)')
  }
}

/** A stream that encrypts what passes through into the same layout as `encrypt`. */
export function encryptingStream(key: Buffer, associatedData: string): Transform {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(associatedData))
  let headerSent = false
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      if (!headerSent) {
        this.push(Buffer.concat([MAGIC, iv]))
        headerSent = true
      }
      done(null, cipher.update(chunk))
    },
    flush(done: TransformCallback) {
      if (!headerSent) this.push(Buffer.concat([MAGIC, iv]))
      this.push(cipher.final())
      done(null, cipher.getAuthTag())
    }
  })
}
