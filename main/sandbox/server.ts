/**
 * The embedded Assure sandbox: a real HTTP server that speaks the Assure API as Signicat's OpenAPI
 * document describes every operation the kiosk uses (paths, methods, query parameters, status codes,
 * bodies, StandardException error bodies), plus the OAuth2 token endpoint, fault injection and a
 * control API. Demo mode points the kiosk at it; the tests run the client and the job engine against
 * it over real HTTP, and test/main/assure/conformance.test.ts checks its every answer against the
 * document; integrators can run it in their own CI (`npm run sandbox`). Where the document is silent,
 * the choice made here is marked *ours* in the README ("Assure sandbox").
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { strToU8, zipSync } from 'fflate'
import { z } from 'zod'
import { parseBase64Jpeg, parseImageDataUrl, ImageError, type ImageBytes } from '../lib/images'
import { createRateLimiter, Endpoint } from './endpoints'
// Types only: fault injection itself (./fault-control.ts) is given by those who want it, so the app's
// bundle, whose demo mode runs this sandbox, carries none of it.
import type { Fault, FaultBook, FaultRuleInput } from './faults'
import {
  createSandboxState,
  DEFAULT_BEHAVIOUR,
  hasPortrait,
  type Outcome,
  Provider,
  type Depiction,
  type SandboxDossier,
  type SandboxProcess,
  type SandboxBehaviour
} from './state'

export const TOKEN_PATH = '/auth/open/connect/token'
export const CONTROL_PREFIX = '/__sandbox/'
const MAX_BODY = 24 * 1024 * 1024
/** List dossiers shows the last 100 dossiers created and not deleted, no more (the document). */
export const LIST_DOSSIERS_LIMIT = 100

export interface SandboxOptions {
  host?: string
  port?: number
  behaviour?: Partial<SandboxBehaviour>
  /**
   * Fault injection and the control API (./fault-control.ts, whose startSandbox gives them: tests and
   * `npm run sandbox`). Absent in the demo app: no faults, and /__sandbox/ answers 404.
   */
  faults?: SandboxFaults
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
  configure(behaviour: Partial<Omit<SandboxBehaviour, 'clientId' | 'clientSecret'>>): void
  /** Every token issued so far stops working at once (token expiry in the middle of a sequence). */
  expireTokens(): void
  /** Requests per endpoint since start (or the last reset). */
  calls(): Record<Endpoint, number>
  /** Start verification requests for a process that was already started (answered 400): a client's double start. */
  duplicateStarts(): number
  /**
   * What an ID-document provider's SDK uploads to its process (readid, signicatvideoid): the document
   * images, `portrait` among them. Such a process cannot be given images through Set images.
   */
  uploadAsProvider(dossierId: string, processId: string, images: Partial<Record<Depiction, ImageBytes>>): void
  /** Requests answered 429 by the rate limit. */
  rateLimited(): number
  /** Clears faults, outcomes, counters and the rate-limit window; with `data`, also dossiers and tokens. */
  reset(options?: { data?: boolean }): void
  dossierIds(): string[]
  processStatus(dossierId: string, processId: string): string | undefined
}

/** What ./fault-control.ts plugs in. */
export interface SandboxFaults {
  book: FaultBook
  /** Does what `fault` says to this request; `refuse` answers with a Signicat error body. */
  apply: (
    fault: Fault,
    req: IncomingMessage,
    res: ServerResponse,
    refuse: (status: number, title: string, headers: Record<string, string>) => void
  ) => Promise<'handled' | 'continue'>
  /** Answers a request below CONTROL_PREFIX; absent: 404. */
  controlApi?: (control: SandboxControl, method: string, path: string, body: Buffer) => Answer
}

/** Without fault injection: nothing to take, and adding a fault says why it cannot be. */
const NO_FAULTS: FaultBook = {
  add() {
    throw new Error('this sandbox has no fault injection (start it from main/sandbox/fault-control.ts)')
  },
  clear() {},
  take: () => null,
  list: () => []
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
export interface Answer {
  status: number
  json?: unknown
  bytes?: Uint8Array
  contentType?: string
}
interface RequestContext {
  req: IncomingMessage
  params: Record<string, string>
  query: URLSearchParams
  body: Buffer
  path: string
}
interface Route {
  method: string
  pattern: RegExp
  endpoint: Endpoint
  auth: 'bearer' | 'basic' | 'none'
  handler: Handler
  /** The document gives this operation's error answers no content (Delete process): they carry no body. */
  bareErrors?: boolean
}

const ID = '([^/]+)'

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const now = options.now ?? Date.now
  const behaviour: SandboxBehaviour = { ...DEFAULT_BEHAVIOUR, ...options.behaviour }
  const state = createSandboxState(behaviour, now)
  const faults: FaultBook = options.faults?.book ?? NO_FAULTS
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
      // The document gives no answer for a second start; the sandbox refuses it with a 400 (*ours*).
      duplicateStarts++
      throw new HttpProblem(400, 'Verification already started.', `The process is ${state.statusOf(process)}.`)
    }
    if (process.provider !== 'facetec') {
      // An ID-document provider's verification: its SDK uploaded the document; 204 (the document: readid, webid).
      if (!process.images.portrait)
        throw new HttpProblem(400, 'Nothing to verify.', 'The provider has not received the ID document yet.')
      state.start(process, null, null)
      return { status: 204 }
    }
    const body = StartBody.safeParse(jsonBody(ctx))
    if (!body.success)
      throw new HttpProblem(
        400,
        'Invalid verification request.',
        body.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ')
      )
    const { facetecEnrollment, imageDepiction } = body.data
    if (!process.images[imageDepiction])
      throw new HttpProblem(
        400,
        `No ${imageDepiction} image on the process.`,
        `Set the ${imageDepiction} image (the reference photo) before starting verification.`
      )
    const { faceScan, auditTrailImage, lowQualityAuditTrailImage, userAgent } = facetecEnrollment
    let audit: Uint8Array
    let lowQuality: Uint8Array
    try {
      audit = parseBase64Jpeg(auditTrailImage)
      lowQuality = parseBase64Jpeg(lowQualityAuditTrailImage)
    } catch (error) {
      throw new HttpProblem(400, 'Invalid audit trail image.', (error as Error).message)
    }
    state.start(
      process,
      { faceScan, auditTrailImage: audit, lowQualityAuditTrailImage: lowQuality, userAgent },
      imageDepiction
    )
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
      handler: () => ({ status: 200, json: state.dossiers().slice(-LIST_DOSSIERS_LIMIT).map(dossierView) })
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/assure/dossiers/${ID}$`),
      endpoint: 'getDossier',
      auth: 'bearer',
      handler: (ctx) => {
        const dossier = dossierOf(ctx.params.dossierId)
        return {
          status: 200,
          json: {
            ...dossierView(dossier),
            processes: [...dossier.processes.values()].map((process) => state.slim(process))
          }
        }
      }
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
          throw new HttpProblem(
            400,
            'Invalid process.',
            'The sandbox creates processes of the providers facetec, readid and signicatvideoid.'
          )
        const { provider, processType } = body.data
        return { status: 201, json: state.created(state.createProcess(dossier, provider, processType)) }
      }
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/assure/dossiers/${ID}/processes/${ID}$`),
      endpoint: 'getProcess',
      auth: 'bearer',
      handler: (ctx) => ({ status: 200, json: state.view(processOf(ctx.params)) })
    },
    // Start verification posts to the process URL itself; there is no `/verify`.
    {
      method: 'POST',
      pattern: new RegExp(`^/assure/dossiers/${ID}/processes/${ID}$`),
      endpoint: 'startVerification',
      auth: 'bearer',
      handler: startVerification
    },
    {
      method: 'DELETE',
      pattern: new RegExp(`^/assure/dossiers/${ID}/processes/${ID}$`),
      endpoint: 'deleteProcess',
      auth: 'bearer',
      bareErrors: true,
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
        // The document: direct upload is for Onfido, Signicat Paper and FaceTec only (the sandbox has FaceTec).
        if (process.provider !== 'facetec')
          throw new HttpProblem(
            400,
            'Images cannot be set.',
            `The ${process.provider} provider takes images from its SDK.`
          )
        // "Not allowed after the verification has started": 400, the one refusal the document lists (*ours*).
        if (state.statusOf(process) !== 'pending')
          throw new HttpProblem(400, 'Images cannot be set.', 'The verification has already started.')
        const images: Partial<Record<Depiction, ImageBytes>> = {}
        for (const [type, dataUrl] of Object.entries(body.data)) {
          try {
            images[type as Depiction] = parseImageDataUrl(dataUrl)
          } catch (error) {
            throw new HttpProblem(
              400,
              `Invalid ${type} image.`,
              error instanceof ImageError ? error.message : 'Unreadable image.'
            )
          }
        }
        Object.assign(process.images, images)
        process.updatedAt = now()
        return { status: 201 }
      }
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/assure/dossiers/${ID}/processes/${ID}/images$`),
      endpoint: 'getImage',
      auth: 'bearer',
      handler: (ctx) => {
        const process = processOf(ctx.params)
        const depiction = ctx.query.get('depiction') ?? ''
        if (ctx.query.getAll('depiction').length !== 1 || !DEPICTION_VALUES.includes(depiction))
          throw new HttpProblem(
            400,
            'Invalid depiction.',
            'The depiction query parameter is one of front, back, selfie, portrait.'
          )
        // The document: `portrait` is only available for the signicatvideoid and readid providers.
        if (depiction === 'portrait' && !hasPortrait(process))
          throw new HttpProblem(
            400,
            'Depiction not provided.',
            `This provider and process type (${process.provider}) does not provide the requested image type.`
          )
        const image = process.images[depiction as Depiction]
        if (!image) throw new HttpProblem(404, 'Image not found.', `The process has no ${depiction} image.`)
        return { status: 200, bytes: image.bytes, contentType: 'application/octet-stream' }
      }
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/assure/dossiers/${ID}/processes/${ID}/download$`),
      endpoint: 'download',
      auth: 'bearer',
      handler: (ctx) => {
        const process = processOf(ctx.params)
        // 204 "if the process is not completed or the contents of the zip file are not yet available";
        // the document names accepted, rejected and inconclusive as complete.
        const finalAt = state.finalAt(process)
        const complete = ['accepted', 'rejected', 'inconclusive'].includes(state.statusOf(process))
        if (!complete || finalAt === null || now() < finalAt + behaviour.fullResultDelayMs) return { status: 204 }
        return {
          status: 200,
          bytes: fullResultZip(process, state.view(process)),
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

  const applyFault = (fault: Fault, req: IncomingMessage, res: ServerResponse) =>
    options.faults
      ? options.faults.apply(fault, req, res, (status, title, headers) =>
          send(res, { status, json: problemBody(req, status, title) }, headers)
        )
      : Promise.resolve('continue' as const)

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

  /**
   * The names this server answers to: its own address and port, and localhost on that port. Any other
   * Host (a rebinding name a web page in a local browser points at 127.0.0.1, a proxy's name) is
   * refused before anything else, so a browser page cannot drive the sandbox with its published
   * credentials. Only when it listens on loopback (demo mode, the tests, the default of
   * `npm run sandbox`): an integrator who binds it to another address (`--host 0.0.0.0` in a container)
   * reaches it by names of their own.
   */
  const checksHost = ['127.0.0.1', 'localhost', '::1'].includes(options.host ?? '127.0.0.1')
  const ownHosts = (): Set<string> => {
    const { port } = server.address() as AddressInfo
    return new Set(
      [options.host ?? '127.0.0.1', '127.0.0.1', 'localhost', '[::1]'].map((name) => `${name}:${port}`.toLowerCase())
    )
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (checksHost && !ownHosts().has((req.headers.host ?? '').toLowerCase())) {
      send(res, { status: 421, json: problemBody(req, 421, 'Misdirected request: not this server.') })
      return
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '')
    if (path.startsWith(CONTROL_PREFIX)) {
      const controlApi = options.faults?.controlApi
      if (!controlApi) {
        send(res, { status: 404, json: problemBody(req, 404, 'Not found.') })
        return
      }
      const body = await readBody(req)
      send(res, controlApi(control, req.method ?? 'GET', path.slice(CONTROL_PREFIX.length), body))
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
    if (behaviour.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, behaviour.latencyMs))

    // One global window for every endpoint (see SandboxBehaviour.rateLimitPerSecond).
    if (!limiter.admit(behaviour.rateLimitPerSecond)) {
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
            `At most ${behaviour.rateLimitPerSecond} requests per second.`
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
      answer = await route.handler({ req, params, query, body, path })
    } catch (error) {
      if (error instanceof OAuthProblem) {
        answer = { status: error.status, json: { error: error.error, error_description: error.description } }
      } else if (error instanceof HttpProblem) {
        send(
          res,
          route.bareErrors
            ? { status: error.status }
            : { status: error.status, json: problemBody(req, error.status, error.title, error.detail) },
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
      if (id !== behaviour.clientId || secret !== behaviour.clientSecret)
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
        Object.assign(behaviour, next)
      },
      expireTokens: () => state.expireAllTokens(),
      calls: () => ({ ...calls }),
      duplicateStarts: () => duplicateStarts,
      uploadAsProvider(dossierId, processId, images) {
        const process = state.dossier(dossierId)?.processes.get(processId)
        if (!process) throw new Error('no such process')
        if (!hasPortrait(process)) throw new Error(`a ${process.provider} process gets its images through Set images`)
        if (state.statusOf(process) !== 'pending') throw new Error('the process is no longer pending')
        Object.assign(process.images, images)
        process.updatedAt = now()
      },
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
    credentials: { clientId: behaviour.clientId, clientSecret: behaviour.clientSecret },
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
const CreateProcessBody = z.object({ provider: Provider, processType: z.string().max(100).optional() }).loose()
const DEPICTION_VALUES: readonly string[] = ['front', 'back', 'selfie', 'portrait']
const SetImagesBody = z.strictObject({
  front: z.string().optional(),
  back: z.string().optional(),
  selfie: z.string().optional()
})
const Base64 = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
/**
 * `VerifyRequest` for FaceTec: the document says facetecEnrollment and imageDepiction are "required"
 * for the facetec provider. Unknown fields are refused (*ours*: the document's schema would allow them).
 */
const StartBody = z.strictObject({
  facetecEnrollment: z.strictObject({
    faceScan: Base64,
    auditTrailImage: Base64,
    lowQualityAuditTrailImage: Base64,
    userAgent: z.string().min(1).max(2000)
  }),
  imageDepiction: z.enum(['selfie', 'front']),
  rauthorityId: z.string().max(200).optional(),
  rAuthorityId: z.string().max(200).optional()
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

/** The full-result zip: the process as JSON plus the media, "as obtained from the provider" (*ours*: the layout). */
function fullResultZip(process: SandboxProcess, view: Record<string, unknown>): Uint8Array {
  const files: Record<string, Uint8Array> = { 'process.json': strToU8(JSON.stringify(view, null, 2)) }
  for (const [depiction, image] of Object.entries(process.images))
    files[`${depiction}.${image.mimeType === 'image/png' ? 'png' : 'jpg'}`] = image.bytes
  if (process.enrollment) {
    files['facetec/auditTrailImage.jpg'] = process.enrollment.auditTrailImage
    files['facetec/lowQualityAuditTrailImage.jpg'] = process.enrollment.lowQualityAuditTrailImage
    files['facetec/faceScan.b64'] = strToU8(process.enrollment.faceScan)
  }
  return zipSync(files, { level: 6 })
}
