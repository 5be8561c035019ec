/**
 * What Assure's answers must look like before the client hands them on. Unknown extra fields are
 * tolerated (Assure may add fields); missing or mistyped required ones make the answer `malformed`.
 * Field names and types follow Signicat's OpenAPI document for Assure (a trimmed copy is in
 * test/fixtures/, and test/main/assure/conformance.test.ts parses every one of its examples here).
 */
import { z } from 'zod'

/**
 * Assure's ids are UUIDs; any id of letters, digits, `-` and `_` is accepted. Nothing else: an id goes
 * into the next request's path, where `..` (or a `/`, `?` or `#`) would change which resource is asked for.
 */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,200}$/
const Id = z.string().regex(ID_PATTERN, 'not an Assure id')
/**
 * Assure writes `YYYY-MM-DDThh:mm:ssZ`, but the document types timestamps as plain strings (and two of
 * its own examples hold the word "createdAt"): nothing here depends on their format, so none is required.
 */
const Timestamp = z.string().max(100)

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

/** List dossiers answers a bare array: the last 100 dossiers created and not deleted, no paging. */
export const DossierList = z.array(Dossier)

/**
 * The document's statuses: pending, processing, accepted, rejected, canceled, failed, inconclusive.
 * pending and processing are not final; every other one is. Statuses are kept as plain strings, since
 * Assure may add one, which then counts as final with the result `other`.
 */
export const NON_FINAL_STATUSES = ['pending', 'processing'] as const

export function isFinalStatus(status: string): boolean {
  return !(NON_FINAL_STATUSES as readonly string[]).includes(status)
}

export const FailReason = z
  .object({ type: z.string().max(200).optional(), message: z.string().max(4000).optional() })
  .loose()
export type FailReason = z.infer<typeof FailReason>

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
    /** Present when the status is `failed`: an object, e.g. `{ "type": "upload_failed", "message": "…" }`. */
    failReason: FailReason.nullable().optional()
  })
  .loose()
export type Process = z.infer<typeof Process>

/** A failed process's reason, in one line for staff (technical words from the provider, no personal data). */
export function describeFailReason(reason: FailReason | null | undefined): string | undefined {
  if (!reason) return undefined
  const text = [reason.type, reason.message].filter(Boolean).join(': ')
  return text ? text.slice(0, 500) : undefined
}

/** Create process answer for provider `facetec`: the SDK's keys and the session token. */
export const FacetecProcess = Process.extend({
  authorization: z.string().min(1).max(20_000),
  facetecEncryptionPublicKey: z.string().min(1).max(20_000),
  facetecDeviceKeyIdentifier: z.string().min(1).max(200),
  /** The document's name for the production key. Its format is not documented; may be absent (development mode). */
  facetecMobileSdkProductionKey: z.string().max(20_000).nullable().optional(),
  /** The 2022 guide's name for it, still read when the document's name is absent. */
  facetecProductionKeyText: z.string().max(20_000).nullable().optional()
})
export type FacetecProcess = z.infer<typeof FacetecProcess>

/** The production key text: the document's field, else the older name; null when neither holds one. */
export function productionKeyOf(process: FacetecProcess): string | null {
  for (const key of [process.facetecMobileSdkProductionKey, process.facetecProductionKeyText])
    if (key?.trim()) return key
  return null
}

/**
 * Start verification answers 200 `VerifyResponse { processId, status }` (both optional in the
 * document), or 204 with no body (the document says: readid and webid only). Either is a start.
 */
export const StartVerificationResponse = z
  .union([
    z
      .object({
        processId: Id.optional(),
        status: z.string().max(100).optional(),
        /** If Assure ever returns FaceTec's scan result blob, the SDK can show its own success screen. */
        scanResultBlob: z.string().max(200_000).optional()
      })
      .loose(),
    z.null()
  ])
  .transform((answer) => answer ?? {})
export type StartVerificationResponse = z.output<typeof StartVerificationResponse>

/** Set images answers 201 with no body; any JSON object is tolerated too. */
export const SetImagesResponse = z.union([z.object({}).loose(), z.null()])

/** Get image's `depiction` query parameter. `portrait` only for ID-document providers (readid, signicatvideoid). */
export const DEPICTIONS = ['portrait', 'front', 'back', 'selfie'] as const
export type Depiction = (typeof DEPICTIONS)[number]
export const SETTABLE_DEPICTIONS = ['front', 'back', 'selfie'] as const
export type SettableDepiction = (typeof SETTABLE_DEPICTIONS)[number]

/** Start verification's `imageDepiction`: which image of the FaceTec process the capture is compared with. */
export const COMPARED_DEPICTIONS = ['selfie', 'front'] as const
export type ComparedDepiction = (typeof COMPARED_DEPICTIONS)[number]
