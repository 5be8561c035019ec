/**
 * The kiosk's configuration: one JSON file per kiosk (fleet rollout), validated with a schema that
 * names the bad field, plus environment variables for secrets. Every field has a default, so no file
 * at all means demo mode.
 */
import { readFile } from 'node:fs/promises'
import { z } from 'zod'

export const KioskConfig = z.strictObject({
  /** Shown to staff and in the audit log; identifies the kiosk in a fleet. */
  kioskId: z.string().min(1).max(128).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only').default('kiosk-1'),
  /**
   * `demo`: embedded Assure sandbox + simulated FaceTec SDK. `live`: the real Assure API and the
   * operator's FaceTec SDK folder. `auto`: live when Assure credentials are configured, else demo.
   */
  mode: z.enum(['auto', 'demo', 'live']).default('auto'),
  assure: z
    .strictObject({
      baseUrl: z.url({ protocol: /^https?$/ }).default('https://api.signicat.com'),
      clientId: z.string().min(1).max(256).optional()
    })
    .prefault({})
})
export type KioskConfig = z.infer<typeof KioskConfig>

/** Secrets come from the environment (or the OS keychain), never from the config file. */
export type KioskEnvironment = Readonly<Record<string, string | undefined>>

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

/** Parses a config object; on failure the message lists each bad field by its path. */
export function parseConfig(raw: unknown, source = 'config'): KioskConfig {
  const parsed = KioskConfig.safeParse(raw)
  if (parsed.success) return parsed.data
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`)
  throw new ConfigError(`${source} is invalid:\n${lines.join('\n')}`)
}

/** Reads and validates the config file; a missing file means all defaults. */
export async function loadConfigFile(path: string | null): Promise<KioskConfig> {
  if (!path) return parseConfig({})
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return parseConfig({})
    throw new ConfigError(`${path} cannot be read: ${(error as Error).message}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new ConfigError(`${path} is not valid JSON: ${(error as Error).message}`)
  }
  return parseConfig(json, path)
}

export function resolveMode(config: KioskConfig, env: KioskEnvironment): 'demo' | 'live' {
  if (config.mode !== 'auto') return config.mode
  const clientId = config.assure.clientId ?? env.ASSURE_CLIENT_ID
  return clientId && env.ASSURE_CLIENT_SECRET ? 'live' : 'demo'
}
