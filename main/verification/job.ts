/**
 * A verification job: one person's check, from dossier to clean-up, as a persisted record with
 * explicit steps. A step names what has durably happened; `inFlight` names the call that may be under
 * way (written before the call, cleared after), so a restart knows exactly where to pick up.
 */
import { z } from 'zod'
import { FailureReason, type JobPhase, type JobResult, type JobView } from '../../preload/api'

export const STEPS = [
  'created',
  'dossier',
  'process',
  'selfie',
  'captured',
  'started',
  'final',
  'archived',
  'cleaned'
] as const
export const Step = z.enum(STEPS)
export type Step = z.infer<typeof Step>

export const Operation = z.enum([
  'createDossier',
  'createProcess',
  'setSelfie',
  'startVerification',
  'poll',
  'archive',
  'deleteDossier',
  'deleteProcess'
])
export type Operation = z.infer<typeof Operation>

export const JobReference = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('linked-process'),
    dossierId: z.string(),
    processId: z.string(),
    imageType: z.enum(['portrait', 'front', 'selfie']),
    /** Create the FaceTec process in the linked dossier (true; the kiosk never deletes it) or in a new one of the job's own. */
    sameDossier: z.boolean()
  }),
  /** A photo held in memory only (staff file, demo photo): a job that restarts before using it is cancelled. */
  z.strictObject({ kind: z.literal('image'), sha256: z.string(), source: z.enum(['staff-file', 'demo']) })
])
export type JobReference = z.infer<typeof JobReference>

/** Records written before the reason was renamed say `configuration` for `misconfigured`: read them as such. */
const StoredFailureReason = z.preprocess(
  (reason) => (reason === 'configuration' ? 'misconfigured' : reason),
  FailureReason
)

export const JobRecord = z.strictObject({
  schemaVersion: z.literal(1),
  jobId: z.uuid(),
  kioskId: z.string(),
  /** The visit's short reference (staff find the job by it). Optional: older records stay readable. */
  visitReference: z.string().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
  step: Step,
  /** When each step was reached (epoch ms). */
  stepAt: z.partialRecord(Step, z.number()),
  inFlight: z.strictObject({ operation: Operation, since: z.number() }).nullable(),
  reference: JobReference,
  /** The dossier was created for this job, so clean-up deletes it (never someone else's dossier). */
  ownDossier: z.boolean(),
  dossierId: z.string().nullable(),
  processId: z.string().nullable(),
  /** The encrypted capture file, until the job no longer needs it. */
  capture: z.strictObject({ blob: z.string(), bytes: z.number() }).nullable(),
  /** Assure's final status; for `failed`, its failReason in one line (for staff; optional, added later). */
  result: z.strictObject({ status: z.string(), at: z.number(), failReason: z.string().max(500).optional() }).nullable(),
  archive: z.strictObject({ file: z.string(), bytes: z.number(), sha256: z.string() }).nullable(),
  /** How the job ended; null while it is still going. */
  ended: z
    .strictObject({
      kind: z.enum(['completed', 'failed', 'cancelled']),
      at: z.number(),
      reason: StoredFailureReason.optional(),
      /** For staff: what went wrong, without personal data. */
      detail: z.string().max(2000).optional(),
      /** Staff may retry a failed job (e.g. after fixing credentials). */
      retryable: z.boolean().optional()
    })
    .nullable(),
  /**
   * Waiting in the outbox after a network-level failure. `limited`: how many of the attempts count
   * against the bounded budget of malformed answers and refused polls (optional: added later).
   */
  outbox: z
    .strictObject({
      attempts: z.number().int(),
      nextAt: z.number(),
      lastError: z.string().max(500),
      limited: z.number().int().optional()
    })
    .nullable(),
  /** Time spent polling while not offline, against the result deadline (saved as it grows, so a restart keeps it). */
  pollingMs: z.number(),
  /**
   * A Create dossier call lost its answer (a kill, a timeout), so a dossier may exist at Assure whose
   * id the job never learned. Clean-up looks for it by its externalReference (the job id). Optional:
   * records written before this field existed stay readable.
   */
  strayDossier: z.boolean().optional(),
  /**
   * When the last Create dossier that may have taken effect unseen was sent: Assure may process it
   * later still, so clean-up keeps looking for a while after it. Optional: added later.
   */
  strayDossierSince: z.number().optional(),
  /**
   * Steps after the final result that failed for good (archiving it, deleting the dossier): noted
   * beside the result, which the job keeps. Optional: added later.
   */
  resultNotes: z
    .array(
      z.strictObject({ operation: z.enum(['archive', 'deleteDossier']), at: z.number(), detail: z.string().max(500) })
    )
    .max(4)
    .optional(),
  /**
   * Download full result answered 204 (not ready yet) since `since`, `attempts` times: the job asks
   * again on its own schedule until the engine's limit. Optional: older records stay readable.
   */
  fullResultWait: z.strictObject({ since: z.number(), attempts: z.number().int() }).nullable().optional()
})
export type JobRecord = z.infer<typeof JobRecord>

/** A step after the result the job has given up on (and noted). */
export function noted(job: JobRecord, operation: 'archive' | 'deleteDossier'): boolean {
  return job.resultNotes?.some((note) => note.operation === operation) ?? false
}

export function stepIndex(step: Step): number {
  return STEPS.indexOf(step)
}

export function reached(job: JobRecord, step: Step): boolean {
  return stepIndex(job.step) >= stepIndex(step)
}

/**
 * Prepared, still waiting for the person's capture. Such a job is worthless once the person is gone
 * (a restart, the time limit); every other unfinished job must finish. The capture file itself is
 * deleted once the result is in, so the step tells too.
 */
export function isAwaitingCapture(job: JobRecord): boolean {
  return !job.ended && !job.capture && !reached(job, 'captured')
}

export function newJob(input: {
  jobId: string
  kioskId: string
  visitReference: string
  reference: JobReference
  ownDossier: boolean
  dossierId: string | null
  now: number
}): JobRecord {
  return {
    schemaVersion: 1,
    jobId: input.jobId,
    kioskId: input.kioskId,
    visitReference: input.visitReference,
    createdAt: input.now,
    updatedAt: input.now,
    step: 'created',
    stepAt: { created: input.now },
    inFlight: null,
    reference: input.reference,
    ownDossier: input.ownDossier,
    dossierId: input.dossierId,
    processId: null,
    capture: null,
    result: null,
    archive: null,
    ended: null,
    outbox: null,
    pollingMs: 0
  }
}

function resultOf(status: string | undefined): JobResult | null {
  if (status === undefined) return null
  switch (status) {
    case 'accepted':
    case 'rejected':
    case 'inconclusive':
    case 'failed':
    case 'canceled':
      return status
    default:
      return 'other'
  }
}

export function phaseOf(job: JobRecord): JobPhase {
  if (job.ended) return job.ended.kind
  if (reached(job, 'final')) return 'completed'
  if (job.outbox && job.capture) return 'queued'
  if (reached(job, 'started')) return job.outbox ? 'queued' : 'processing'
  if (job.capture) return 'submitted'
  if (reached(job, 'process')) return 'ready'
  return 'preparing'
}

/** What the renderer may see of a job: no ids other than its own, no personal data. */
export function viewOf(job: JobRecord): JobView {
  return {
    jobId: job.jobId,
    visitReference: job.visitReference ?? null,
    phase: phaseOf(job),
    result: resultOf(job.result?.status),
    failure:
      job.ended?.kind === 'failed' && job.ended.reason
        ? { reason: job.ended.reason, retryable: job.ended.retryable ?? false }
        : null,
    attempts: job.outbox?.attempts ?? 0,
    createdAt: new Date(job.createdAt).toISOString(),
    updatedAt: new Date(job.updatedAt).toISOString()
  }
}
