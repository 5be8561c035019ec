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
import { adoptProvisioningFile, PROVISIONING_FILE } from '../../../main/staff/provisioning'
import { KeyProtectionUnavailable } from '../../../main/storage/protected-key'
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
