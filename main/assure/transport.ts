/**
 * HTTP to Assure over undici: explicit short timeouts, connection reuse through the injected
 * dispatcher, and retries that respect HTTP semantics:
 * - GET and DELETE are idempotent: retried on network failures, 5xx, 429 and malformed answers, with
 *   capped exponential backoff, full jitter, and the server's Retry-After;
 * - POST is never retried blindly: only when the request certainly did not take effect (the
 *   connection was never made, or a 429 refused it). Every other POST failure is reported as
 *   `ambiguous`, and the caller reads the state before deciding to send it again.
 */
import { Agent, request, type Dispatcher } from 'undici'
import type { Clock } from '../lib/clock'
import { sleep } from '../lib/clock'
import type { Logger } from '../log/logger'
import { unpaced, type Pacer } from './pacer'
import { AssureError, kindOfStatus, parseRetryAfter, SignicatProblem, type AssureErrorKind } from './errors'

export interface AssureTimeouts {
  /**
   * TCP + TLS connect. undici sets it per connection, not per request, so it lives on the dispatcher
   * (`assureDispatcher`); an injected dispatcher brings its own and this value does not reach it.
   */
  connectMs: number
  /** From request sent to response headers. */
  headersMs: number
  /** Longest silence between two body chunks. */
  bodyMs: number
  /** Whole attempt, including the body; the hard stop for anything undici's own timers miss. */
  totalMs: number
}

export const DEFAULT_TIMEOUTS: AssureTimeouts = { connectMs: 5_000, headersMs: 15_000, bodyMs: 15_000, totalMs: 60_000 }

export interface RetryPolicy {
  /** Tries in all (first + retries) for a retryable failure. */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** A Retry-After longer than this is not waited out here; the error goes to the caller (the job outbox). */
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 300, maxDelayMs: 4_000, maxRetryAfterMs: 15_000 }

/** Told about every attempt's outcome; feeds the connectivity monitor (and telemetry). */
export interface TransportObserver {
  onNetworkFailure(): void
  onServerFailure(): void
  onResponse(): void
  /**
   * Each attempt's operation, duration (from the request leaving the pacer to the answer read or the
   * failure) and error kind (null: a usable answer; `other`: aborted or an unexpected failure).
   */
  onAttempt?(attempt: { operation: string; durationMs: number; error: AssureErrorKind | 'other' | null }): void
}

export type HttpMethod = 'GET' | 'POST' | 'DELETE'

export interface TransportRequest<T> {
  operation: string
  method: HttpMethod
  url: string
  headers?: Record<string, string>
  body?: string
  /** Reads a successful (2xx) response. Throwing `MalformedResponse` marks the answer malformed. */
  consume: (response: Dispatcher.ResponseData) => Promise<T>
  signal?: AbortSignal
}

/** Thrown by a `consume` function when the answer does not have the expected shape. */
export class MalformedResponse extends Error {
  override readonly name: string = 'MalformedResponse'
}

/**
 * A full result larger than the kiosk keeps (its download, or what it unpacks to: a zip bomb). Not
 * worth asking for again: the job ends, and nothing of it is archived.
 */
export class FullResultTooLarge extends MalformedResponse {
  override readonly name = 'FullResultTooLarge'
}

/** Answers up to this size are read for an error body; the rest is discarded. */
const MAX_ERROR_BODY = 64 * 1024

/** undici/Node error codes that mean no byte of the request reached the server. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EHOSTDOWN'
])

/** A connection pool for Assure, and who closes it. */
export interface OwnedDispatcher {
  dispatcher: Dispatcher
  /** Closes the pool if it was built here; an injected one stays its owner's to close. */
  close(): Promise<void>
}

/**
 * The one place that decides who owns the connection pool: the injected one (a test's, or a caller's
 * that shares it), or one built here from `timeouts` (connect timeout, keep-alive, pool size), which
 * `close` then releases.
 */
export function assureDispatcher(
  injected: Dispatcher | undefined,
  timeouts?: Partial<AssureTimeouts>
): OwnedDispatcher {
  if (injected) return { dispatcher: injected, close: async () => {} }
  const { connectMs, headersMs, bodyMs } = { ...DEFAULT_TIMEOUTS, ...timeouts }
  const agent = new Agent({
    connect: { timeout: connectMs },
    headersTimeout: headersMs,
    bodyTimeout: bodyMs,
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connections: 8
  })
  return { dispatcher: agent, close: () => agent.close() }
}

export interface TransportOptions {
  dispatcher: Dispatcher
  clock: Clock
  log: Logger
  timeouts?: Partial<AssureTimeouts>
  retry?: Partial<RetryPolicy>
  observer?: TransportObserver
  /** 0 <= random() < 1, for jitter; injectable so tests are deterministic. */
  random?: () => number
  /** Limits the request rate (configured from `assure.maxRequestsPerSecond`). */
  pacer?: Pacer
}

export interface Transport {
  send<T>(request: TransportRequest<T>): Promise<T>
}

export function createTransport(options: TransportOptions): Transport {
  const { dispatcher, clock, observer } = options
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts }
  const retry = { ...DEFAULT_RETRY, ...options.retry }
  const random = options.random ?? Math.random
  const pacer = options.pacer ?? unpaced
  const log = options.log.child('assure.http')

  const backoff = (attempt: number): number =>
    random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1))

  async function attemptOnce<T>(req: TransportRequest<T>): Promise<T> {
    await pacer.acquire(req.signal)
    const started = clock.now()
    try {
      const value = await exchange(req)
      observer?.onAttempt?.({ operation: req.operation, durationMs: clock.now() - started, error: null })
      return value
    } catch (error) {
      const kind = error instanceof AssureError ? error.kind : 'other'
      observer?.onAttempt?.({ operation: req.operation, durationMs: clock.now() - started, error: kind })
      throw error
    }
  }

  /** One request and its answer, after the pacer let it go. */
  async function exchange<T>(req: TransportRequest<T>): Promise<T> {
    const signals = [AbortSignal.timeout(timeouts.totalMs)]
    if (req.signal) signals.push(req.signal)
    const signal = AbortSignal.any(signals)
    let response: Dispatcher.ResponseData
    try {
      response = await request(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        dispatcher,
        signal,
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyMs
      })
    } catch (error) {
      if (req.signal?.aborted) throw error
      observer?.onNetworkFailure()
      throw networkError(req, error)
    }

    const { statusCode } = response
    if (statusCode >= 500) observer?.onServerFailure()
    else observer?.onResponse()

    if (statusCode >= 200 && statusCode < 300) {
      try {
        return await req.consume(response)
      } catch (error) {
        await response.body.dump().catch(() => undefined)
        if (error instanceof AssureError) throw error
        if (error instanceof MalformedResponse) {
          throw new AssureError({
            kind: 'malformed',
            operation: req.operation,
            status: statusCode,
            ambiguous: req.method === 'POST',
            cause: error
          })
        }
        // The body broke off or timed out while we were reading it.
        if (req.signal?.aborted) throw error
        observer?.onNetworkFailure()
        throw networkError(req, error)
      }
    }

    const problem = await readProblem(response)
    const kind: AssureErrorKind = kindOfStatus(statusCode)
    const retryAfterMs = parseRetryAfter(response.headers['retry-after'], clock.now())
    // Assure is telling every request, not just this one, to slow down.
    if (statusCode === 429) pacer.pauseFor(retryAfterMs ?? 1_000)
    throw new AssureError({
      kind,
      operation: req.operation,
      status: statusCode,
      problem,
      retryAfterMs,
      // A 5xx may have been processed; a 4xx (including 429) was refused.
      ambiguous: kind === 'server' && req.method === 'POST'
    })
  }

  return {
    async send(req) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await attemptOnce(req)
        } catch (error) {
          if (!(error instanceof AssureError)) throw error
          const mayRetry = error.retryable || (error.kind === 'malformed' && req.method !== 'POST')
          const safeToRepeat = req.method !== 'POST' || !error.ambiguous
          if (!mayRetry || !safeToRepeat || attempt >= retry.attempts) throw error
          if (error.retryAfterMs !== undefined && error.retryAfterMs > retry.maxRetryAfterMs) throw error
          const delay = Math.max(backoff(attempt), error.retryAfterMs ?? 0)
          log.debug('retrying', {
            operation: req.operation,
            attempt,
            delayMs: Math.round(delay),
            kind: error.kind,
            status: error.status,
            code: error.code
          })
          await sleep(clock, delay, req.signal)
        }
      }
    }
  }
}

function errorCode(error: unknown): string {
  const direct = (error as { code?: unknown }).code
  if (typeof direct === 'string') return direct
  const nested = (error as { cause?: { code?: unknown } }).cause?.code
  if (typeof nested === 'string') return nested
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'TIMEOUT'
  return 'UNKNOWN'
}

function networkError(req: TransportRequest<unknown>, error: unknown): AssureError {
  const code = errorCode(error)
  return new AssureError({
    kind: 'network',
    operation: req.operation,
    code,
    ambiguous: !NOT_SENT_CODES.has(code),
    cause: error
  })
}

async function readProblem(response: Dispatcher.ResponseData): Promise<SignicatProblem | undefined> {
  try {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of response.body) {
      const buffer = chunk as Buffer
      size += buffer.length
      if (size > MAX_ERROR_BODY) break
      chunks.push(buffer)
    }
    await response.body.dump().catch(() => undefined)
    const text = Buffer.concat(chunks).toString('utf8')
    if (!text.trim()) return undefined
    const parsed = SignicatProblem.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** Reads a JSON body (at most `limit` bytes) and validates it; a mismatch is `MalformedResponse`. */
export async function readJson<T>(
  response: Dispatcher.ResponseData,
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  limit = 8 * 1024 * 1024
): Promise<T> {
  const text = await readText(response, limit)
  let value: unknown
  try {
    value = text.trim() === '' ? null : JSON.parse(text)
  } catch {
    throw new MalformedResponse('the answer is not JSON')
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw new MalformedResponse('the answer does not have the expected fields')
  return parsed.data
}

export async function readBytes(response: Dispatcher.ResponseData, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of response.body) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > limit) throw new MalformedResponse(`the answer is larger than ${limit} bytes`)
    chunks.push(buffer)
  }
  return Buffer.concat(chunks)
}

export async function readText(response: Dispatcher.ResponseData, limit: number): Promise<string> {
  return (await readBytes(response, limit)).toString('utf8')
}
