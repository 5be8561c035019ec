/** Builds a real Assure client (real undici, real HTTP) aimed at a sandbox, for tests. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Agent } from 'undici'
import { createAssureClient, type AssureClient, type AssureClientOptions } from '../../main/assure/client'
import { systemClock, type Clock } from '../../main/lib/clock'
import { validateImage, type ImageBytes } from '../../main/lib/images'
import { createLogger, type LogRecord } from '../../main/log/logger'
import { memorySink } from './log'
import { sandboxConnection } from '../../main/demo-backend'
import type { Sandbox } from '../../main/sandbox/server'

export { sandboxConnection }

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures')
export const referencePhoto: ImageBytes = validateImage(
  new Uint8Array(readFileSync(join(FIXTURES, 'reference-photo.jpg')))
)
export const otherPhoto: ImageBytes = validateImage(
  new Uint8Array(readFileSync(join(FIXTURES, 'other-person-photo.jpg')))
)

/** A FaceTec-like enrollment: bare base64 JPEGs for the audit trail, an opaque base64 face scan. */
export function sampleEnrollment() {
  const jpeg = Buffer.from(referencePhoto.bytes).toString('base64')
  return {
    faceScan: Buffer.from('simulated-facescan:'.repeat(200)).toString('base64'),
    auditTrailImage: jpeg,
    lowQualityAuditTrailImage: jpeg,
    userAgent: 'facetec|sim|test'
  }
}

export interface TestClient {
  client: AssureClient
  dispatcher: Agent
  logs: LogRecord[]
  observed: { network: number; server: number; responses: number }
}

export function clientFor(
  sandbox: Sandbox,
  overrides: Partial<AssureClientOptions> & { clock?: Clock } = {}
): TestClient {
  const dispatcher = new Agent({ connect: { timeout: 1_000 } })
  const sink = memorySink()
  const observed = { network: 0, server: 0, responses: 0 }
  const client = createAssureClient({
    ...sandboxConnection(sandbox),
    dispatcher,
    clock: systemClock,
    log: createLogger({ sink, level: 'debug' }),
    timeouts: { headersMs: 400, bodyMs: 400, totalMs: 3_000 },
    retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 2_000 },
    random: () => 0.5,
    observer: {
      onNetworkFailure: () => observed.network++,
      onServerFailure: () => observed.server++,
      onResponse: () => observed.responses++
    },
    ...overrides
  })
  return { client, dispatcher, logs: sink.records, observed }
}

/** A token from the sandbox's token endpoint, fetched by hand (as another Assure client would). */
export async function sandboxToken(sandbox: Pick<Sandbox, 'tokenUrl' | 'credentials'>): Promise<string> {
  const basic = Buffer.from(`${sandbox.credentials.clientId}:${sandbox.credentials.clientSecret}`).toString('base64')
  const answer = await fetch(sandbox.tokenUrl, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&scope=signicat-api'
  })
  return ((await answer.json()) as { access_token: string }).access_token
}

/**
 * Get dossier, which the kiosk never calls but the sandbox answers as the document describes: sent by
 * hand, so the conformance test can hold the sandbox's answer to the document.
 */
export async function getDossierByHand(
  sandbox: Pick<Sandbox, 'url' | 'tokenUrl' | 'credentials'>,
  dossierId: string
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${sandbox.url}/assure/dossiers/${encodeURIComponent(dossierId)}`, {
    headers: { authorization: `Bearer ${await sandboxToken(sandbox)}`, accept: 'application/json' }
  })
  return { status: response.status, body: await response.json() }
}

/**
 * An earlier ID-document check at the sandbox, as a kiosk's ticket names it: a dossier with a `readid`
 * process (created through the API), the document images its SDK would have uploaded (through the
 * control API: ReadID's app talks to ReadID, not to Assure), and its verification started (the API
 * answers 204), so it is accepted once the sandbox's processing delay has passed.
 */
export async function idDocumentCheck(
  sandbox: Sandbox,
  images: Partial<Record<'portrait' | 'front' | 'back' | 'selfie', ImageBytes>> = { portrait: otherPhoto }
): Promise<{ dossierId: string; processId: string }> {
  const token = await sandboxToken(sandbox)
  const call = async (path: string, body: unknown): Promise<Response> => {
    const response = await fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body)
    })
    if (!response.ok) throw new Error(`${path} answered ${response.status}`)
    return response
  }
  const { dossierId } = (await (await call('/assure/dossiers', {})).json()) as { dossierId: string }
  const { processId } = (await (
    await call(`/assure/dossiers/${dossierId}/processes`, { provider: 'readid', processType: 'sdk' })
  ).json()) as { processId: string }
  sandbox.control.uploadAsProvider(dossierId, processId, images)
  await call(`/assure/dossiers/${dossierId}/processes/${processId}`, {})
  return { dossierId, processId }
}
