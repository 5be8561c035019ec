/**
 * The Assure client secret, kept only encrypted by the OS key store through Electron's safeStorage
 * (async API), in `<userData>/keys/`. Same rule as the data key (protected-key.ts): on Linux's
 * plaintext backend ("basic_text", a hard-coded password) nothing is stored, and live mode does not
 * start, unless the config file sets `security.allowPlaintextKeyStore`.
 *
 * Write-only from the outside: `read()` exists for main's own token requests and is never wired to
 * the bridge. Nothing here logs the secret or puts it in an error message.
 *
 * Provisioning: `ASSURE_CLIENT_SECRET` in the environment wins over the stored secret, and is stored
 * (when it differs), so a kiosk can be provisioned once and the variable removed afterwards.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { writeFile } from 'atomically'
import { AssureError } from '../assure/errors'
import type { Logger } from '../log/logger'
import { assertSafeStorageUsable, KeyProtectionUnavailable, type SafeStorageLike } from './protected-key'

export const MAX_SECRET_LENGTH = 1024

export interface SecretStore {
  /** Why secrets cannot be kept on this computer, in words for staff; null when they can. */
  problem(): Promise<string | null>
  /** Whether a secret is stored (without decrypting it). */
  has(): boolean
  /** Encrypts and stores the secret, replacing any earlier one. */
  set(secret: string): Promise<void>
  /** The stored secret, or null when none is. Main's own use only: never through the bridge. */
  read(): Promise<string | null>
}

/** A secret that was refused before it was stored (the message is for staff and never contains it). */
export class SecretRejected extends Error {
  override readonly name = 'SecretRejected'
}

/** A stored secret that this computer's key store can no longer decrypt. */
export class SecretUnreadable extends Error {
  override readonly name = 'SecretUnreadable'
}

/** Why `secret` cannot be the client secret, or null. */
export function secretProblem(secret: string): string | null {
  if (secret.length === 0) return 'The client secret is empty.'
  if (secret.length > MAX_SECRET_LENGTH) return `The client secret is longer than ${MAX_SECRET_LENGTH} characters.`
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(secret))
    return 'The client secret contains a line break or another control character.'
  if (secret.trim() !== secret) return 'The client secret starts or ends with a space (probably a copy mistake).'
  return null
}

export function createSecretStore(options: {
  file: string
  safeStorage: SafeStorageLike
  allowPlaintextBackend: boolean
  platform: NodeJS.Platform
  log: Logger
  /** What the secret is, for the log (the same store keeps telemetry's header credentials). */
  label?: string
}): SecretStore {
  const { file, safeStorage } = options
  const log = options.log.child('secrets')
  const label = options.label ?? 'the Assure client secret'

  async function write(secret: string): Promise<void> {
    await assertSafeStorageUsable(safeStorage, options)
    const sealed = await safeStorage.encryptStringAsync(secret)
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
    await writeFile(file, sealed, { mode: 0o600 })
  }

  return {
    async problem() {
      try {
        await assertSafeStorageUsable(safeStorage, options)
        return null
      } catch (error) {
        if (error instanceof KeyProtectionUnavailable) return error.message
        throw error
      }
    },
    has: () => existsSync(file),
    async set(secret) {
      const refused = secretProblem(secret)
      if (refused) throw new SecretRejected(refused)
      await write(secret)
      log.info(`${label} was stored`)
    },
    async read() {
      await assertSafeStorageUsable(safeStorage, options)
      let sealed: Buffer
      try {
        sealed = await readFile(file)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
      let opened: { result: string; shouldReEncrypt: boolean }
      try {
        opened = await safeStorage.decryptStringAsync(sealed)
      } catch (error) {
        log.error(`${label} (stored) cannot be decrypted`, { error })
        throw new SecretUnreadable(
          'The stored Assure client secret cannot be decrypted on this computer (its key store was reset, or the file was copied from another computer). Enter the secret again.'
        )
      }
      if (opened.shouldReEncrypt) {
        // The OS rotated its key: seal again under the new one. The secret was read either way.
        await write(opened.result).catch((error: unknown) => log.warn(`could not re-encrypt ${label}`, { error }))
      }
      return opened.result
    }
  }
}

/**
 * At start-up in live mode: a secret in the environment is stored (when it differs from the stored
 * one), so it survives the variable being removed. The store must be usable (see `problem()`).
 */
export async function adoptEnvironmentSecret(
  store: SecretStore,
  env: Readonly<Record<string, string | undefined>>,
  log: Logger
): Promise<void> {
  const fromEnv = env.ASSURE_CLIENT_SECRET
  if (!fromEnv) return
  const refused = secretProblem(fromEnv)
  if (refused) {
    log.warn('ASSURE_CLIENT_SECRET is not stored', { reason: refused })
    return
  }
  const stored = await store.read().catch((error: unknown) => {
    if (error instanceof SecretUnreadable) return null
    throw error
  })
  if (stored === fromEnv) return
  await store.set(fromEnv)
  log.info('stored the client secret from ASSURE_CLIENT_SECRET; the variable may now be removed')
}

/**
 * The client secret as the Assure client reads it at each token request: the environment first, then
 * the store. A missing or unreadable secret is a configuration problem (AssureError `auth`), so jobs
 * fail as `configuration`, which staff can retry once the secret is entered.
 */
export function clientSecretSource(
  store: SecretStore,
  env: Readonly<Record<string, string | undefined>>
): () => Promise<string> {
  return async () => {
    const fromEnv = env.ASSURE_CLIENT_SECRET
    if (fromEnv) return fromEnv
    let stored: string | null
    try {
      stored = await store.read()
    } catch (error) {
      const title =
        error instanceof SecretUnreadable
          ? 'the stored client secret cannot be decrypted'
          : 'the stored client secret cannot be read'
      throw new AssureError({ kind: 'auth', operation: 'token', ambiguous: false, problem: { title }, cause: error })
    }
    if (stored === null)
      throw new AssureError({
        kind: 'auth',
        operation: 'token',
        ambiguous: false,
        problem: { title: 'no client secret is configured' }
      })
    return stored
  }
}
