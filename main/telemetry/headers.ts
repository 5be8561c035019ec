/**
 * The headers sent with every export. A plain value is used as written. A credential (`{ "env": "NAME" }`)
 * is handled like the Assure client secret: the environment variable wins; in live mode, with a usable
 * OS key store, its value is also stored encrypted (`<userData>/keys/telemetry-header-<name>.bin`), so
 * a kiosk can be provisioned once and the variable removed; without the variable the stored value is used.
 * No value is ever logged, only header and variable names.
 */
import type { Logger } from '../log/logger'
import { secretProblem, SecretUnreadable, type SecretStore } from '../storage/secret-store'
import type { TelemetryConfig } from './config'

export interface ResolvedHeaders {
  headers: Record<string, string>
  /** Credential headers that have no value (neither in the environment nor stored): not sent. */
  missing: string[]
}

export async function resolveTelemetryHeaders(options: {
  headers: TelemetryConfig['headers']
  env: Readonly<Record<string, string | undefined>>
  /** The key store for one credential header; null where none is usable (demo mode, no keyring). */
  storeFor: ((header: string) => SecretStore) | null
  log: Logger
}): Promise<ResolvedHeaders> {
  const log = options.log.child('telemetry')
  const headers: Record<string, string> = {}
  const missing: string[] = []
  for (const [name, value] of Object.entries(options.headers)) {
    if (typeof value === 'string') {
      headers[name] = value
      continue
    }
    const store = options.storeFor?.(name) ?? null
    const fromEnv = options.env[value.env]
    if (fromEnv) {
      const refused = secretProblem(fromEnv)
      if (refused) {
        log.warn('a telemetry header from the environment is not used', {
          header: name,
          variable: value.env,
          reason: refused.replace('client secret', 'value')
        })
        missing.push(name)
        continue
      }
      headers[name] = fromEnv
      if (store) await adopt(store, fromEnv, name, log)
      continue
    }
    const stored = store ? await readStored(store, name, log) : null
    if (stored) headers[name] = stored
    else {
      log.warn('a telemetry header has no value: set its environment variable', { header: name, variable: value.env })
      missing.push(name)
    }
  }
  return { headers, missing }
}

async function adopt(store: SecretStore, value: string, header: string, log: Logger): Promise<void> {
  try {
    if ((await readStored(store, header, log)) === value) return
    await store.set(value)
    log.info('stored a telemetry header from the environment; the variable may now be removed', { header })
  } catch (error) {
    log.warn('could not store a telemetry header in the key store', { header, error })
  }
}

async function readStored(store: SecretStore, header: string, log: Logger): Promise<string | null> {
  try {
    return await store.read()
  } catch (error) {
    if (!(error instanceof SecretUnreadable)) log.warn('a stored telemetry header cannot be read', { header, error })
    return null
  }
}
