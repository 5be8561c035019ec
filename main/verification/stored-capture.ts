/**
 * The person's liveness capture as the job keeps it until Assure has it: exactly what Start
 * verification sends (FaceTec's enrollment), as JSON, encrypted in the capture store. Read back through
 * a schema, so a capture that decrypts but is not one fails its job as unreadable, not with a crash.
 */
import { z } from 'zod'
import type { CaptureInput } from '../../preload/api'
import type { FacetecEnrollment } from '../assure/client'

export const StoredCapture = z.strictObject({
  faceScan: z.string().min(1),
  auditTrailImage: z.string().min(1),
  lowQualityAuditTrailImage: z.string().min(1),
  userAgent: z.string().min(1)
}) satisfies z.ZodType<FacetecEnrollment>

/** A capture that decrypted, but is not a stored capture. */
export class CaptureUnreadable extends Error {
  override readonly name = 'CaptureUnreadable'
}

export function encodeCapture(input: CaptureInput): Buffer {
  const { faceScan, auditTrailImage, lowQualityAuditTrailImage, userAgent } = input
  return Buffer.from(JSON.stringify({ faceScan, auditTrailImage, lowQualityAuditTrailImage, userAgent }))
}

export function decodeCapture(plain: Buffer): FacetecEnrollment {
  let json: unknown
  try {
    json = JSON.parse(plain.toString('utf8'))
  } catch {
    throw new CaptureUnreadable('the capture is not JSON')
  }
  const parsed = StoredCapture.safeParse(json)
  if (!parsed.success) throw new CaptureUnreadable(`the capture is not one (${parsed.error.issues[0]?.message ?? ''})`)
  return parsed.data
}
