/**
 * The sandbox's data: clients, tokens, dossiers and FaceTec processes, with Assure's rules as far as
 * they are known (see ../shared/reference/assure-api.md) and documented choices where they are not.
 * Time comes from `now()`, and processing finishes lazily on read, so nothing runs in the background.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto'
import { z } from 'zod'

export const Outcome = z.enum(['accepted', 'rejected', 'inconclusive'])
export type Outcome = z.infer<typeof Outcome>

export interface SandboxSettings {
  clientId: string
  clientSecret: string
  /** `expires_in` of new tokens. Signicat's default is 600 s. */
  tokenLifetimeSeconds: number
  /** How long a started process stays `processing` before its outcome is final. */
  processingDelayMs: number
  /**
   * Requests per second above which the API answers 429; null = unlimited. One budget shared by all
   * endpoints (the token endpoint included), not one per endpoint: Assure's real limits are unknown,
   * and a global one is the stricter case for a client to survive.
   */
  rateLimitPerSecond: number | null
  /** The outcome of a process nobody chose one for (see README, "Assure sandbox"). */
  defaultOutcome: Outcome
  /** Get image answers raw bytes, or JSON `{ "<type>": "data:..." }` (the real media type is unconfirmed). */
  imageResponse: 'raw' | 'json'
  /** Every API request waits this long before it is handled: a network far away, for benchmarks. */
  latencyMs: number
  /**
   * Dossiers kept; creating one more forgets the oldest. Real Assure's retention is a period, not a
   * count (unknown here); a count keeps a demo kiosk that runs for weeks at a steady memory.
   */
  maxDossiers: number
}

export const DEFAULT_SETTINGS: SandboxSettings = {
  clientId: 'sandbox-demo-kiosk',
  clientSecret: 'sandbox-demo-secret',
  tokenLifetimeSeconds: 600,
  processingDelayMs: 1_500,
  rateLimitPerSecond: null,
  defaultOutcome: 'accepted',
  imageResponse: 'raw',
  latencyMs: 0,
  maxDossiers: 50
}

export interface StoredImage {
  mimeType: 'image/jpeg' | 'image/png'
  bytes: Uint8Array
}

export interface SandboxProcess {
  processId: string
  dossierId: string
  provider: 'facetec'
  createdAt: number
  updatedAt: number
  authorization: string
  images: Partial<Record<'front' | 'back' | 'selfie', StoredImage>>
  enrollment: {
    faceScan: string
    auditTrailImage: Uint8Array
    lowQualityAuditTrailImage: Uint8Array
    userAgent: string
  } | null
  startedAt: number | null
  outcome: Outcome | null
}

export interface SandboxDossier {
  dossierId: string
  externalReference?: string
  createdAt: number
  updatedAt: number
  processes: Map<string, SandboxProcess>
}

/** `YYYY-MM-DDThh:mm:ssZ`, as Assure writes timestamps (no fractional seconds). */
export function assureTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** One RSA key per sandbox: FaceTec's public FaceScan encryption key is a real PEM. */
let sharedPublicKey: string | null = null
function facetecPublicKey(): string {
  sharedPublicKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString()
  return sharedPublicKey
}

const DEVICE_KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export function createSandboxState(settings: SandboxSettings, now: () => number) {
  const tokens = new Map<string, number>()
  const dossiers = new Map<string, SandboxDossier>()
  const outcomeQueue: Outcome[] = []
  const outcomeByProcess = new Map<string, Outcome>()
  const deviceKeyIdentifier = Array.from(
    randomBytes(32),
    (byte) => DEVICE_KEY_ALPHABET[byte % DEVICE_KEY_ALPHABET.length]
  ).join('')

  const statusOf = (process: SandboxProcess): string => {
    if (process.startedAt === null || process.outcome === null) return 'pending'
    return now() - process.startedAt < settings.processingDelayMs ? 'processing' : process.outcome
  }

  return {
    settings,
    deviceKeyIdentifier,

    issueToken(): { access_token: string; expires_in: number; token_type: 'Bearer'; scope: string } {
      const token = randomBytes(32).toString('base64url')
      for (const [known, expiresAt] of tokens) if (expiresAt <= now()) tokens.delete(known)
      tokens.set(token, now() + settings.tokenLifetimeSeconds * 1000)
      return {
        access_token: token,
        expires_in: settings.tokenLifetimeSeconds,
        token_type: 'Bearer',
        scope: 'signicat-api'
      }
    },
    tokenIsValid(token: string): boolean {
      const expiresAt = tokens.get(token)
      return expiresAt !== undefined && now() < expiresAt
    },
    expireAllTokens(): void {
      tokens.clear()
    },

    createDossier(externalReference?: string): SandboxDossier {
      const at = now()
      const dossier: SandboxDossier = {
        dossierId: randomUUID(),
        createdAt: at,
        updatedAt: at,
        processes: new Map(),
        ...(externalReference ? { externalReference } : {})
      }
      dossiers.set(dossier.dossierId, dossier)
      // A Map iterates in insertion order: the first keys are the oldest dossiers.
      for (const oldest of dossiers.keys()) {
        if (dossiers.size <= settings.maxDossiers) break
        for (const processId of dossiers.get(oldest)?.processes.keys() ?? []) outcomeByProcess.delete(processId)
        dossiers.delete(oldest)
      }
      return dossier
    },
    dossier: (dossierId: string): SandboxDossier | undefined => dossiers.get(dossierId),
    dossiers: (): SandboxDossier[] => [...dossiers.values()],
    deleteDossier: (dossierId: string): boolean => dossiers.delete(dossierId),

    createProcess(dossier: SandboxDossier): SandboxProcess {
      const at = now()
      const process: SandboxProcess = {
        processId: randomUUID(),
        dossierId: dossier.dossierId,
        provider: 'facetec',
        createdAt: at,
        updatedAt: at,
        authorization: randomBytes(48).toString('base64url'),
        images: {},
        enrollment: null,
        startedAt: null,
        outcome: null
      }
      dossier.processes.set(process.processId, process)
      dossier.updatedAt = at
      return process
    },

    statusOf,
    isFinal: (process: SandboxProcess): boolean => !['pending', 'processing'].includes(statusOf(process)),

    start(process: SandboxProcess, enrollment: NonNullable<SandboxProcess['enrollment']>): void {
      process.enrollment = enrollment
      process.startedAt = now()
      process.updatedAt = now()
      process.outcome = outcomeByProcess.get(process.processId) ?? outcomeQueue.shift() ?? settings.defaultOutcome
    },

    /** The process as Assure's Get process would show it. */
    view(process: SandboxProcess, options: { withKeys: boolean }): Record<string, unknown> {
      const status = statusOf(process)
      const final = !['pending', 'processing'].includes(status)
      const finishedAt =
        final && process.startedAt !== null ? process.startedAt + settings.processingDelayMs : process.updatedAt
      return {
        processId: process.processId,
        provider: process.provider,
        status,
        createdAt: assureTimestamp(process.createdAt),
        updatedAt: assureTimestamp(Math.max(process.updatedAt, finishedAt)),
        ...(options.withKeys
          ? {
              authorization: process.authorization,
              facetecEncryptionPublicKey: facetecPublicKey(),
              facetecDeviceKeyIdentifier: deviceKeyIdentifier,
              facetecProductionKeyText: JSON.stringify({
                domains: 'localhost,127.0.0.1,app',
                expiryDate: '2099-12-31',
                key: 'sandbox-production-key'
              })
            }
          : {}),
        ...(final && process.outcome
          ? {
              providerSpecific: {
                matching: {
                  matchLevel: process.outcome === 'accepted' ? '6' : process.outcome === 'inconclusive' ? '3' : '0',
                  success: process.outcome === 'accepted' ? 'true' : 'false',
                  error: ''
                },
                liveness: { success: process.outcome === 'rejected' ? 'false' : 'true' }
              }
            }
          : {})
      }
    },

    setOutcomeFor(processId: string, outcome: Outcome): void {
      outcomeByProcess.set(processId, outcome)
    },
    queueOutcomes(outcomes: Outcome[]): void {
      outcomeQueue.push(...outcomes)
    },
    clearOutcomes(): void {
      outcomeQueue.length = 0
      outcomeByProcess.clear()
    },

    clearData(): void {
      dossiers.clear()
      tokens.clear()
    }
  }
}

export type SandboxState = ReturnType<typeof createSandboxState>
