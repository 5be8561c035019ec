/**
 * One error type for everything that can go wrong talking to Assure, classified so the job engine
 * can act without parsing messages:
 *   network    - no usable answer (refused, reset, timeout); retryable
 *   server     - 5xx; retryable
 *   rate-limit - 429, with the server's Retry-After; retryable
 *   auth       - the token call was refused, or Assure still says 401 after a fresh token:
 *                credentials or configuration are wrong; not retryable until staff fix them
 *   client     - other 4xx: the request itself is wrong; not retryable
 *   not-found  - 404: the dossier/process does not exist (any more)
 *   malformed  - an answer that does not match the expected schema
 * Messages never contain credentials, tokens, or request bodies.
 */
import { z } from 'zod'

export type AssureErrorKind = 'network' | 'server' | 'rate-limit' | 'auth' | 'client' | 'not-found' | 'malformed'

/** Signicat's error body (RFC 7807-like); every field optional because Assure's exact set is unknown. */
export const SignicatProblem = z
  .object({
    status: z.number().int().optional(),
    type: z.string().max(500).optional(),
    title: z.string().max(2000).optional(),
    detail: z.string().max(4000).optional(),
    traceId: z.string().max(200).optional(),
    instance: z.string().max(1000).optional(),
    method: z.string().max(20).optional(),
    code: z.string().max(200).optional(),
    /** OAuth2 token endpoint errors use these two instead. */
    error: z.string().max(200).optional(),
    error_description: z.string().max(2000).optional()
  })
  .loose()
export type SignicatProblem = z.infer<typeof SignicatProblem>

export interface AssureErrorDetails {
  kind: AssureErrorKind
  /** Which client operation failed, e.g. 'createDossier'. */
  operation: string
  /** HTTP status, when an answer arrived. */
  status?: number
  /** Signicat's error body, when the answer carried one. */
  problem?: SignicatProblem
  /** For 429 (and 503 with the header): how long the server asked us to wait. */
  retryAfterMs?: number
  /** undici/Node error code for network failures, e.g. 'UND_ERR_HEADERS_TIMEOUT', 'ECONNRESET'. */
  code?: string
  /**
   * True when the request may have been processed although no good answer arrived (a timeout or
   * reset after the request was sent, a 5xx, a malformed answer). A POST that failed ambiguously must
   * not be sent again before reading the state it would have changed.
   */
  ambiguous: boolean
  cause?: unknown
}

export class AssureError extends Error {
  override readonly name = 'AssureError'
  readonly kind: AssureErrorKind
  readonly operation: string
  readonly status: number | undefined
  readonly problem: SignicatProblem | undefined
  readonly retryAfterMs: number | undefined
  readonly code: string | undefined
  readonly ambiguous: boolean

  constructor(details: AssureErrorDetails) {
    super(describe(details), { cause: details.cause })
    this.kind = details.kind
    this.operation = details.operation
    this.status = details.status
    this.problem = details.problem
    this.retryAfterMs = details.retryAfterMs
    this.code = details.code
    this.ambiguous = details.ambiguous
  }

  /** Worth trying again later without anyone changing anything. */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'server' || this.kind === 'rate-limit'
  }

  /** Signicat's trace id, for a support ticket. */
  get traceId(): string | undefined {
    return this.problem?.traceId
  }
}

function describe(details: AssureErrorDetails): string {
  const parts = [`Assure ${details.operation} failed (${details.kind}`]
  if (details.status !== undefined) parts.push(` ${details.status}`)
  if (details.code) parts.push(` ${details.code}`)
  parts.push(')')
  const title = details.problem?.title ?? details.problem?.error
  if (title) parts.push(`: ${title}`)
  const detail = details.problem?.detail ?? details.problem?.error_description
  if (detail) parts.push(` - ${detail}`)
  if (details.problem?.traceId) parts.push(` [traceId ${details.problem.traceId}]`)
  return parts.join('')
}

/** Classifies an HTTP status that is not a success. */
export function kindOfStatus(status: number): AssureErrorKind {
  if (status === 401 || status === 403) return 'auth'
  if (status === 404) return 'not-found'
  if (status === 429) return 'rate-limit'
  if (status >= 500) return 'server'
  return 'client'
}

/**
 * The longest Retry-After the kiosk honours. A hostile or broken server's `Retry-After: 99999999` would
 * otherwise pause every request to Assure for years (and a timer that long is a 1 ms busy loop in Node);
 * past this the kiosk asks again and, if refused, waits again.
 */
export const MAX_RETRY_AFTER_MS = 5 * 60_000

/** Retry-After as milliseconds (at most MAX_RETRY_AFTER_MS): delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value
  if (!raw) return undefined
  const trimmed = raw.trim()
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS)
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.min(Math.max(0, date - now), MAX_RETRY_AFTER_MS)
}
