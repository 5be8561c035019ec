/**
 * The sandbox's data: clients, tokens, dossiers and processes (FaceTec, and ID-document processes of
 * the readid and signicatvideoid providers whose images a provider's SDK would upload), shaped as
 * Signicat's OpenAPI document for Assure describes them, with documented choices (*ours* in the README)
 * where it is silent. Time comes from `now()`, and processing finishes lazily on read, so nothing runs
 * in the background.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { z } from 'zod'

/** Every final status of the document. */
export const Outcome = z.enum(['accepted', 'rejected', 'inconclusive', 'failed', 'canceled'])
export type Outcome = z.infer<typeof Outcome>

/** Providers the sandbox can create processes for: FaceTec, and the two whose processes have a `portrait`. */
export const Provider = z.enum(['facetec', 'readid', 'signicatvideoid'])
export type Provider = z.infer<typeof Provider>
export const ID_DOCUMENT_PROVIDERS: readonly Provider[] = ['readid', 'signicatvideoid']

export type Depiction = 'front' | 'back' | 'selfie' | 'portrait'

/** What a failed FaceTec process says (*ours*: the document's examples come from other providers). */
export const SANDBOX_FAIL_REASON = {
  type: 'provider_error',
  message: 'The provider could not process the enrollment (sandbox outcome "failed").'
} as const

export interface SandboxBehaviour {
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
  /**
   * Download full result answers 204 until this long after the process became final (the document:
   * "the contents of the zip file are not yet available"); how long Assure takes is unknown.
   */
  fullResultDelayMs: number
  /** Every API request waits this long before it is handled: a network far away, for benchmarks. */
  latencyMs: number
  /**
   * Dossiers kept; creating one more forgets the oldest. Real Assure's retention is a period, not a
   * count (unknown here); a count keeps a demo kiosk that runs for weeks at a steady memory.
   */
  maxDossiers: number
}

export const DEFAULT_BEHAVIOUR: SandboxBehaviour = {
  clientId: 'sandbox-demo-kiosk',
  clientSecret: 'sandbox-demo-secret',
  tokenLifetimeSeconds: 600,
  processingDelayMs: 1_500,
  rateLimitPerSecond: null,
  defaultOutcome: 'accepted',
  fullResultDelayMs: 1_000,
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
  provider: Provider
  /** The process type asked for (readid: `sdk`); FaceTec has none. */
  processType?: string
  createdAt: number
  updatedAt: number
  authorization: string
  images: Partial<Record<Depiction, StoredImage>>
  /** What Start verification compared the capture with (FaceTec). */
  imageDepiction: 'selfie' | 'front' | null
  enrollment: {
    faceScan: string
    auditTrailImage: Uint8Array
    lowQualityAuditTrailImage: Uint8Array
    userAgent: string
  } | null
  startedAt: number | null
  outcome: Outcome | null
}

/** Whether a process of this provider has a `portrait` depiction (an image extracted from the ID document). */
export const hasPortrait = (process: SandboxProcess): boolean => ID_DOCUMENT_PROVIDERS.includes(process.provider)

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

/**
 * FaceTec's public FaceScan encryption key is a real RSA PEM. Generated once (2048-bit, its private
 * half discarded: nothing here decrypts) rather than at run time, where generating it took seconds on
 * a busy machine and stalled the first Create process past the client's timeout.
 */
const FACETEC_PUBLIC_KEY = [
  '-----BEGIN PUBLIC KEY-----',
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAply8c3DLtMt4slyjzfae',
  '7RSCfcWIbbbN0g9WpN8LsmKfAQTG9b1MafeIO9t860PzlASfPPuTeg4LJfb0frLZ',
  'ESlqpuXQdEFdavvGcxakhiFrHsgidDoahcMM1hVdUyWlWeiUfgA4sYUUwDlw/CVS',
  'gwj9alTrW8HZ8CUR0xi9DMfdznRrFz4XtCMdaP/e6Lf9e3WOzymThRb5E5TnQGPc',
  '+rj9GyfSABHH9GzojdKurUPEXb2sfs2YtrOeaxsfnadjsEcVj5OTbw30BdMw50Kf',
  'O7w6mnJSMEjRddk8CBv9EzmVFYwknsZoM/ac3bh1+HKirfKXMydYecP164JVa4Zn',
  'wQIDAQAB',
  '-----END PUBLIC KEY-----',
  ''
].join('\n')

const DEVICE_KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export function createSandboxState(behaviour: SandboxBehaviour, now: () => number) {
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
    return now() - process.startedAt < behaviour.processingDelayMs ? 'processing' : process.outcome
  }

  return {
    behaviour,
    deviceKeyIdentifier,

    issueToken(): { access_token: string; expires_in: number; token_type: 'Bearer'; scope: string } {
      const token = randomBytes(32).toString('base64url')
      for (const [known, expiresAt] of tokens) if (expiresAt <= now()) tokens.delete(known)
      tokens.set(token, now() + behaviour.tokenLifetimeSeconds * 1000)
      return {
        access_token: token,
        expires_in: behaviour.tokenLifetimeSeconds,
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
        if (dossiers.size <= behaviour.maxDossiers) break
        for (const processId of dossiers.get(oldest)?.processes.keys() ?? []) outcomeByProcess.delete(processId)
        dossiers.delete(oldest)
      }
      return dossier
    },
    dossier: (dossierId: string): SandboxDossier | undefined => dossiers.get(dossierId),
    dossiers: (): SandboxDossier[] => [...dossiers.values()],
    deleteDossier: (dossierId: string): boolean => dossiers.delete(dossierId),

    createProcess(dossier: SandboxDossier, provider: Provider = 'facetec', processType?: string): SandboxProcess {
      const at = now()
      const process: SandboxProcess = {
        processId: randomUUID(),
        dossierId: dossier.dossierId,
        provider,
        ...(processType ? { processType } : {}),
        createdAt: at,
        updatedAt: at,
        authorization: randomBytes(48).toString('base64url'),
        images: {},
        imageDepiction: null,
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
    /** When a final process became final (its zip is due `fullResultDelayMs` later); null before. */
    finalAt(process: SandboxProcess): number | null {
      const final = !['pending', 'processing'].includes(statusOf(process))
      return final && process.startedAt !== null ? process.startedAt + behaviour.processingDelayMs : null
    },

    start(
      process: SandboxProcess,
      enrollment: SandboxProcess['enrollment'],
      imageDepiction: SandboxProcess['imageDepiction']
    ): void {
      process.enrollment = enrollment
      process.imageDepiction = imageDepiction
      process.startedAt = now()
      process.updatedAt = now()
      process.outcome = outcomeByProcess.get(process.processId) ?? outcomeQueue.shift() ?? behaviour.defaultOutcome
    },

    /** Create process's answer (`ProcessResponse`): FaceTec's SDK keys, or an ID-document provider's session. */
    created(process: SandboxProcess): Record<string, unknown> {
      return {
        processId: process.processId,
        provider: process.provider,
        ...(process.processType ? { processType: process.processType } : {}),
        status: statusOf(process),
        authorization: process.authorization,
        ...(process.provider === 'facetec'
          ? {
              facetecDeviceKeyIdentifier: deviceKeyIdentifier,
              facetecEncryptionPublicKey: FACETEC_PUBLIC_KEY,
              // The document does not say the key's format; the sandbox's is JSON (*ours*).
              facetecMobileSdkProductionKey: JSON.stringify({
                domains: 'localhost,127.0.0.1,app',
                expiryDate: '2099-12-31',
                key: 'sandbox-production-key'
              })
            }
          : { providerApiUrl: 'https://provider.sandbox.invalid/api' }),
        createdAt: assureTimestamp(process.createdAt),
        updatedAt: assureTimestamp(process.updatedAt)
      }
    },

    /** The process as Get process shows it (`Process`: no session token, no SDK keys). */
    view(process: SandboxProcess): Record<string, unknown> {
      const status = statusOf(process)
      const final = !['pending', 'processing'].includes(status)
      const finishedAt =
        final && process.startedAt !== null ? process.startedAt + behaviour.processingDelayMs : process.updatedAt
      return {
        processId: process.processId,
        provider: process.provider,
        ...(process.processType ? { processType: process.processType } : {}),
        status,
        ...(status === 'failed' ? { failReason: SANDBOX_FAIL_REASON } : {}),
        ...(final && process.provider === 'facetec' ? facetecResult(status) : {}),
        createdAt: assureTimestamp(process.createdAt),
        updatedAt: assureTimestamp(Math.max(process.updatedAt, finishedAt))
      }
    },

    /** Get dossier's summary of a process (`SlimProcess`). */
    slim(process: SandboxProcess): Record<string, unknown> {
      return {
        processId: process.processId,
        provider: process.provider,
        ...(process.processType ? { processType: process.processType } : {}),
        status: statusOf(process),
        createdAt: assureTimestamp(process.createdAt),
        updatedAt: assureTimestamp(process.updatedAt)
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

/**
 * FaceTec's `finalResult` and `providerSpecific`, typed as the document's schemas (FacetecLivenessResult,
 * FacetecMatchingResult, FinalResultDetails). Which match level goes with which status is *ours*:
 * FaceTec's levels run 0–8, and the document's examples show 8 accepted, 0 rejected, a low one inconclusive.
 * A failed or canceled process has no result.
 */
function facetecResult(status: string): Record<string, unknown> {
  const levels: Record<string, { matchLevel: number; similarityScore: string; live: boolean }> = {
    accepted: { matchLevel: 8, similarityScore: 'high', live: true },
    inconclusive: { matchLevel: 3, similarityScore: 'low', live: true },
    rejected: { matchLevel: 0, similarityScore: 'veryLow', live: true }
  }
  const level = levels[status]
  if (!level) return {}
  const matched = status === 'accepted'
  const attempt = { algorithm: 'facePortrait', matchLevel: level.matchLevel, imageProcessing: 'faceFound' }
  return {
    finalResult: { livenessDetected: level.live, similarityScore: level.similarityScore },
    providerSpecific: {
      liveness: {
        faceScanSecurityChecks: {
          auditTrailVerificationCheckSucceeded: true,
          replayCheckSucceeded: true,
          faceScanLivenessCheckSucceeded: level.live,
          sessionTokenCheckSucceeded: true
        },
        error: false,
        success: level.live
      },
      matching: {
        attempts: [{ ...attempt, success: matched, error: false }],
        ...attempt,
        success: matched,
        error: false
      }
    }
  }
}
