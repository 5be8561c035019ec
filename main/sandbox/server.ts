/**
 * The embedded Assure sandbox: a real HTTP server that speaks the Assure API as far as it is known
 * (token endpoint, dossiers, FaceTec processes, images, start verification, result polling, full-result
 * zip), with fault injection and a control API. Demo mode points the kiosk at it; the tests run the
 * client and the job engine against it over real HTTP; integrators can run it in their own CI
 * (`npm run sandbox`). Where Assure's behaviour is unknown, the choice made here is documented in
 * the README ("Assure sandbox") and both candidate paths are accepted.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { strToU8, zipSync } from 'fflate'
import { z } from 'zod'
import { parseBase64Jpeg, parseImageDataUrl, ImageError } from '../lib/images'
import {
  createFaultBook,
  createRateLimiter,
  Endpoint,
  FaultRule,
  type Fault,
  type FaultBook,
  type FaultRuleInput
} from './faults'
import {
  createSandboxState,
  DEFAULT_SETTINGS,
  Outcome,
  type SandboxDossier,
  type SandboxProcess,
  type SandboxSettings
} from './state'

export const TOKEN_PATH = '/auth/open/connect/token'
export const CONTROL_PREFIX = '/__sandbox/'
const MAX_BODY = 24 * 1024 * 1024

export interface SandboxOptions {
  host?: string
  port?: number
  settings?: Partial<SandboxSettings>
  /** Serve the control API over HTTP (tests and `npm run sandbox`); off inside the demo app. */
  controlApi?: boolean
  now?: () => number
  /** Told about every request once it is answered (or dropped): `npm run sandbox` prints one line each. */
  onRequest?: (request: SandboxRequestRecord) => void
}

/** One request as an integrator wants to see it: what was asked, what was answered, how long it took. */
export interface SandboxRequestRecord {
  method: string
  /** The request target as sent (path and query). */
  path: string
  /** Null when no answer was sent: a dropped connection, a hang the client gave up on. */
  status: number | null
  ms: number
}

export interface SandboxControl {
  addFault(rule: FaultRuleInput): number
  clearFaults(): void
  /** Outcome of a given process, or of the next processes to be started, in order. */
  setOutcome(processId: string, outcome: Outcome): void
  queueOutcomes(...outcomes: Outcome[]): void
  configure(settings: Partial<Omit<SandboxSettings, 'clientId' | 'clientSecret'>>): void
  /** Every token issued so far stops working at once (token expiry in the middle of a sequence). */
  expireTokens(): void
  /** Requests per endpoint since start (or the last reset). */
  calls(): Record<Endpoint, number>
  /** Start verification requests for a process that was already started (answered 409): a client's double start. */
  duplicateStarts(): number
  /** Requests answered 429 by the rate limit. */
  rateLimited(): number
  /** Clears faults, outcomes, counters and the rate-limit window; with `data`, also dossiers and tokens. */
  reset(options?: { data?: boolean }): void
  dossierIds(): string[]
  processStatus(dossierId: string, processId: string): string | undefined
}

export interface Sandbox {
  url: string
  tokenUrl: string
  credentials: { clientId: string; clientSecret: string }
  control: SandboxControl
  close(): Promise<void>
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(title)
  }
}

type Handler = (ctx: RequestContext) => Promise<Answer> | Answer
interface Answer {
  status: number
  json?: unknown
  bytes?: Uint8Array
  contentType?: string
}
interface RequestContext {
  req: IncomingMessage
  params: Record<string, string>
  body: Buffer
  path: string
}
interface Route {
  method: string
  pattern: RegExp
  endpoint: Endpoint
  auth: 'bearer' | 'basic' | 'none'
  handler: Handler
}

const ID = '([^/]+)'

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const now = options.now ?? Date.now
  const settings: SandboxSettings = { ...DEFAULT_SETTINGS, ...options.settings }
  const state = createSandboxState(settings, now)
  const faults: FaultBook = createFaultBook()
  const limiter = createRateLimiter(now)
  const calls = Object.fromEntries(Endpoint.options.map((name) => [name, 0])) as Record<Endpoint, number>
  let duplicateStarts = 0
  let rateLimited = 0
  const openSockets = new Set<Socket>()

  const dossierOf = (id: string | undefined): SandboxDossier => {
    const dossier = id ? state.dossier(id) : undefined
    if (!dossier) throw new HttpProblem(404, 'Dossier not found.', `No dossier with id ${id ?? ''}.`)
    return dossier
  }
  const processOf = (params: Record<string, string>): SandboxProcess => {
    const process = dossierOf(params.dossierId).processes.get(params.processId ?? '')
    if (!process)
      throw new HttpProblem(404, 'Process not found.', `No process with id ${params.processId ?? ''} in this dossier.`)
    return process
  }
  const jsonBody = (ctx: RequestContext): unknown => {
    if (ctx.body.length === 0) return {}
    try {
      return JSON.parse(ctx.body.toString('utf8'))
    } catch {
      throw new HttpProblem(400, 'The request body is not valid JSON.')
    }
  }
  const dossierView = (dossier: SandboxDossier) => ({
    dossierId: dossier.dossierId,
    createdAt: new Date(dossier.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    updatedAt: new Date(dossier.updatedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    ...(dossier.externalReference ? { externalReference: dossier.externalReference } : {})
  })

  const startVerification: Handler = (ctx) => {
    const process = processOf(ctx.params)
    if (state.statusOf(process) !== 'pending') {
      duplicateStarts++
      throw new HttpProblem(409, 'Verification already started.', `The process is ${state.statusOf(process)}.`)
    }
    const body = StartBody.safeParse(jsonBody(ctx))
    if (!body.success)
      throw new HttpProblem(
        400,
        'Invalid facetecEnrollment.',
        body.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')
      )
    if (!process.images.selfie)
      throw new HttpProblem(
        400,
        'No selfie on the process.',
        'Set the selfie image (the reference photo) before starting verification.'
      )
    const { faceScan, auditTrailImage, lowQualityAuditTrailImage, userAgent } = body.data.facetecEnrollment
    let audit: Uint8Array
    let lowQuality: Uint8Array
    try {
      audit = parseBase64Jpeg(auditTrailImage)
      lowQuality = parseBase64Jpeg(lowQualityAuditTrailImage)
    } catch (error) {
      throw new HttpProblem(400, 'Invalid audit trail image.', (error as Error).message)
    }
    state.start(process, { faceScan, auditTrailImage: audit, lowQualityAuditTrailImage: lowQuality, userAgent })
    return { status: 200, json: { processId: process.processId, status: state.statusOf(process) } }
  }

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: new RegExp(`^${TOKEN_PATH}$`),
      endpoint: 'token',
      auth: 'basic',
      handler: (ctx) => {
        const form = new URLSearchParams(ctx.body.toString('utf8'))
        if (form.get('grant_type') !== 'client_credentials')
          throw new OAuthProblem(400, 'unsupported_grant_type', 'Only client_credentials is supported.')
        const scopes = (form.get('scope') ?? '').split(/\s+/)
        if (!scopes.includes('signicat-api'))
          throw new OAuthProblem(400, 'invalid_scope', 'The scope must include signicat-api.')
        return { status: 200, json: state.issueToken() }
      }
    },
    {
      method: 'POST',
      pattern: /^\/assure\/dossiers$/,
      endpoint: 'createDossier',
      auth: 'bearer',
      handler: (ctx) => {
        const body = CreateDossierBody.safeParse(jsonBody(ctx))
        if (!body.success)
          throw new HttpProblem(400, 'Invalid dossier.', body.error.issues.map((issue) => issue.message).join('; '))
        return { status: 201, json: dossierView(state.createDossier(body.data.externalReference)) }
      }
    },
    {
      method: 'GET',
      pattern: /^\/assure\/dossiers$/,
      endpoint: 'listDossiers',
      auth: 'bearer',
      handler: () => ({ status: 200, json: state.dossiers().map(dossierView) })
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/assure/dossiers/${ID}$`),
      endpoint: 'getDossier',
      auth: 'bearer',
      handler: (ctx) => ({ status: 200, json: dossierView(dossierOf(ctx.params.dossierId)) })
    },
    {
      method: 'DELETE',
      pattern: new RegExp(`^/assure/dossiers/${ID}$`),
      endpoint: 'deleteDossier',
      auth: 'bearer',
      handler: (ctx) => {
        state.deleteDossier(dossierOf(ctx.params.dossierId).dossierId)
        return { status: 204 }
      }
    },
    {
      method: 'POST',
      pattern: new RegExp(`^/assure/dossiers/${ID}/processes$`),
      endpoint: 'createProcess',
      auth: 'bearer',
      handler: (ctx) => {
        const dossier = dossierOf(ctx.params.dossierId)
        const body = CreateProcessBody.safeParse(jsonBody(ctx))
        if (!body.success)
          throw new HttpProblem(400, 'Invalid process.', 'The sandbox supports provider "facetec" only.')
        return { status: 201, json: state.view(state.createProcess(dossier), { withKeys: true }) }
      }
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/assure/dossiers/${ID}/processes/${ID}$`),
      endpoint: 'getProcess',
      auth: 'bearer',
      handler: (ctx) => ({ status: 200, json: state.view(processOf(ctx.params), { withKeys: true }) })
    },
    // Start verification: both candidate paths (the process URL, and .../verify), until Signicat confirms one.
    {
      method: 'POST',
      pattern: new RegExp(`^/assure/dossiers/${ID}/processes/${ID}$`),
      endpoint: 'startVerification',
      auth: 'bearer',
      handler: startVerification
    },
    {
      method: 'POST',
      pattern: new RegExp(`^/assure/dossiers/${ID}/processes/${ID}/verify$`),
      endpoint: 'startVerification',
      auth: 'bearer',
      handler: startVerification
    },
    {
      method: 'DELETE',
      pattern: new RegExp(`^/assure/dossiers/${ID}/processes/${ID}$`),
      endpoint: 'deleteProcess',
      auth: 'bearer',
      handler: (ctx) => {
        const process = processOf(ctx.params)
        dossierOf(ctx.params.dossierId).processes.delete(process.processId)
        return { status: 204 }
      }
    },
    {
      method: 'POST',
      pattern: new RegExp(`^/assure/dossiers/${ID}/processes/${ID}/images$`),
      endpoint: 'setImages',
      auth: 'bearer',
      handler: (ctx) => {
        const process = processOf(ctx.params)
        const body = SetImagesBody.safeParse(jsonBody(ctx))
        if (!body.success || Object.keys(body.data).length === 0)
          throw new HttpProblem(400, 'Invalid images.', 'Send at least one of front, back, selfie as a data URL.')
        if (state.statusOf(process) !== 'pending')
          throw new HttpProblem(409, 'Images can only be set on a pending process.')
        for (const [type, dataUrl] of Object.entries(body.data)) {
          try {
            process.images[type as 'front' | 'back' | 'selfie'] = parseImageDataUrl(dataUrl)
          } catch (error) {
            throw new HttpProblem(
              400,
              `Invalid ${type} image.`,
              error instanceof ImageError ? error.message : 'Unreadable image.'
            )
          }
        }
        process.updatedAt = now()
        return { status: 200, json: { processId: process.processId, images: Object.keys(process.images) } }
      }
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/assure/dossiers/${ID}/processes/${ID}/images/${ID}$`),
      endpoint: 'getImage',
      auth: 'bearer',
      handler: (ctx) => {
        const process = processOf(ctx.params)
        const type = ctx.params.imageType ?? ''
        if (!['portrait', 'front', 'back', 'selfie'].includes(type))
          throw new HttpProblem(400, 'Unknown image type.', 'Use portrait, front, back or selfie.')
        // A FaceTec process has no document portrait; the sandbox answers its selfie for `portrait`, so a
        // process can stand in for an earlier ID-document process in demos and tests.
        const image = process.images[type === 'portrait' ? 'selfie' : (type as 'front' | 'back' | 'selfie')]
        if (!image) throw new HttpProblem(404, 'Image not found.', `The process has no ${type} image.`)
        if (settings.imageResponse === 'raw') return { status: 200, bytes: image.bytes, contentType: image.mimeType }
        return {
          status: 200,
          json: { [type]: `data:${image.mimeType};base64,${Buffer.from(image.bytes).toString('base64')}` }
        }
      }
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/assure/dossiers/${ID}/processes/${ID}/download$`),
      endpoint: 'download',
      auth: 'bearer',
      handler: (ctx) => {
        const process = processOf(ctx.params)
        if (!state.isFinal(process))
          throw new HttpProblem(
            409,
            'The process is not finished.',
            'The full result can be downloaded for final processes only.'
          )
        return {
          status: 200,
          bytes: fullResultZip(process, state.view(process, { withKeys: false })),
          contentType: 'application/zip'
        }
      }
    }
  ]

  const problemBody = (req: IncomingMessage, status: number, title: string, detail?: string) => ({
    instance: (req.url ?? '/').split('?')[0],
    method: req.method,
    status,
    type: status >= 500 ? 'base:server-problem' : 'base:client-problem',
    title,
    ...(detail ? { detail } : {}),
    traceId: randomBytes(16).toString('hex')
  })

  const send = (res: ServerResponse, answer: Answer, extraHeaders: Record<string, string> = {}): void => {
    if (res.headersSent || res.destroyed) return
    if (answer.bytes) {
      res.writeHead(answer.status, {
        'content-type': answer.contentType ?? 'application/octet-stream',
        'content-length': answer.bytes.length,
        ...extraHeaders
      })
      res.end(Buffer.from(answer.bytes))
    } else if (answer.json !== undefined) {
      const text = JSON.stringify(answer.json)
      res.writeHead(answer.status, {
        'content-type': answer.contentType ?? 'application/json',
        'content-length': Buffer.byteLength(text),
        ...extraHeaders
      })
      res.end(text)
    } else {
      res.writeHead(answer.status, extraHeaders)
      res.end()
    }
  }

  const applyFault = async (
    fault: Fault,
    req: IncomingMessage,
    res: ServerResponse
  ): Promise<'handled' | 'continue'> => {
    switch (fault.kind) {
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, fault.ms))
        return 'continue'
      case 'hang':
        return 'handled'
      case 'reset':
        req.socket.destroy()
        return 'handled'
      case 'malformed': {
        const text = '{"dossierId": "3f2a", "status": '
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
        res.end(text)
        return 'handled'
      }
      case 'status': {
        const title =
          fault.status === 429
            ? 'Too many requests.'
            : fault.status >= 500
              ? 'The service is unavailable.'
              : 'Request refused.'
        const headers: Record<string, string> =
          fault.retryAfterSeconds !== undefined
            ? { 'retry-after': String(fault.retryAfterSeconds) }
            : fault.status === 429
              ? { 'retry-after': '1' }
              : {}
        send(res, { status: fault.status, json: problemBody(req, fault.status, title) }, headers)
        return 'handled'
      }
    }
  }

  const control = buildControl()

  const server: Server = createServer((req, res) => {
    if (options.onRequest) observeRequest(req, res, options.onRequest)
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, { status: 500, json: problemBody(req, 500, 'Sandbox error.') })
    })
  })
  server.on('connection', (socket) => {
    openSockets.add(socket)
    socket.on('close', () => openSockets.delete(socket))
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (path.startsWith(CONTROL_PREFIX)) {
      if (!options.controlApi) {
        send(res, { status: 404, json: problemBody(req, 404, 'Not found.') })
        return
      }
      const body = await readBody(req)
      send(res, handleControl(control, req.method ?? 'GET', path.slice(CONTROL_PREFIX.length), body))
      return
    }

    if (req.method === 'HEAD') {
      // The kiosk's connectivity probe; faults for 'probe' (or '*') simulate an outage.
      calls.probe++
      const rule = faults.take('probe')
      if (rule && (await applyFault(rule.fault, req, res)) === 'handled') return
      res.writeHead(200)
      res.end()
      return
    }

    const match = matchRoute(routes, req.method ?? 'GET', path)
    if (!match) {
      await readBody(req).catch(() => undefined)
      send(res, { status: 404, json: problemBody(req, 404, 'Not found.', `No ${req.method} ${path}.`) })
      return
    }
    const { route, params } = match
    calls[route.endpoint]++
    if (settings.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.latencyMs))

    // One global window for every endpoint (see SandboxSettings.rateLimitPerSecond).
    if (!limiter.admit(settings.rateLimitPerSecond)) {
      rateLimited++
      await readBody(req).catch(() => undefined)
      send(
        res,
        {
          status: 429,
          json: problemBody(
            req,
            429,
            'Too many requests.',
            `At most ${settings.rateLimitPerSecond} requests per second.`
          )
        },
        { 'retry-after': '1' }
      )
      return
    }

    const rule = faults.take(route.endpoint)
    let body: Buffer
    try {
      body = await readBody(req)
    } catch (error) {
      send(res, { status: 413, json: problemBody(req, 413, 'Request body too large.', (error as Error).message) })
      return
    }
    if (rule && rule.phase === 'before' && (await applyFault(rule.fault, req, res)) === 'handled') return

    let answer: Answer
    try {
      authenticate(route, req)
      answer = await route.handler({ req, params, body, path })
    } catch (error) {
      if (error instanceof OAuthProblem) {
        answer = { status: error.status, json: { error: error.error, error_description: error.description } }
      } else if (error instanceof HttpProblem) {
        send(
          res,
          { status: error.status, json: problemBody(req, error.status, error.title, error.detail) },
          error.headers
        )
        return
      } else {
        throw error
      }
    }
    if (rule && rule.phase === 'after' && (await applyFault(rule.fault, req, res)) === 'handled') return
    send(res, answer)
  }

  function authenticate(route: Route, req: IncomingMessage): void {
    const header = req.headers.authorization ?? ''
    if (route.auth === 'basic') {
      const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header)
      const decoded = match ? Buffer.from(match[1] ?? '', 'base64').toString('utf8') : ''
      const colon = decoded.indexOf(':')
      const id = colon >= 0 ? decodeURIComponent(decoded.slice(0, colon)) : ''
      const secret = colon >= 0 ? decodeURIComponent(decoded.slice(colon + 1)) : ''
      if (id !== settings.clientId || secret !== settings.clientSecret)
        throw new OAuthProblem(401, 'invalid_client', 'Client authentication failed.')
      return
    }
    if (route.auth !== 'bearer') return
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header)
    if (!match)
      throw new HttpProblem(400, 'Malformed Authorization header.', 'Please provide a valid Bearer authentication.')
    if (!state.tokenIsValid(match[1] ?? ''))
      throw new HttpProblem(401, 'Unauthorized.', 'The access token is unknown or has expired.')
  }

  function buildControl(): SandboxControl {
    return {
      addFault: (rule) => faults.add(rule),
      clearFaults: () => faults.clear(),
      setOutcome: (processId, outcome) => state.setOutcomeFor(processId, outcome),
      queueOutcomes: (...outcomes) => state.queueOutcomes(outcomes),
      configure(next) {
        Object.assign(settings, next)
      },
      expireTokens: () => state.expireAllTokens(),
      calls: () => ({ ...calls }),
      duplicateStarts: () => duplicateStarts,
      rateLimited: () => rateLimited,
      reset(resetOptions) {
        faults.clear()
        state.clearOutcomes()
        for (const name of Endpoint.options) calls[name] = 0
        duplicateStarts = 0
        rateLimited = 0
        limiter.forget()
        if (resetOptions?.data) state.clearData()
      },
      dossierIds: () => state.dossiers().map((dossier) => dossier.dossierId),
      processStatus: (dossierId, processId) => {
        const process = state.dossier(dossierId)?.processes.get(processId)
        return process ? state.statusOf(process) : undefined
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  const url = `http://${address.address}:${address.port}`
  return {
    url,
    tokenUrl: `${url}${TOKEN_PATH}`,
    credentials: { clientId: settings.clientId, clientSecret: settings.clientSecret },
    control,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of openSockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}

function observeRequest(
  req: IncomingMessage,
  res: ServerResponse,
  report: (request: SandboxRequestRecord) => void
): void {
  const started = performance.now()
  let reported = false
  const done = (): void => {
    if (reported) return
    reported = true
    report({
      method: req.method ?? '?',
      path: req.url ?? '/',
      status: res.writableFinished ? res.statusCode : null,
      ms: Math.round(performance.now() - started)
    })
  }
  res.once('finish', done)
  res.once('close', done)
}

class OAuthProblem extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string
  ) {
    super(description)
  }
}

const CreateDossierBody = z.object({ externalReference: z.string().max(500).optional() }).loose()
const CreateProcessBody = z.object({ provider: z.literal('facetec') }).loose()
const SetImagesBody = z.strictObject({
  front: z.string().optional(),
  back: z.string().optional(),
  selfie: z.string().optional()
})
const Base64 = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
const StartBody = z.strictObject({
  facetecEnrollment: z.strictObject({
    faceScan: Base64,
    auditTrailImage: Base64,
    lowQualityAuditTrailImage: Base64,
    userAgent: z.string().min(1).max(2000)
  })
})

function matchRoute(
  routes: Route[],
  method: string,
  path: string
): { route: Route; params: Record<string, string> } | null {
  for (const route of routes) {
    if (route.method !== method) continue
    const match = route.pattern.exec(path)
    if (!match) continue
    const [, a, b, c] = match.map((part) => (part === undefined ? part : decodeURIComponent(part)))
    const params: Record<string, string> = {}
    if (a !== undefined) params.dossierId = a
    if (b !== undefined) params.processId = b
    if (c !== undefined) params.imageType = c
    return { route, params }
  }
  return null
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        reject(new Error(`more than ${MAX_BODY} bytes`))
        req.resume()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** The full-result zip: the process as JSON plus the media, "as obtained from the provider". */
function fullResultZip(process: SandboxProcess, view: Record<string, unknown>): Uint8Array {
  const files: Record<string, Uint8Array> = { 'process.json': strToU8(JSON.stringify(view, null, 2)) }
  const selfie = process.images.selfie
  if (selfie) files[`selfie.${selfie.mimeType === 'image/png' ? 'png' : 'jpg'}`] = selfie.bytes
  if (process.enrollment) {
    files['facetec/auditTrailImage.jpg'] = process.enrollment.auditTrailImage
    files['facetec/lowQualityAuditTrailImage.jpg'] = process.enrollment.lowQualityAuditTrailImage
    files['facetec/faceScan.b64'] = strToU8(process.enrollment.faceScan)
  }
  return zipSync(files, { level: 6 })
}

const ControlFaults = z.union([FaultRule, z.array(FaultRule).max(50)])

/** The control API: JSON over HTTP under /__sandbox/, mirroring SandboxControl. */
function handleControl(control: SandboxControl, method: string, path: string, body: Buffer): Answer {
  const parse = <T>(schema: z.ZodType<T>): T => {
    const parsed = schema.safeParse(body.length ? JSON.parse(body.toString('utf8')) : {})
    if (!parsed.success)
      throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '))
    return parsed.data
  }
  try {
    if (method === 'GET' && path === 'calls')
      return {
        status: 200,
        json: { ...control.calls(), duplicateStarts: control.duplicateStarts(), rateLimited: control.rateLimited() }
      }
    if (method === 'GET' && path === 'dossiers') return { status: 200, json: control.dossierIds() }
    if (method === 'POST' && path === 'faults') {
      const rules = parse(ControlFaults)
      const ids = (Array.isArray(rules) ? rules : [rules]).map((rule) => control.addFault(rule))
      return { status: 201, json: { ids } }
    }
    if (method === 'DELETE' && path === 'faults') {
      control.clearFaults()
      return { status: 204 }
    }
    if (method === 'POST' && path === 'outcomes') {
      const { processId, outcome, next } = parse(
        z.strictObject({
          processId: z.string().optional(),
          outcome: Outcome.optional(),
          next: z.array(Outcome).max(1000).optional()
        })
      )
      if (processId && outcome) control.setOutcome(processId, outcome)
      if (next) control.queueOutcomes(...next)
      return { status: 204 }
    }
    if (method === 'PUT' && path === 'settings') {
      control.configure(
        parse(
          z.strictObject({
            tokenLifetimeSeconds: z.number().int().min(1).max(3600).optional(),
            processingDelayMs: z.number().int().min(0).max(3_600_000).optional(),
            rateLimitPerSecond: z.number().int().min(1).max(100_000).nullable().optional(),
            defaultOutcome: Outcome.optional(),
            imageResponse: z.enum(['raw', 'json']).optional(),
            latencyMs: z.number().int().min(0).max(60_000).optional(),
            maxDossiers: z.number().int().min(1).max(1_000_000).optional()
          })
        )
      )
      return { status: 204 }
    }
    if (method === 'POST' && path === 'expire-tokens') {
      control.expireTokens()
      return { status: 204 }
    }
    if (method === 'POST' && path === 'reset') {
      control.reset(parse(z.strictObject({ data: z.boolean().optional() })))
      return { status: 204 }
    }
  } catch (error) {
    return { status: 400, json: { title: 'Invalid control request.', detail: (error as Error).message } }
  }
  return { status: 404, json: { title: 'Unknown control request.' } }
}
