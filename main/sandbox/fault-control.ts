/**
 * The sandbox's fault injection and control API, for tests and `npm run sandbox`: what an endpoint
 * does instead of (or after) answering, and the JSON control API under /__sandbox/. Kept out of
 * ./server.ts so the app's bundle (demo mode runs the sandbox) carries none of it; test/e2e's bundle
 * test checks that.
 */
import { z } from 'zod'
import { parseImageDataUrl, type ImageBytes } from '../lib/images'
import { createFaultBook, FaultRule } from './faults'
import {
  startSandbox as startSandboxServer,
  type Answer,
  type Sandbox,
  type SandboxControl,
  type SandboxFaults,
  type SandboxOptions
} from './server'
import { Outcome, type Depiction } from './state'
import { zipBomb } from './zip-bomb'

export { CONTROL_PREFIX, TOKEN_PATH, type Sandbox, type SandboxRequestRecord } from './server'

/** The sandbox with fault injection (`sandbox.control.addFault`), and with `controlApi` its control API over HTTP. */
export function startSandbox(
  options: Omit<SandboxOptions, 'faults'> & {
    /** Serve the control API over HTTP under /__sandbox/ (`npm run sandbox`, tests of the API itself). */
    controlApi?: boolean
  } = {}
): Promise<Sandbox> {
  const { controlApi, ...rest } = options
  return startSandboxServer({
    ...rest,
    faults: { book: createFaultBook(), apply: applyFault, ...(controlApi ? { controlApi: handleControl } : {}) }
  })
}

const applyFault: SandboxFaults['apply'] = async (fault, req, res, refuse) => {
  switch (fault.kind) {
    case 'delay':
      await new Promise((resolve) => setTimeout(resolve, fault.ms))
      return 'continue'
    case 'hang':
      return 'handled'
    case 'reset':
      req.socket.destroy()
      return 'handled'
    case 'json': {
      const text = JSON.stringify(fault.body ?? null)
      res.writeHead(fault.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
      res.end(text)
      return 'handled'
    }
    case 'zip-bomb': {
      const bytes = await zipBomb(fault)
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': bytes.length })
      res.end(bytes)
      return 'handled'
    }
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
      refuse(fault.status, title, headers)
      return 'handled'
    }
  }
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
            fullResultDelayMs: z.number().int().min(0).max(3_600_000).optional(),
            latencyMs: z.number().int().min(0).max(60_000).optional(),
            maxDossiers: z.number().int().min(1).max(1_000_000).optional()
          })
        )
      )
      return { status: 204 }
    }
    if (method === 'POST' && path === 'provider-images') {
      const DataUrl = z.string().max(8 * 1024 * 1024)
      const { dossierId, processId, images } = parse(
        z.strictObject({
          dossierId: z.string(),
          processId: z.string(),
          images: z.strictObject({
            portrait: DataUrl.optional(),
            front: DataUrl.optional(),
            back: DataUrl.optional(),
            selfie: DataUrl.optional()
          })
        })
      )
      const decoded: Partial<Record<Depiction, ImageBytes>> = {}
      for (const [depiction, dataUrl] of Object.entries(images))
        decoded[depiction as Depiction] = parseImageDataUrl(dataUrl)
      control.uploadAsProvider(dossierId, processId, decoded)
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
