import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { silentLogger } from '../../support/log'
import { decrypt, encrypt } from '../../../main/storage/crypto-box'
import {
  createProtectedKeyProvider,
  KeyProtectionUnavailable,
  type SafeStorageLike
} from '../../../main/storage/protected-key'
import { fakeSafeStorage } from '../../support/safe-storage'
import { tempDir } from '../../support/temp-dir'

const provider = (
  file: string,
  storage: SafeStorageLike,
  extra: { allowPlaintextBackend?: boolean; platform?: NodeJS.Platform } = {}
) =>
  createProtectedKeyProvider({
    file,
    safeStorage: storage,
    allowPlaintextBackend: extra.allowPlaintextBackend ?? false,
    platform: extra.platform ?? 'linux',
    log: silentLogger
  })

describe('the data key protected by safeStorage', () => {
  it('is made once, stored only wrapped, and the same after a restart', async () => {
    const dir = await tempDir('kiosk-key')
    const file = join(dir, 'keys', 'data-key.bin')
    const os = fakeSafeStorage()
    const key = await provider(file, os.storage).getKey()
    expect(key).toHaveLength(32)
    expect(readFileSync(file).includes(Buffer.from(key.toString('base64')))).toBe(false)
    const again = await provider(file, os.storage).getKey()
    expect(again.equals(key)).toBe(true)
    expect(os.calls).toEqual({ encrypt: 1, decrypt: 1 })
  })

  it('refuses Linux’s plaintext backend unless the operator allowed it', async () => {
    const dir = await tempDir('kiosk-key')
    const plain = fakeSafeStorage({ backend: 'basic_text' })
    await expect(provider(join(dir, 'k.bin'), plain.storage).getKey()).rejects.toThrow(KeyProtectionUnavailable)
    await expect(provider(join(dir, 'k.bin'), plain.storage).getKey()).rejects.toThrow(/plaintext key store/)
    expect(existsSync(join(dir, 'k.bin'))).toBe(false)
    expect(await provider(join(dir, 'k.bin'), plain.storage, { allowPlaintextBackend: true }).getKey()).toHaveLength(32)
    // The backend question is Linux's; other platforms use DPAPI / Keychain.
    expect(await provider(join(dir, 'w.bin'), plain.storage, { platform: 'win32' }).getKey()).toHaveLength(32)
  })

  it('refuses when the OS has no key store at all', async () => {
    const dir = await tempDir('kiosk-key')
    await expect(provider(join(dir, 'k.bin'), fakeSafeStorage({ available: false }).storage).getKey()).rejects.toThrow(
      /no secure key store/
    )
  })

  it('re-wraps the key when the OS says so', async () => {
    const dir = await tempDir('kiosk-key')
    const file = join(dir, 'k.bin')
    await provider(file, fakeSafeStorage().storage).getKey()
    const rotating = fakeSafeStorage({ reEncrypt: true })
    await provider(file, rotating.storage).getKey()
    expect(rotating.calls.encrypt).toBe(1)
  })

  it('moves an unreadable key aside and starts a new one: old data no longer opens, new data does', async () => {
    const dir = await tempDir('kiosk-key')
    const file = join(dir, 'k.bin')
    const os = fakeSafeStorage()
    const oldKey = await provider(file, os.storage).getKey()
    const sealed = encrypt(oldKey, Buffer.from('capture'), 'job-1.capture')
    writeFileSync(file, 'garbage')
    const newKey = await provider(file, os.storage).getKey()
    expect(newKey.equals(oldKey)).toBe(false)
    expect(readdirSync(dir).some((name) => name.startsWith('k.bin.unreadable-'))).toBe(true)
    expect(() => decrypt(newKey, sealed, 'job-1.capture')).toThrow(/does not decrypt/)
    expect(decrypt(newKey, encrypt(newKey, Buffer.from('next'), 'n'), 'n').toString()).toBe('next')
  })
})
