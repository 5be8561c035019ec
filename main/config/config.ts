/**
 * The kiosk's configuration: one JSON file per kiosk (fleet rollout), validated with a schema that
 * names the bad field, plus environment variables for secrets. Every field has a default, so no file
 * at all means demo mode.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { z } from 'zod'
import { journeySetting, LANGUAGES, LanguageCode, NextStepOutcome, type AppMode } from '../../preload/api'
import { FACETEC_SERVER_ORIGIN, isHttpsOrigin } from '../app-origin/csp'
import { SiteName, TelemetryConfig } from '../telemetry/config'
import { parsePinHash, PinFormatError } from '../staff/pin'

/**
 * Where main sends the client secret and the captures: https only (http only to this computer, for a
 * local sandbox), and no credentials in the URL itself (they would end up in logs and proxies).
 */
const HttpUrl = z
  .url({ protocol: /^https?$/ })
  .refine((url) => {
    const parsed = URL.parse(url)
    return !parsed || parsed.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)
  }, 'must be https (http only for localhost)')
  .refine((url) => {
    const parsed = URL.parse(url)
    return !parsed || (!parsed.username && !parsed.password)
  }, 'must not contain a user name or password (the client secret goes in ASSURE_CLIENT_SECRET)')

/**
 * A folder main serves to the renderer as it is (the FaceTec SDK): never a drive's root, a home folder
 * or a system folder, where the renderer could read any file below it.
 */
export function tooBroadFolder(path: string): string | null {
  const resolved = resolve(path)
  if (dirname(resolved) === resolved) return 'must not be the root of a drive'
  const home = homedir()
  const relativeToHome = relative(resolved, home)
  if (resolved === home || (relativeToHome && !relativeToHome.startsWith('..') && !isAbsolute(relativeToHome)))
    return 'must not be a home folder or a folder above one'
  const depth = resolved.split(sep).filter(Boolean).length - (/^[A-Za-z]:/.test(resolved) ? 1 : 0)
  if (depth < 2) return 'must not be a top-level folder (such as /usr or C:\\Windows): name the SDK’s own folder'
  return null
}
/**
 * A URL template below the base URL: a path, and optionally a query of `name=value` pairs (Get image's
 * `?depiction={depiction}`). Only the placeholders the client fills in, each a whole `{name}`; the
 * client percent-encodes their values, so no id can add a segment or a parameter.
 */
const PATH_PART = '/[A-Za-z0-9/_.{}-]*'
const QUERY_PAIR = '[A-Za-z0-9_.-]+=[A-Za-z0-9_.{}-]*'
const PLACEHOLDERS = ['dossierId', 'processId', 'depiction', 'imageType'] as const
const PathTemplate = z
  .string()
  .max(300)
  .regex(
    new RegExp(`^${PATH_PART}(\\?${QUERY_PAIR}(&${QUERY_PAIR})*)?$`),
    'must start with / and hold only path characters, then optionally ?name=value&…'
  )
  .refine((path) => !/[{}]/.test(path.replace(/\{\w+\}/g, '')), {
    message: 'a brace that is not part of a {placeholder}'
  })
  .refine(
    (path) =>
      [...path.matchAll(/\{(\w+)\}/g)].every(([, name]) => (PLACEHOLDERS as readonly string[]).includes(name ?? '')),
    {
      message: 'the only placeholders are {dossierId}, {processId} and {depiction} (or {imageType})'
    }
  )
const Millis = (min: number, max: number, fallback: number) => z.number().int().min(min).max(max).default(fallback)

export const AssureConfig = z.strictObject({
  baseUrl: HttpUrl.default('https://api.signicat.com'),
  /** Default: `<baseUrl>/auth/open/connect/token`. */
  tokenUrl: HttpUrl.optional(),
  scope: z.string().min(1).max(200).default('signicat-api'),
  clientId: z.string().min(1).max(256).optional(),
  /** URL templates; absent = the client's defaults, the paths of Signicat's document (README "Assure client"). */
  paths: z
    .strictObject({
      startVerification: PathTemplate.optional(),
      image: PathTemplate.optional(),
      setImages: PathTemplate.optional(),
      download: PathTemplate.optional()
    })
    .prefault({}),
  /**
   * Client-side limit on requests per second to Assure. Assure's own limits are not documented; set
   * this to the rate Signicat agreed for the account so a large outbox drains without 429s.
   */
  maxRequestsPerSecond: z.number().int().min(1).max(1_000).optional(),
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
  archiveOn: z
    .array(z.enum(['accepted', 'rejected', 'inconclusive']))
    .max(3)
    .default(['accepted']),
  /** Delete the kiosk's own dossier at Assure once a job is done (after archiving). */
  deleteDossierWhenDone: z.boolean().default(false),
  /** Job records, captures and archived results older than this are purged. */
  retentionDays: z.number().min(1).max(3650).default(30),
  /** A prepared verification nobody captured is cancelled (its dossier deleted) after this. */
  preparedTtlMinutes: z
    .number()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Result polling stops after this much online time; staff can retry the job. */
  resultDeadlineMinutes: z
    .number()
    .min(1)
    .max(24 * 60)
    .default(10),
  /**
   * A ticket's earlier ID check (linked process): the kiosk's FaceTec process goes into that dossier
   * (`linked-dossier`, never deleted by the kiosk) or into a new dossier of its own (`new-dossier`).
   */
  linkedReferencePlacement: z.enum(['linked-dossier', 'new-dossier']).default('linked-dossier'),
  /** Absolute folder for archived results; default: `archive` in the app's data folder. */
  archiveFolder: z
    .string()
    .min(1)
    .max(1000)
    .refine((path) => isAbsolute(path), 'must be an absolute path')
    .optional()
})
export type VerificationConfig = z.infer<typeof VerificationConfig>

export const SecurityConfig = z.strictObject({
  /**
   * Linux without a keyring gives safeStorage only a hard-coded password. The kiosk refuses to run on it
   * unless this is true (the operator accepts that data at rest is then not really protected).
   */
  allowPlaintextKeyStore: z.boolean().default(false)
})

export const JourneyConfig = z
  .strictObject({
    /** Languages offered on the attract screen, in this order. */
    languages: z
      .array(LanguageCode)
      .min(1)
      .max(LANGUAGES.length)
      .default([...LANGUAGES]),
    defaultLanguage: LanguageCode.default('en'),
    /** Seconds without input on a user-facing screen before the idle countdown appears. */
    idleTimeoutSeconds: journeySetting('idleTimeoutSeconds').default(60),
    /** Length of the visible countdown before the kiosk resets to the attract screen. */
    idleCountdownSeconds: journeySetting('idleCountdownSeconds').default(15),
    /** Failed liveness attempts before the person is sent to staff. */
    maxLivenessAttempts: journeySetting('maxLivenessAttempts').default(3),
    /**
     * Whose face is the reference: `configured` (the demo photo, or the photo staff chose at a
     * staffed desk), `ticket` (the person enters a verification ticket: the dossier and process of an
     * earlier ID check).
     */
    referenceSource: z.enum(['configured', 'ticket']).default('configured'),
    /** Seconds the result stays on screen before the kiosk resets by itself. */
    resultSeconds: journeySetting('resultSeconds').default(30),
    /**
     * Prepare the dossier and FaceTec process while the person reads the privacy notice, so the camera
     * starts without a wait (default). Off: only when the capture starts — fewer dossiers created for
     * visitors who walk away, at the price of a few seconds' wait.
     */
    prepareAhead: z.boolean().default(true),
    /**
     * Seconds a person waits on the processing screen for Assure's result before the kiosk hands them
     * over to the "your check is saved" screen with their reference (the check finishes by itself).
     * "Still checking" shows after a third of it.
     */
    processingHandOverSeconds: z.number().int().min(5).max(600).default(45)
  })
  .refine((journey) => journey.languages.includes(journey.defaultLanguage), {
    message: 'defaultLanguage must be one of languages',
    path: ['defaultLanguage']
  })

/** A text per language: `{ "en": "...", "nb": "..." }`; a language left out keeps the kiosk's own words. */
const PerLanguage = (max: number) => z.partialRecord(z.enum(LANGUAGES), z.string().trim().min(1).max(max)).default({})

/**
 * Who runs the kiosk, and what it tells visitors on their behalf. Everything has a default: the
 * kiosk's own mark and colours, and a privacy notice that names "the organisation that runs this
 * kiosk" as controller until `name` says who.
 */
export const OperatorConfig = z.strictObject({
  /** The organisation (e.g. "Nordvik Sparebank"): at the top of every screen, and the controller in the privacy notice. */
  name: z.string().trim().min(1).max(80).optional(),
  /** Absolute path of a PNG or JPEG logo (at most 256 KB), shown beside the name. */
  logoFile: z
    .string()
    .min(1)
    .max(1000)
    .refine((path) => isAbsolute(path), 'must be an absolute path')
    .optional(),
  /**
   * The accent for buttons, the oval and highlights, as #rrggbb or #rgb. A colour too dark to stand
   * out on the kiosk's dark background is lightened until it does (3:1, logged), and the text on it is
   * chosen to keep 4.5:1.
   */
  accentColor: z
    .string()
    .regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/, 'must be a colour as #rrggbb or #rgb')
    .default('#ffd23f'),
  privacyNotice: z
    .strictObject({
      /**
       * The whole notice per language, replacing the kiosk's default for that language; paragraphs
       * separated by an empty line (at most 8, each at most 1200 characters).
       */
      text: z
        .partialRecord(
          z.enum(LANGUAGES),
          z
            .string()
            .trim()
            .min(1)
            .max(6000)
            .refine((text) => paragraphsOf(text).length <= 8, 'at most 8 paragraphs')
            .refine((text) => paragraphsOf(text).every((paragraph) => paragraph.length <= 1200), {
              message: 'a paragraph longer than 1200 characters'
            })
        )
        .default({}),
      /** Where the full notice is: an https address, shown as text and as a QR code. */
      moreInfoUrl: z
        .url({ protocol: /^https$/ })
        .max(300)
        .optional()
    })
    .prefault({}),
  /** The next step per end screen and language, e.g. `{ "accepted": { "en": "Please return to counter 3" } }`. */
  nextSteps: z.partialRecord(NextStepOutcome, PerLanguage(300)).default({})
})
export type OperatorConfig = z.infer<typeof OperatorConfig>

/** A configured privacy notice's paragraphs: split at empty lines. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
}

export const FacetecConfig = z.strictObject({
  /** The operator's FaceTec Browser SDK folder (absolute). Required in live mode; ignored in demo mode. */
  sdkFolder: z
    .string()
    .min(1)
    .max(1000)
    .refine((path) => isAbsolute(path), 'must be an absolute path')
    .superRefine((path, context) => {
      const problem = isAbsolute(path) ? tooBroadFolder(path) : null
      if (problem) context.addIssue({ code: 'custom', message: problem })
    })
    .optional(),
  /** The real SDK's glue code most likely needs eval (README "FaceTec SDK"). */
  allowUnsafeEval: z.boolean().default(true),
  /**
   * FaceTec servers the SDK itself talks to (live mode's CSP allows exactly these): FaceTec's own for
   * development-mode initialization by default; an on-premise FaceTec server instead, or as well.
   */
  serverOrigins: z
    .array(
      z
        .string()
        .max(300)
        .refine(isHttpsOrigin, 'must be an https origin such as https://facetec.example.com (no path, no wildcard)')
    )
    .max(10)
    .default([FACETEC_SERVER_ORIGIN])
})

export const StaffConfig = z.strictObject({
  /** scrypt hash of the staff PIN (`npm run hash-pin`). Absent: staff mode cannot be unlocked. */
  pinHash: z
    .string()
    .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'must be a hash made by `npm run hash-pin`')
    .superRefine((hash, context) => {
      // Its scrypt parameters too: absurd ones would make every PIN check stall the kiosk or exhaust memory.
      try {
        parsePinHash(hash)
      } catch (error) {
        if (error instanceof PinFormatError) context.addIssue({ code: 'custom', message: error.message })
        else throw error
      }
    })
    .optional(),
  /** Staff mode locks itself after this many minutes without use. */
  sessionMinutes: z.number().int().min(1).max(240).default(10),
  /**
   * A short chime each time the kiosk sends a visitor to staff (the retry limit, a ticket problem, a
   * queued check), for a desk within earshot. Off by default: a kiosk in a quiet banking hall may not want it.
   */
  chimeOnSentToStaff: z.boolean().default(false)
})

export const WindowConfig = z.strictObject({
  /** Kiosk mode (fullscreen, no window chrome). Default: on in installed builds, off when run from source. */
  kiosk: z.boolean().optional(),
  width: z.number().int().min(320).max(7680).default(1080),
  height: z.number().int().min(320).max(7680).default(1920)
})

export const KioskConfig = z.strictObject({
  /** Shown to staff and in the audit log; identifies the kiosk in a fleet. */
  kioskId: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only')
    .default('kiosk-1'),
  /** The branch or store the kiosk stands in: a resource attribute of its telemetry (`kiosk.site`). */
  site: SiteName.optional(),
  /**
   * `demo`: embedded Assure sandbox + simulated FaceTec SDK. `live`: the real Assure API and the
   * operator's FaceTec SDK folder. `auto`: live when Assure credentials are configured, else demo.
   */
  mode: z.enum(['auto', 'demo', 'live']).default('auto'),
  assure: AssureConfig.prefault({}),
  verification: VerificationConfig.prefault({}),
  journey: JourneyConfig.prefault({}),
  operator: OperatorConfig.prefault({}),
  facetec: FacetecConfig.prefault({}),
  staff: StaffConfig.prefault({}),
  window: WindowConfig.prefault({}),
  security: SecurityConfig.prefault({}),
  /** OpenTelemetry to the operator's collector (README "Monitoring a fleet"); off without an endpoint. */
  telemetry: TelemetryConfig.prefault({})
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
  const lines = parsed.error.issues.flatMap((issue) => {
    const where = issue.path.join('.') || '(root)'
    if (issue.code !== 'unrecognized_keys') return [`  ${where}: ${issue.message}`]
    // One line per unknown key, with the nearest key the file may hold there: most are typos.
    const known = knownKeysAt(issue.path)
    return issue.keys.map((key) => `  ${where}: ${unknownKeyMessage(key, known)}`)
  })
  throw new ConfigError(`${source} is invalid:\n${lines.join('\n')}`)
}

/** The keys the schema allows at `path` (a section of the file). */
function knownKeysAt(path: ReadonlyArray<PropertyKey>): string[] {
  let schema: z.core.$ZodType = KioskConfig
  for (const key of [...path, null]) {
    // Step through the wrappers (defaults, optionals) to the object inside.
    for (;;) {
      const def = schema._zod.def as { innerType?: z.core.$ZodType }
      if (!def.innerType) break
      schema = def.innerType
    }
    if (!(schema instanceof z.ZodObject)) return []
    if (key === null) return Object.keys(schema.shape)
    const inner = (schema.shape as Record<string, z.core.$ZodType | undefined>)[String(key)]
    if (!inner) return []
    schema = inner
  }
  return []
}

function unknownKeyMessage(key: string, known: string[]): string {
  if (/secret|password|^pin$/i.test(key))
    return `unknown key "${key}": secrets and PINs never go in this file (ASSURE_CLIENT_SECRET; \`npm run -s hash-pin\` for staff.pinHash)`
  const nearest = nearestKey(key, known)
  return nearest ? `unknown key "${key}" (did you mean "${nearest}"?)` : `unknown key "${key}"`
}

/** The known key closest to a typo: the same letters in another case, a prefix, or a few edits away. */
export function nearestKey(typed: string, known: readonly string[]): string | null {
  const wanted = typed.toLowerCase()
  let best: { key: string; distance: number } | null = null
  for (const key of known) {
    const candidate = key.toLowerCase()
    const distance = candidate.startsWith(wanted) || wanted.startsWith(candidate) ? 1 : editDistance(wanted, candidate)
    if (!best || distance < best.distance) best = { key, distance }
  }
  if (!best) return null
  return best.distance <= Math.max(1, Math.floor(typed.length / 3)) ? best.key : null
}

/** Levenshtein distance counting a swapped pair of neighbouring letters as one edit. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  )
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        distance = Math.min(distance, at(i - 2, j - 2) + 1)
      const row = rows[i]
      if (row) row[j] = distance
    }
  }
  return at(a.length, b.length)
}

/** JSON.parse's complaint, pointed at a line and column (V8 gives a character offset, or nothing). */
function jsonSyntaxMessage(error: Error, text: string): string {
  const message = error.message.replace(/\s*\(line \d+ column \d+\)\s*$/, '')
  const offset = /at position (\d+)/.exec(message)?.[1]
  const position = offset !== undefined ? Number(offset) : /end of JSON input/.test(message) ? text.length : null
  if (position === null) return message
  const before = text.slice(0, position).split('\n')
  const column = (before.at(-1) ?? '').length + 1
  return `line ${before.length}, column ${column}: ${message.replace(/ in JSON at position \d+/, '')}`
}

/**
 * Reads and validates a config file. A file that does not exist means every field at its default,
 * unless `missing` is 'error' (a path someone configured must exist).
 */
export async function loadConfigFile(
  path: string | null,
  missing: 'defaults' | 'error' = 'defaults'
): Promise<KioskConfig> {
  if (!path) return parseConfig({})
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' && missing === 'defaults') return parseConfig({})
    if (code === 'ENOENT') throw new ConfigError(`${path} does not exist`)
    throw new ConfigError(`${path} cannot be read: ${(error as Error).message}`)
  }
  // Windows Notepad saves UTF-8 with a byte-order mark, which JSON.parse refuses as an invisible character.
  if (text.startsWith('\uFEFF')) text = text.slice(1)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new ConfigError(`${path} is not valid JSON: ${jsonSyntaxMessage(error as Error, text)}`)
  }
  return parseConfig(json, path)
}

/** The configuration and the file it came from (null: no file, every field at its default). */
export interface LoadedConfig {
  config: KioskConfig
  file: string | null
}

/**
 * The kiosk's config: the file `ASSURE_KIOSK_CONFIG` names, which must exist (a typo in that path
 * must not quietly start a demo kiosk), or else `config.json` in the app's data folder if there is one.
 */
export async function loadKioskConfig(options: {
  configured?: string | undefined
  defaultPath: string
}): Promise<LoadedConfig> {
  const { configured, defaultPath } = options
  if (configured !== undefined) {
    if (!configured.trim()) throw new ConfigError('ASSURE_KIOSK_CONFIG is set but empty: name the config file')
    if (!existsSync(configured)) throw new ConfigError(`ASSURE_KIOSK_CONFIG names ${configured}, which does not exist`)
    return { config: await loadConfigFile(configured, 'error'), file: configured }
  }
  if (!existsSync(defaultPath)) return { config: parseConfig({}), file: null }
  return { config: await loadConfigFile(defaultPath, 'error'), file: defaultPath }
}

/** Where the configuration came from, for the log and for staff. */
export const describeConfigSource = (file: string | null): string => file ?? 'no file: demo defaults'

/**
 * `auto` is live when there is a client id (config or `ASSURE_CLIENT_ID`) and a client secret
 * (`ASSURE_CLIENT_SECRET`, or one stored earlier in the OS key store), and demo when there is neither.
 * A client id without a secret is a half-configured live kiosk, never demo: demo's sandbox answers
 * "accepted" to anyone, which a kiosk meant to be live must not do. It is a configuration error.
 */
export function resolveMode(
  config: KioskConfig,
  env: KioskEnvironment,
  options: { storedSecret?: boolean } = {}
): AppMode {
  if (config.mode !== 'auto') return config.mode
  const clientId = config.assure.clientId ?? env.ASSURE_CLIENT_ID
  const secret = Boolean(env.ASSURE_CLIENT_SECRET) || options.storedSecret === true
  if (clientId && !secret)
    throw new ConfigError(
      'mode is "auto" and an Assure client id is configured, but no client secret is: set ASSURE_CLIENT_SECRET ' +
        '(it is stored in the OS key store at the first start), or set "mode": "live" and enter the secret in staff ' +
        'mode, or remove the client id for demo mode.'
    )
  return clientId ? 'live' : 'demo'
}
