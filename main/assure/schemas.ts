/**
 * What Assure's answers must look like before the client hands them on. Unknown extra fields are
 * tolerated (Assure may add fields); missing or mistyped required ones make the answer `malformed`.
 * Field names and tags are from ../shared/reference/assure-api.md.
 */
import { z } from 'zod'

const Id = z.string().min(1).max(200)
/** Assure writes `YYYY-MM-DDThh:mm:ssZ`; accept any ISO-8601 date-time to be lenient about fractions. */
const Timestamp = z.iso.datetime({ offset: true })

export const TokenResponse = z
  .object({
    access_token: z.string().min(1).max(20_000),
    expires_in: z.coerce
      .number()
      .int()
      .positive()
      .max(86_400 * 7),
    token_type: z.string().regex(/^bearer$/i),
    scope: z.string().optional()
  })
  .loose()
export type TokenResponse = z.infer<typeof TokenResponse>

export const Dossier = z
  .object({
    dossierId: Id,
    createdAt: Timestamp.optional(),
    updatedAt: Timestamp.optional()
  })
  .loose()
export type Dossier = z.infer<typeof Dossier>

/** List dossiers answers a bare array [T]; paging and filters are unknown. */
export const DossierList = z.array(Dossier)

/**
 * "pending and processing are not final" is the one rule Signicat states; every other status
 * (accepted, rejected, inconclusive, and the canceled/failed seen in third-party code) is final.
 * Statuses are kept as plain strings, since Assure may answer ones not listed here.
 */
export const NON_FINAL_STATUSES = ['pending', 'processing'] as const

export function isFinalStatus(status: string): boolean {
  return !(NON_FINAL_STATUSES as readonly string[]).includes(status)
}

export const Process = z
  .object({
    processId: Id,
    provider: z.string().max(100).optional(),
    status: z.string().min(1).max(100),
    processType: z.string().max(100).optional(),
    createdAt: Timestamp.optional(),
    updatedAt: Timestamp.optional(),
    providerSpecific: z.record(z.string(), z.unknown()).optional(),
    finalResult: z.record(z.string(), z.unknown()).nullable().optional(),
    failReason: z.string().max(4000).nullable().optional()
  })
  .loose()
export type Process = z.infer<typeof Process>

/** Create process answer for provider `facetec`: the SDK's keys and the session token. */
export const FacetecProcess = Process.extend({
  authorization: z.string().min(1).max(20_000),
  facetecEncryptionPublicKey: z.string().min(1).max(20_000),
  facetecDeviceKeyIdentifier: z.string().min(1).max(200),
  /** Format unknown (FaceTec key text or JSON); may be absent for development-mode keys. */
  facetecProductionKeyText: z.string().max(20_000).nullable().optional()
})
export type FacetecProcess = z.infer<typeof FacetecProcess>

/** Start verification answers at least the process id and status; neither is guaranteed, so both optional. */
export const StartVerificationResponse = z
  .object({
    processId: Id.optional(),
    status: z.string().max(100).optional(),
    /** If Assure ever returns FaceTec's scan result blob, the SDK can show its own success screen. */
    scanResultBlob: z.string().max(200_000).optional()
  })
  .loose()
export type StartVerificationResponse = z.infer<typeof StartVerificationResponse>

/** Set images: status and body unknown; accept an empty body or any JSON object. */
export const SetImagesResponse = z.union([z.object({}).loose(), z.null()])

export const IMAGE_TYPES = ['portrait', 'front', 'back', 'selfie'] as const
export type ImageType = (typeof IMAGE_TYPES)[number]

export const SETTABLE_IMAGE_TYPES = ['front', 'back', 'selfie'] as const
export type SettableImageType = (typeof SETTABLE_IMAGE_TYPES)[number]
