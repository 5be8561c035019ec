/**
 * P5: 200 captured jobs queued through an outage, drained when the network returns, against the
 * sandbox's rate limit of 20 requests per second (429 above it). Compared with the bound the limit sets
 * (requests made / 20 per second), and with how many requests were answered 429.
 */
import { captureFor, startRig } from './engine-rig'
import { round, type BenchResult } from './support'

const JOBS = 200
const LIMIT = 20

interface Drain {
  seconds: number
  requests: number
  limited: number
  completed: number
}

async function drain(maxRequestsPerSecond: number | undefined): Promise<Drain> {
  // The zip at once: the benchmark measures the kiosk's drain, not how long Assure takes to make the full result.
  const rig = await startRig({
    sandbox: { processingDelayMs: 0, maxDossiers: JOBS, fullResultDelayMs: 0 },
    maxRequestsPerSecond
  })
  const sessions = await Promise.all(Array.from({ length: JOBS }, () => rig.engine.prepare()))
  await Promise.all(sessions.map(({ jobId }) => rig.settled(jobId)))

  // The outage: every capture goes to the outbox.
  rig.sandbox.control.addFault({ endpoint: '*', fault: { kind: 'reset' } })
  rig.connectivity.set('offline')
  await Promise.all(sessions.map(({ jobId }) => rig.engine.submitCapture(captureFor(jobId))))
  await Promise.all(sessions.map(({ jobId }) => rig.until(jobId, (view) => view.phase === 'queued')))

  // The network returns, behind Assure's rate limit.
  rig.sandbox.control.reset()
  rig.sandbox.control.configure({ rateLimitPerSecond: LIMIT })
  const started = performance.now()
  rig.connectivity.set('online')
  const done = await Promise.all(sessions.map(({ jobId }) => rig.settled(jobId)))
  const seconds = (performance.now() - started) / 1000
  const requests = Object.values(rig.sandbox.control.calls()).reduce((sum, count) => sum + count, 0)
  const limited = rig.sandbox.control.rateLimited()
  await rig.close()
  return { seconds, requests, limited, completed: done.filter((view) => view.phase === 'completed').length }
}

export async function runP5(): Promise<BenchResult> {
  const paced = await drain(LIMIT)
  // For comparison: the same drain with assure.maxRequestsPerSecond unset.
  const unpaced = await drain(undefined)
  const bound = paced.requests / LIMIT
  return {
    benchmark: 'P5',
    measurements: [
      {
        name: `P5 outbox drain, ${JOBS} jobs at ${LIMIT} req/s`,
        value: paced.seconds,
        unit: 's',
        target: { value: 1.2 * bound, lower: true },
        detail: `${paced.completed}/${JOBS} completed; ${paced.requests} requests, bound ${round(bound)} s (1.2x = ${round(1.2 * bound)} s)`
      },
      {
        name: 'P5 requests answered 429',
        value: (100 * paced.limited) / paced.requests,
        unit: '%',
        target: { value: 1, lower: true },
        detail: `${paced.limited} of ${paced.requests}`
      },
      {
        name: 'P5 same drain, maxRequestsPerSecond unset',
        value: unpaced.seconds,
        unit: 's',
        target: null,
        detail: `${unpaced.completed}/${JOBS} completed; ${unpaced.limited} of ${unpaced.requests} requests answered 429`
      }
    ],
    notes: [
      `P5: ${round(paced.requests / JOBS, 2)} requests per job after the outage (the selfie, the start, the polls and the accepted result's download, plus a few token calls).`
    ]
  }
}
