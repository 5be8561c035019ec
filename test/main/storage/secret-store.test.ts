/**
 * The Assure client secret at rest: sealed by the OS key store (a reversible stand-in here), refused
 * on Linux's plaintext backend unless allowed, provisioned from the environment, read by the client
 * at each token request, and never logged.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AssureError } from '../../../main/assure/errors'
import { createLogger } from '../../../main/log/logger'
import { memorySink, silentLogger } from '../../support/log'
import type { SafeStorageLike } from '../../../main/storage/protected-key'
import {
  adoptEnvironmentSecret,
  clientSecretSource,
  createSecretStore,
  SecretRejected,
  SecretUnreadable
} from '../../../main/storage/secret-store'
import { fakeSafeStorage } from '../../support/safe-storage'
import { tempDir } from '../../support/temp-dir'

const SECRET = 'sandbox-secret-Zq3vX9pLm2Rt8Kw4'

async function storeIn(
  options: { storage?: SafeStorageLike; allowPlaintextBackend?: boolean; platform?: NodeJS.Platform } = {}
) {
  const dir = await tempDir('kiosk-secret')
  const file = join(dir, 'keys', 'assure-client-secret.bin')
  const sink = memorySink()
  const store = createSecretStore({
    file,
    safeStorage: options.storage ?? fakeSafeStorage().storage,
    allowPlaintextBackend: options.allowPlaintextBackend ?? false,
    platform: options.platform ?? 'linux',
    log: createLogger({ sink, level: 'debug' })
  })
  return { store, file, dir, records: sink.records }
}

describe('the client secret store', () => {
  it('stores the secret only sealed, owner-only, and reads it back after a restart', async () => {
    const os = fakeSafeStorage()
    const { store, file } = await storeIn({ storage: os.storage })
    expect(store.has()).toBe(false)
    expect(await store.read()).toBeNull()
    await store.set(SECRET)
    expect(store.has()).toBe(true)
    expect(readFileSync(file).includes(Buffer.from(SECRET))).toBe(false)
    if (process.platform !== 'win32') {
      expect(statSync(file).mode & 0o777).toBe(0o600)
      expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700)
    }
    const restarted = createSecretStore({
      file,
      safeStorage: os.storage,
      allowPlaintextBackend: false,
      platform: 'linux',
      log: silentLogger
    })
    expect(await restarted.read()).toBe(SECRET)
  })

  it('replaces an earlier secret', async () => {
    const { store } = await storeIn()
    await store.set(SECRET)
    await store.set('rotated-secret-2')
    expect(await store.read()).toBe('rotated-secret-2')
  })

  it('refuses values that cannot be a secret, naming why but never echoing it', async () => {
    const { store } = await storeIn()
    const refused: Array<[string, RegExp]> = [
      ['', /empty/],
      ['x'.repeat(1025), /longer than 1024/],
      ['line\nbreak', /line break/],
      ['tab\tinside', /control character/],
      [' leading-space', /starts or ends with a space/],
      ['trailing-space ', /starts or ends with a space/]
    ]
    for (const [value, reason] of refused) {
      const attempt = store.set(value)
      await expect(attempt).rejects.toThrow(SecretRejected)
      await expect(attempt).rejects.toThrow(reason)
      if (value.length > 3) await expect(attempt).rejects.not.toThrow(value.trim())
    }
    expect(store.has()).toBe(false)
  })

  it('re-seals the secret when the OS rotated its key', async () => {
    const { store, file } = await storeIn()
    await store.set(SECRET)
    const rotating = fakeSafeStorage({ reEncrypt: true })
    const reader = createSecretStore({
      file,
      safeStorage: rotating.storage,
      allowPlaintextBackend: false,
      platform: 'linux',
      log: silentLogger
    })
    expect(await reader.read()).toBe(SECRET)
    expect(rotating.calls.encrypt).toBe(1)
  })

  it('says so, in words for staff, when a stored secret no longer decrypts (and logs no secret)', async () => {
    const { store, file, records } = await storeIn()
    await store.set(SECRET)
    writeFileSync(file, 'copied from another computer')
    await expect(store.read()).rejects.toThrow(SecretUnreadable)
    await expect(store.read()).rejects.toThrow(/cannot be decrypted on this computer.*Enter the secret again/)
    expect(records.some((record) => record.level === 'error')).toBe(true)
  })

  it('never writes the secret to the log', async () => {
    const { store, records } = await storeIn()
    await store.set(SECRET)
    await store.read()
    expect(records.map((record) => record.message)).toEqual(['the Assure client secret was stored'])
    expect(JSON.stringify(records)).not.toContain(SECRET)
  })
})

describe('where secrets cannot be protected', () => {
  it('refuses Linux’s plaintext backend, with a staff-facing reason, and stores nothing', async () => {
    const { store, file } = await storeIn({ storage: fakeSafeStorage({ backend: 'basic_text' }).storage })
    expect(await store.problem()).toMatch(/only the plaintext key store.*security\.allowPlaintextKeyStore/)
    await expect(store.set(SECRET)).rejects.toThrow(/plaintext key store/)
    await expect(store.read()).rejects.toThrow(/plaintext key store/)
    expect(existsSync(file)).toBe(false)
  })

  it('accepts the plaintext backend when the operator allowed it in the config file', async () => {
    const { store } = await storeIn({
      storage: fakeSafeStorage({ backend: 'basic_text' }).storage,
      allowPlaintextBackend: true
    })
    expect(await store.problem()).toBeNull()
    await store.set(SECRET)
    expect(await store.read()).toBe(SECRET)
  })

  it('only asks about the backend on Linux (Windows has DPAPI, macOS the Keychain)', async () => {
    const { store } = await storeIn({ storage: fakeSafeStorage({ backend: 'basic_text' }).storage, platform: 'win32' })
    expect(await store.problem()).toBeNull()
  })

  it('refuses when the OS has no key store at all', async () => {
    const { store } = await storeIn({ storage: fakeSafeStorage({ available: false }).storage, platform: 'win32' })
    expect(await store.problem()).toMatch(/no secure key store/)
    await expect(store.set(SECRET)).rejects.toThrow(/no secure key store/)
  })
})

describe('provisioning from ASSURE_CLIENT_SECRET', () => {
  it('stores the variable’s secret, so the kiosk keeps working once it is removed', async () => {
    const { store } = await storeIn()
    await adoptEnvironmentSecret(store, { ASSURE_CLIENT_SECRET: SECRET }, silentLogger)
    expect(await clientSecretSource(store, {})()).toBe(SECRET)
  })

  it('replaces a stored secret that differs, and leaves an equal one alone', async () => {
    const os = fakeSafeStorage()
    const { store } = await storeIn({ storage: os.storage })
    await store.set('old-secret')
    await adoptEnvironmentSecret(store, { ASSURE_CLIENT_SECRET: SECRET }, silentLogger)
    expect(await store.read()).toBe(SECRET)
    const writes = os.calls.encrypt
    await adoptEnvironmentSecret(store, { ASSURE_CLIENT_SECRET: SECRET }, silentLogger)
    expect(os.calls.encrypt).toBe(writes)
  })

  it('overwrites a stored secret that no longer decrypts', async () => {
    const { store, file } = await storeIn()
    await store.set('old-secret')
    writeFileSync(file, 'garbage')
    await adoptEnvironmentSecret(store, { ASSURE_CLIENT_SECRET: SECRET }, silentLogger)
    expect(await store.read()).toBe(SECRET)
  })

  it('does nothing without the variable, and does not store a malformed one', async () => {
    const { store } = await storeIn()
    await adoptEnvironmentSecret(store, {}, silentLogger)
    await adoptEnvironmentSecret(store, { ASSURE_CLIENT_SECRET: 'with\nnewline' }, silentLogger)
    expect(store.has()).toBe(false)
  })
})

describe('the secret the Assure client reads at each token request', () => {
  it('comes from the environment first, then the store, read afresh each time', async () => {
    const { store } = await storeIn()
    await store.set('stored-secret')
    expect(await clientSecretSource(store, { ASSURE_CLIENT_SECRET: 'env-secret' })()).toBe('env-secret')
    const fromStore = clientSecretSource(store, {})
    expect(await fromStore()).toBe('stored-secret')
    await store.set('rotated-by-staff')
    expect(await fromStore()).toBe('rotated-by-staff')
  })

  it('is a configuration error (AssureError auth) when there is none, or it cannot be read', async () => {
    const { store, file } = await storeIn()
    const missing = clientSecretSource(store, {})()
    await expect(missing).rejects.toBeInstanceOf(AssureError)
    await expect(missing).rejects.toMatchObject({
      kind: 'auth',
      operation: 'token',
      retryable: false,
      message: expect.stringContaining('no client secret')
    })
    await store.set(SECRET)
    writeFileSync(file, 'garbage')
    await expect(clientSecretSource(store, {})()).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('cannot be decrypted')
    })
  })
})
