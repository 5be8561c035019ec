/**
 * The kiosk's configuration: one JSON file per kiosk (fleet rollout), validated with a schema that
 * names the bad field, plus environment variables for secrets. Every field has a default, so no file
 * at all means demo mode.
 */
import { readFile } from 'node:fs/promises'
import { isAbsolute } from 'node:path'
import { z } from 'zod'

const HttpUrl = z.url({ protocol: /^https?$/ })
/** A path template below the base URL, with only the placeholders the client fills in. */
const PathTemplate = z
  .string()
  .max(300)
  .regex(/^\/[A-Za-z0-9/_.{}-]*$/, 'must start with / and contain only path characters')
  .refine((path) => [...path.matchAll(/\{(\w+)\}/g)].every(([, name]) => ['dossierId', 'processId', 'imageType'].includes(name ?? '')), {
    message: 'the only placeholders are {dossierId}, {processId} and {imageType}'
  })
const Millis = (min: number, max: number, fallback: number) => z.number().int().min(min).max(max).default(fallback)

export const AssureConfig = z.strictObject({
  baseUrl: HttpUrl.default('https://api.signicat.com'),
  /** Default: `<baseUrl>/auth/open/connect/token`. */
  tokenUrl: HttpUrl.optional(),
  scope: z.string().min(1).max(200).default('signicat-api'),
  clientId: z.string().min(1).max(256).optional(),
  /** Paths Signicat has not confirmed; see README "Assure client". Absent = the client's defaults. */
  paths: z
    .strictObject({
      startVerification: PathTemplate.optional(),
      image: PathTemplate.optional(),
      setImages: PathTemplate.optional(),
      download: PathTemplate.optional()
    })
    .prefault({}),
  timeouts: z
    .strictObject({
      connectMs: Millis(100, 60_000, 5_000),
      headersMs: Millis(100, 300_000, 15_000),
      bodyMs: Millis(100, 300_000, 15_000),
      totalMs: Millis(500, 600_000, 60_000)
    })
    .prefault({})
})
export type AssureConfig = z.infer<typeof AssureConfig>

export function tokenUrlOf(assure: AssureConfig): string {
  return assure.tokenUrl ?? `${assure.baseUrl.replace(/\/+$/, '')}/auth/open/connect/token`
}

export const VerificationConfig = z.strictObject({
  /** Final statuses whose full-result zip is downloaded into the archive (encrypted). */
  archiveOn: z.array(z.enum(['accepted', 'rejected', 'inconclusive'])).max(3).default(['accepted']),
  /** Delete the kiosk's own dossier at Assure once a job is done (after archiving). */
  deleteDossierWhenDone: z.boolean().default(false),
  /** Job records, captures and archived results older than this are purged. */
  retentionDays: z.number().min(1).max(3650).default(30),
  /** A prepared verification nobody captured is cancelled (its dossier deleted) after this. */
  preparedTtlMinutes: z.number().min(1).max(24 * 60).default(15),
  /** Result polling stops after this much online time; staff can retry the job. */
  resultDeadlineMinutes: z.number().min(1).max(24 * 60).default(10),
  /** Absolute folder for archived results; default: `archive` in the app's data folder. */
  archiveFolder: z.string().min(1).max(1000).refine((path) => isAbsolute(path), 'must be an absolute path').optional()
})
export type VerificationConfig = z.infer<typeof VerificationConfig>

export const SecurityConfig = z.strictObject({
  /**
   * Linux without a keyring gives safeStorage only a hard-coded password. The kiosk refuses to run on it
   * unless this is true (the operator accepts that data at rest is then not really protected).
   */
  allowPlaintextKeyStore: z.boolean().default(false)
})

export const KioskConfig = z.strictObject({
  /** Shown to staff and in the audit log; identifies the kiosk in a fleet. */
  kioskId: z.string().min(1).max(128).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only').default('kiosk-1'),
  /**
   * `demo`: embedded Assure sandbox + simulated FaceTec SDK. `live`: the real Assure API and the
   * operator's FaceTec SDK folder. `auto`: live when Assure credentials are configured, else demo.
   */
  mode: z.enum(['auto', 'demo', 'live']).default('auto'),
  assure: AssureConfig.prefault({}),
  verification: VerificationConfig.prefault({}),
  security: SecurityConfig.prefault({})
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
