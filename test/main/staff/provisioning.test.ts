/**
 * The provisioning file: its secret reaches the secret store and its client id the runtime settings, the
 * plaintext file is gone afterwards, a bad file is refused (and deleted) without its content reaching the
 * log, and a key store that cannot protect it leaves the file for the next start.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../../../main/log/logger'
import { memorySink } from '../../support/log'
import { adoptProvisioningFile, PROVISIONING_FILE, provisionAtStart } from '../../../main/staff/provisioning'
import { KeyProtectionUnavailable } from '../../../main/storage/protected-key'
import { createSecretStore } from '../../../main/storage/secret-store'
import { createStaffOverrides } from '../../../main/storage/staff-overrides'
import { memoryBacking } from '../../support/memory-backing'
import { fakeSafeStorage } from '../../support/safe-storage'
import { tempDir } from '../../support/temp-dir'

async function setup(content: string | null, set: (secret: string) => Promise<void> = async () => {}) {
  const dir = join(await tempDir('kiosk-provisioning'), 'provisioning')
  mkdirSync(dir, { recursive: true })
  if (content !== null) writeFileSync(join(dir, PROVISIONING_FILE), content)
  const sink = memorySink()
  const stored: string[] = []
  const clientIds: string[] = []
  const outcome = await adoptProvisioningFile({
    dir,
    secrets: {
      set: async (secret) => {
        await set(secret)
        stored.push(secret)
      }
    },
    setClientId: (id) => clientIds.push(id),
    log: createLogger({ sink })
  })
  return {
    outcome,
    stored,
    clientIds,
    exists: existsSync(join(dir, PROVISIONING_FILE)),
    logs: JSON.stringify(sink.records)
  }
}

describe('the provisioning file', () => {
  it('stores the secret and the client id, then deletes the plaintext file', async () => {
    const k = await setup(JSON.stringify({ clientId: 'prod-branch-7', clientSecret: 'Zx9-very-secret' }))
    expect(k).toMatchObject({
      outcome: 'stored',
      stored: ['Zx9-very-secret'],
      clientIds: ['prod-branch-7'],
      exists: false
    })
    expect(k.logs).not.toContain('Zx9-very-secret')
  })

  it('does nothing without a file', async () => {
    expect((await setup(null)).outcome).toBe('none')
  })

  it('refuses a file that is not the expected JSON, deleting it without logging its content', async () => {
    const broken = await setup('{"clientSecret": "Zx9-very-secret"')
    expect(broken).toMatchObject({ outcome: 'refused', stored: [], exists: false })
    expect(broken.logs).not.toContain('Zx9-very-secret')
    const extra = await setup(JSON.stringify({ clientSecret: 'Zx9-very-secret', password: 'x' }))
    expect(extra).toMatchObject({ outcome: 'refused', stored: [], exists: false })
  })

  it('keeps the file for the next start when the key store cannot protect the secret', async () => {
    const k = await setup(JSON.stringify({ clientSecret: 'Zx9-very-secret' }), async () => {
      throw new KeyProtectionUnavailable('no keyring')
    })
    expect(k).toMatchObject({ outcome: 'not-stored', exists: true, clientIds: [] })
  })
})

/**
 * The start-up's wiring, as main/index.ts runs it (everything but Electron's own safeStorage and
 * electron-store, whose stand-ins are the fake key store and an in-memory backing): the kiosk's data
 * folder, its real secret store on disk, staff's overrides.
 */
describe('provisioning at start', () => {
  async function kiosk(before: { secret?: string; clientId?: string } = {}) {
    const dataDir = await tempDir('kiosk-userdata')
    const sink = memorySink()
    const log = createLogger({ sink })
    const secrets = createSecretStore({
      file: join(dataDir, 'keys', 'assure-client-secret.bin'),
      safeStorage: fakeSafeStorage().storage,
      allowPlaintextBackend: false,
      platform: 'linux',
      log
    })
    if (before.secret) await secrets.set(before.secret)
    const overrides = memoryBacking(before.clientId ? { clientId: before.clientId } : {})
    const file = join(dataDir, 'provisioning', PROVISIONING_FILE)
    return {
      dataDir,
      secrets,
      file,
      clientId: () => createStaffOverrides(overrides, log).stored().clientId,
      /** IT copies the file from the USB stick. */
      drop(content: string) {
        mkdirSync(join(dataDir, 'provisioning'), { recursive: true })
        writeFileSync(file, content)
      },
      start: () => provisionAtStart({ dataDir, secrets, overrides, log }),
      logs: () => sink.records
    }
  }

  it('stores the file’s secret in the key store and its client id in staff’s settings, then deletes it', async () => {
    const k = await kiosk({ secret: 'old-secret', clientId: 'old-client' })
    k.drop(JSON.stringify({ clientId: 'prod-branch-7', clientSecret: 'Zx9-very-secret' }))
    expect(await k.start()).toBe('stored')
    expect(await k.secrets.read()).toBe('Zx9-very-secret')
    expect(k.secrets.has()).toBe(true)
    expect(k.clientId()).toBe('prod-branch-7')
    expect(existsSync(k.file)).toBe(false)
    expect(JSON.stringify(k.logs())).not.toContain('Zx9-very-secret')
    expect(k.logs().map((record) => record.message)).toContain(
      'credentials taken from the provisioning file; the file is deleted'
    )
  })

  it('refuses a malformed file with an error naming what is wrong, and loses nothing already stored', async () => {
    const k = await kiosk({ secret: 'old-secret', clientId: 'old-client' })
    k.drop(JSON.stringify({ clientId: 'prod-branch-7', clientSecret: '' }))
    expect(await k.start()).toBe('refused')
    expect(await k.secrets.read()).toBe('old-secret')
    expect(k.clientId()).toBe('old-client')
    const refused = k.logs().find((record) => record.level === 'error')
    expect(refused?.message).toBe('the provisioning file is refused and deleted; write a new one')
    expect(refused?.fields).toMatchObject({ file: PROVISIONING_FILE, reason: 'fields: clientSecret' })
    // Not left behind in plaintext: IT still has it on the stick.
    expect(existsSync(k.file)).toBe(false)

    k.drop('{ "clientId": "prod-branch-7", "clientSecret": "Zx9-very-secret", }')
    expect(await k.start()).toBe('refused')
    expect(k.logs().at(-1)?.fields).toMatchObject({ reason: 'not JSON' })
    expect(await k.secrets.read()).toBe('old-secret')
    expect(JSON.stringify(k.logs())).not.toContain('Zx9-very-secret')
  })

  it('does nothing when there is no file, or no provisioning folder at all', async () => {
    const k = await kiosk({ secret: 'old-secret', clientId: 'old-client' })
    expect(await k.start()).toBe('none')
    expect(existsSync(join(k.dataDir, 'provisioning'))).toBe(false)
    mkdirSync(join(k.dataDir, 'provisioning'))
    expect(await k.start()).toBe('none')
    expect(await k.secrets.read()).toBe('old-secret')
    expect(k.clientId()).toBe('old-client')
    expect(k.logs().filter((record) => record.level === 'error' || record.level === 'warn')).toEqual([])
  })

  it('still starts the kiosk when the file cannot be handled at all, and says so', async () => {
    const k = await kiosk({ secret: 'old-secret' })
    // Something in the way that is not a file (a folder under the file's name): it can be neither read nor deleted.
    mkdirSync(join(k.file, 'inside'), { recursive: true })
    expect(await k.start()).toBe('failed')
    expect(await k.secrets.read()).toBe('old-secret')
    expect(k.logs().at(-1)).toMatchObject({
      level: 'error',
      message: 'the provisioning folder could not be handled; remove the file by hand'
    })
  })
})
