/**
 * Credentials by provisioning rather than a branch touch screen: IT drops `assure-credentials.json`
 * (`{ "clientId": "…", "clientSecret": "…" }`) into `<userData>/provisioning/` — from a USB stick, a
 * device-management tool or a maintenance session — and the kiosk takes it at its next start: the secret
 * into the OS-protected secret store, the client id into staff's runtime settings, and the plaintext file
 * is overwritten and deleted. Nothing of its content is logged.
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { CredentialsInput } from '../../preload/api'
import type { Logger } from '../log/logger'
import type { SecretStore } from '../storage/secret-store'
import { createStaffOverrides, type OverridesBacking } from '../storage/staff-overrides'

export const PROVISIONING_FILE = 'assure-credentials.json'

const ProvisioningFile = z.strictObject({
  clientId: CredentialsInput.shape.clientId,
  clientSecret: CredentialsInput.shape.clientSecret
})

/** `failed`: something other than the file's content went wrong (the start goes on; the log says what). */
export type ProvisioningOutcome = 'none' | 'stored' | 'refused' | 'not-stored' | 'failed'

/** Where IT puts the file: `<userData>/provisioning/`. */
export const provisioningDir = (dataDir: string): string => join(dataDir, 'provisioning')

/** Overwrites the plaintext before unlinking it, so the secret is not left in the freed blocks as easily. */
function destroy(path: string): void {
  try {
    writeFileSync(path, Buffer.alloc(statSync(path).size))
  } finally {
    rmSync(path, { force: true })
  }
}

export async function adoptProvisioningFile(options: {
  dir: string
  secrets: Pick<SecretStore, 'set'>
  setClientId: (clientId: string) => void
  log: Logger
}): Promise<ProvisioningOutcome> {
  const path = join(options.dir, PROVISIONING_FILE)
  if (!existsSync(path)) return 'none'
  const log = options.log.child('provisioning')
  let parsed: z.infer<typeof ProvisioningFile>
  try {
    const result = ProvisioningFile.safeParse(JSON.parse(readFileSync(path, 'utf8')))
    if (!result.success)
      throw new Error(`fields: ${result.error.issues.map((issue) => issue.path.join('.')).join(', ')}`)
    parsed = result.data
  } catch (error) {
    // Never the content: the reason is the fields that were wrong, or that it is not JSON.
    log.error('the provisioning file is refused and deleted; write a new one', {
      file: PROVISIONING_FILE,
      reason: error instanceof SyntaxError ? 'not JSON' : (error as Error).message
    })
    destroy(path)
    return 'refused'
  }
  try {
    await options.secrets.set(parsed.clientSecret)
  } catch (error) {
    // No key store to protect it with (yet): the file stays for the next start, and the log says why.
    log.error('the provisioning file could not be stored; it stays until the key store works', {
      reason: (error as Error).name
    })
    return 'not-stored'
  }
  if (parsed.clientId) options.setClientId(parsed.clientId)
  destroy(path)
  log.info('credentials taken from the provisioning file; the file is deleted', {
    clientId: parsed.clientId ? 'set' : 'unchanged'
  })
  return 'stored'
}

/**
 * What main/index.ts runs at start, before the mode is chosen (a stored secret can make it live): the
 * provisioning folder below the app's data folder, the secret into the secret store, the client id into
 * staff's overrides (electron-store in the app). Plain Node, so the start-up's wiring is tested as it
 * runs. A kiosk that cannot read or delete the file still starts: the log says why, loudly.
 */
export async function provisionAtStart(deps: {
  dataDir: string
  secrets: Pick<SecretStore, 'set'>
  overrides: OverridesBacking
  log: Logger
}): Promise<ProvisioningOutcome> {
  try {
    return await adoptProvisioningFile({
      dir: provisioningDir(deps.dataDir),
      secrets: deps.secrets,
      setClientId: (clientId) => createStaffOverrides(deps.overrides, deps.log).setClientId(clientId),
      log: deps.log
    })
  } catch (error) {
    deps.log
      .child('provisioning')
      .error('the provisioning folder could not be handled; remove the file by hand', { error })
    return 'failed'
  }
}
