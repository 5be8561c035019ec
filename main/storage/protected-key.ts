/**
 * The data key that encrypts captures and results at rest, itself stored only wrapped by the OS key
 * store through Electron's safeStorage (async API; the sync one is deprecated in Electron 45). On
 * Linux without a keyring safeStorage falls back to a hard-coded password ("basic_text"): that is no
 * protection, so the kiosk refuses unless the operator explicitly allowed it in the config file.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs'
import { dirname } from 'node:path'
import { writeFileSync } from 'atomically'
import type { Logger } from '../log/logger'
import type { KeyProvider } from './crypto-box'

/** The parts of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>
  encryptStringAsync(plainText: string): Promise<Buffer>
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>
  getSelectedStorageBackend?(): string
}

export class KeyProtectionUnavailable extends Error {
  override readonly name = 'KeyProtectionUnavailable'
}

export async function assertSafeStorageUsable(
  safeStorage: SafeStorageLike,
  options: { allowPlaintextBackend: boolean; platform: NodeJS.Platform }
): Promise<void> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    throw new KeyProtectionUnavailable(
      'This computer offers no secure key store, so the kiosk cannot protect its data. Ask IT to set up the OS keyring.'
    )
  }
  if (
    options.platform === 'linux' &&
    safeStorage.getSelectedStorageBackend?.() === 'basic_text' &&
    !options.allowPlaintextBackend
  ) {
    throw new KeyProtectionUnavailable(
      'Linux offers only the plaintext key store here (no GNOME keyring or KWallet), which protects nothing. Set up a keyring, or set security.allowPlaintextKeyStore in the config file to accept the risk.'
    )
  }
}

export function createProtectedKeyProvider(options: {
  file: string
  safeStorage: SafeStorageLike
  allowPlaintextBackend: boolean
  platform: NodeJS.Platform
  log: Logger
  now?: () => number
}): KeyProvider {
  const { file, safeStorage, log } = options
  let cached: Promise<Buffer> | null = null

  async function store(key: Buffer): Promise<void> {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
    writeFileSync(file, await safeStorage.encryptStringAsync(key.toString('base64')), { mode: 0o600 })
  }

  async function load(): Promise<Buffer> {
    await assertSafeStorageUsable(safeStorage, options)
    if (existsSync(file)) {
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(readFileSync(file))
        const key = Buffer.from(result, 'base64')
        if (key.length !== 32) throw new Error('the stored key has the wrong length')
        if (shouldReEncrypt) await store(key)
        return key
      } catch (error) {
        // Data sealed with the lost key fails job by job, with a clear reason; new data gets a new key.
        const aside = `${file}.unreadable-${(options.now ?? Date.now)()}`
        renameSync(file, aside)
        log.error('the data key could not be unwrapped; a new one is made', { error, movedTo: aside })
      }
    }
    const key = randomBytes(32)
    await store(key)
    return key
  }

  return {
    getKey() {
      cached ??= load().catch((error: unknown) => {
        cached = null
        throw error
      })
      return cached
    }
  }
}
