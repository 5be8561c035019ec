/**
 * P6: what the main-side router costs for a 1 MB capture payload: the sender check, the structural
 * guard, the contract's schema (size limits and base64 checks), the hand-off to the service and the
 * output parse. The service itself answers at once.
 */
import { randomBytes } from 'node:crypto'
import { createIpcRouter, type IpcHandlers } from '../../main/ipc/router'
import { createLogger } from '../../main/log/logger'
import { invokeContract, type JobView } from '../../preload/api'
import { referencePhoto } from '../support/assure'
import { median, percentile, round, type BenchResult } from './support'

export async function runP6(): Promise<BenchResult> {
  const jobId = '3f6c2b1e-8d4a-4c1f-9b7e-2a5d6c8e9f01'
  const view: JobView = {
    jobId,
    visitReference: 'ACE347',
    phase: 'submitted',
    result: null,
    failure: null,
    attempts: 0,
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString()
  }
  const handlers = Object.fromEntries(
    Object.keys(invokeContract).map((name) => [name, () => view])
  ) as unknown as IpcHandlers
  const router = createIpcRouter({
    handlers,
    origin: { protocol: 'assure-kiosk:', host: 'app' },
    log: createLogger({ sink: () => {} })
  })
  const jpeg = Buffer.from(referencePhoto.bytes).toString('base64')
  // ~1 MB in all: a 980 kB face scan plus the two audit-trail images.
  const payload = {
    jobId,
    faceScan: randomBytes(735_000).toString('base64'),
    auditTrailImage: jpeg,
    lowQualityAuditTrailImage: jpeg,
    userAgent: 'facetec|sdk|browser|9.7.27|session',
    sessionId: 'session'
  }
  const bytes = JSON.stringify(payload).length
  const event = { senderFrame: { url: 'assure-kiosk://app/index.html', parent: null } }
  const times: number[] = []
  for (let index = 0; index < 220; index++) {
    const started = performance.now()
    const result = await router.dispatch(invokeContract.submitCapture.channel, event, [payload])
    const took = performance.now() - started
    if (!result.ok) throw new Error(`the router refused the benchmark payload: ${result.error.message}`)
    if (index >= 20) times.push(took)
  }
  return {
    benchmark: 'P6',
    measurements: [
      {
        name: 'P6 bridge: 1 MB capture through the router',
        value: median(times),
        unit: 'ms',
        target: { value: 15, lower: true },
        detail: `median of 200 (p95 ${round(percentile(times, 95), 2)} ms, max ${round(Math.max(...times), 2)} ms); payload ${round(bytes / 1e6, 2)} MB`
      }
    ],
    notes: []
  }
}
