/**
 * The kiosk's telemetry against a real OTLP/HTTP receiver in this process (test/support/otlp-receiver):
 * what arrives, with which resource and attributes, what never does, and what a collector in trouble
 * costs the kiosk (a bounded amount of memory, counted drops, never a wait).
 */
import { mkdir, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AssureError } from '../../../main/assure/errors'
import { createLogger, type Logger } from '../../../main/log/logger'
import { memorySink } from '../../support/log'
import { SDK_SCRIPT } from '../../../main/app-origin/sdk-folder'
import { METRICS } from '../../../main/telemetry/catalogue'
import { teeSinks } from '../../../main/telemetry/log-sinks'
import type { TelemetrySources } from '../../../main/telemetry/observers'
import { startTelemetry, type Telemetry, type TelemetryOptions } from '../../../main/telemetry/telemetry'
import type { JobView } from '../../../preload/api'
import { ManualClock } from '../../support/manual-clock'
import {
  latest,
  logRecordsOf,
  pointsOf,
  resourcesOf,
  startOtlpReceiver,
  type OtlpReceiver
} from '../../support/otlp-receiver'
import { tempDir } from '../../support/temp-dir'

const DAY = 24 * 3600_000
const JOB_ID = '0d5b2f8e-3c1a-4b7e-9f20-6a8c4e1d7b35'
const DOSSIER_ID = '7e1f4c2a-9b3d-4e8f-a6c5-1d2b3c4e5f60'

let receiver: OtlpReceiver | null = null
let telemetry: Telemetry | null = null
afterEach(async () => {
  await telemetry?.shutdown(500)
  telemetry = null
  await receiver?.close()
  receiver = null
})

function start(options: Partial<TelemetryOptions> & { clock?: ManualClock; log?: Logger } = {}): Telemetry {
  if (!receiver) throw new Error('start the receiver first')
  telemetry = startTelemetry({
    endpoint: receiver.url,
    // Long: the tests export when they say so (flush), unless they are about the schedule.
    exportIntervalMs: 3_600_000,
    headers: {},
    logs: 'warn',
    resource: { kioskId: 'oslo-storgata-01', site: 'Oslo Storgata', version: '1.4.0', mode: 'live' },
    clock: options.clock ?? new ManualClock(),
    log: options.log ?? createLogger({ sink: () => {} }),
    ...options
  })
  return telemetry
}

function view(phase: JobView['phase'], extra: Partial<JobView> = {}): JobView {
  return {
    jobId: JOB_ID,
    visitReference: null,
    phase,
    result: null,
    failure: null,
    attempts: 0,
    createdAt: '2026-11-26T08:58:30.000Z',
    updatedAt: '2026-11-26T09:00:00.000Z',
    ...extra
  }
}

async function sources(jobs: JobView[] = []): Promise<TelemetrySources> {
  const dir = await tempDir('telemetry')
  const data = join(dir, 'data')
  await mkdir(join(data, 'jobs'), { recursive: true })
  await writeFile(join(data, 'jobs', 'a.json'), 'x'.repeat(1000))
  await writeFile(join(data, 'kiosk.log'), 'y'.repeat(500))
  const sdk = join(dir, 'sdk')
  await mkdir(join(sdk, 'core-sdk', 'FaceTecSDK.js'), { recursive: true })
  await writeFile(join(sdk, SDK_SCRIPT), '/* FaceTec */')
  await writeFile(join(sdk, 'package.json'), JSON.stringify({ version: '9.7.27' }))
  // FaceTec built it 80 days before the test's clock: the 90-day update is due in 10 days.
  const built = new Date(new ManualClock().now() - 80 * DAY)
  await utimes(join(sdk, SDK_SCRIPT), built, built)
  return {
    connectivity: () => 'online',
    jobs: () => jobs,
    dataFolder: data,
    faceTecSdk: { root: sdk, simulated: false }
  }
}

describe('telemetry to the operator’s collector', () => {
  it('exports every metric over OTLP/HTTP with the kiosk as its resource', async () => {
    receiver = await startOtlpReceiver()
    const clock = new ManualClock()
    const kiosk = start({ clock, headers: { 'X-Scope-OrgID': 'bank-kiosks' } })
    kiosk.watch(await sources([view('queued', { attempts: 2 })]))

    kiosk.visit({ event: 'started' })
    kiosk.faceTecOutcome({
      phase: 'initialization',
      ok: true,
      status: { code: 1, name: 'Initialized' },
      reason: 'initialized',
      action: 'continue',
      mode: 'production',
      sdkVersion: '9.7.27',
      scans: 0,
      errorCodes: [],
      durationMs: 640
    })
    kiosk.faceTecOutcome({
      phase: 'session',
      ok: true,
      status: { code: 0, name: 'SessionCompletedSuccessfully' },
      reason: 'submitted',
      action: 'continue',
      mode: 'production',
      sdkVersion: '9.7.27',
      scans: 1,
      errorCodes: []
    })
    kiosk.assureAttempt({ operation: 'createDossier', durationMs: 120, error: null })
    kiosk.assureAttempt({ operation: 'getProcess', durationMs: 4_000, error: 'network' })
    kiosk.jobUpdated(view('processing'))
    kiosk.jobUpdated(view('completed', { result: 'accepted' }))
    kiosk.jobUpdated(view('completed', { result: 'accepted' }))
    kiosk.visit({
      event: 'ended',
      outcome: 'accepted',
      timings: { startToCameraMs: 8_400, cameraWaitMs: 310, captureToResultMs: 560 }
    })
    kiosk.visit({ event: 'service', outOfService: 'assure' })
    await clock.advance(90_000)
    await kiosk.flush()

    const points = pointsOf(receiver.metrics())
    expect(latest(points, 'kiosk.visits.started')?.value).toBe(1)
    expect(latest(points, 'kiosk.visits.ended', { 'kiosk.visit.outcome': 'accepted' })?.value).toBe(1)
    expect(latest(points, 'kiosk.journey.start_to_camera')).toMatchObject({ count: 1, sum: 8.4, unit: 's' })
    expect(latest(points, 'kiosk.journey.camera_wait')).toMatchObject({ count: 1, sum: 0.31 })
    expect(latest(points, 'kiosk.journey.capture_to_result')).toMatchObject({ count: 1, sum: 0.56 })
    expect(
      latest(points, 'kiosk.facetec.initialization.duration', {
        'kiosk.facetec.result': 'initialized',
        'kiosk.facetec.mode': 'production'
      })
    ).toMatchObject({ count: 1, sum: 0.64 })
    expect(latest(points, 'kiosk.facetec.sessions', { 'kiosk.facetec.result': 'submitted' })?.value).toBe(1)
    expect(
      latest(points, 'kiosk.assure.request.duration', { 'kiosk.assure.operation': 'createDossier' })
    ).toMatchObject({ count: 1, sum: 0.12, attributes: { 'kiosk.assure.operation': 'createDossier' } })
    expect(
      latest(points, 'kiosk.assure.request.duration', {
        'kiosk.assure.operation': 'getProcess',
        'error.type': 'network'
      })
    ).toMatchObject({ count: 1, sum: 4 })
    // One job, counted once however many updates say it has completed.
    expect(
      latest(points, 'kiosk.verifications.ended', {
        'kiosk.verification.end': 'completed',
        'kiosk.verification.result': 'accepted'
      })?.value
    ).toBe(1)
    expect(latest(points, 'kiosk.out_of_service', { 'kiosk.out_of_service.cause': 'assure' })?.value).toBe(1)
    expect(latest(points, 'kiosk.out_of_service', { 'kiosk.out_of_service.cause': 'camera' })?.value).toBe(0)
    expect(latest(points, 'kiosk.out_of_service.time', { 'kiosk.out_of_service.cause': 'assure' })?.value).toBe(90)
    expect(latest(points, 'kiosk.connectivity', { 'kiosk.connectivity.state': 'online' })?.value).toBe(1)
    expect(latest(points, 'kiosk.connectivity', { 'kiosk.connectivity.state': 'offline' })?.value).toBe(0)
    expect(latest(points, 'kiosk.outbox.depth')?.value).toBe(1)
    // Created at 08:58:30, and the clock reads 09:01:30 after the 90 s above.
    expect(latest(points, 'kiosk.outbox.oldest_age')?.value).toBe(180)
    expect(latest(points, 'kiosk.data_folder.size')).toMatchObject({ value: 1500, unit: 'By' })
    expect(latest(points, 'kiosk.facetec.sdk.info')?.attributes).toEqual({
      'kiosk.facetec.sdk.version': '9.7.27',
      'kiosk.facetec.sdk.simulated': false
    })
    expect(latest(points, 'kiosk.facetec.sdk.update_due')).toMatchObject({ value: 9, unit: 'd' })
    expect(latest(points, 'kiosk.app.info')?.attributes).toEqual({ 'kiosk.app.version': '1.4.0', 'kiosk.mode': 'live' })
    // Every metric in the catalogue is there, under its documented unit.
    for (const spec of Object.values(METRICS).filter((spec) => !spec.name.startsWith('kiosk.telemetry.')))
      expect(latest(points, spec.name)?.unit, spec.name).toBe(spec.unit)

    expect(resourcesOf(receiver)[0]).toMatchObject({
      'service.name': 'assure-kiosk',
      'service.version': '1.4.0',
      'service.instance.id': 'oslo-storgata-01',
      'kiosk.id': 'oslo-storgata-01',
      'kiosk.site': 'Oslo Storgata',
      'kiosk.mode': 'live'
    })
    expect(receiver.requests[0]?.headers['x-scope-orgid']).toBe('bank-kiosks')
    expect(receiver.requests[0]?.headers['content-type']).toBe('application/json')
  })

  it('leaves the site out of the resource when none is configured', async () => {
    receiver = await startOtlpReceiver()
    start({ resource: { kioskId: 'k-2', version: '1.4.0', mode: 'demo' } }).visit({ event: 'started' })
    await telemetry?.flush()
    expect(resourcesOf(receiver)[0]).not.toHaveProperty('kiosk.site')
    expect(resourcesOf(receiver)[0]).toMatchObject({ 'kiosk.id': 'k-2', 'kiosk.mode': 'demo' })
  })

  it('sends warnings and errors from main’s log, redacted, and only codes and numbers with them', async () => {
    receiver = await startOtlpReceiver()
    const file = memorySink()
    const kiosk = start()
    const log = createLogger({ sink: teeSinks(file, (record) => kiosk.logSink?.(record)) }).child('verification')
    const refusal = new AssureError({
      kind: 'client',
      operation: 'startVerification',
      status: 400,
      ambiguous: false,
      problem: { title: 'Name on document does not match Kari Nordmann', traceId: 'f3a9c2e4b1d07f6a' }
    })
    log.warn('job failed', {
      jobId: JOB_ID,
      dossierId: DOSSIER_ID,
      operation: 'startVerification',
      kind: 'client',
      status: 400,
      traceId: 'f3a9c2e4b1d07f6a',
      detail: 'Name on document does not match Kari Nordmann',
      authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJrIn0.c2lnbmF0dXJl',
      lastError: `startVerification: client 400 ${JOB_ID}`,
      error: refusal
    })
    log.error(`a message that names ${DOSSIER_ID} by mistake`)
    log.info('job ended', { jobId: JOB_ID, kind: 'completed' })
    await kiosk.flush()

    const records = logRecordsOf(receiver.logs())
    expect(records).toEqual([
      {
        severity: 'WARN',
        body: 'job failed',
        attributes: {
          operation: 'startVerification',
          kind: 'client',
          status: 400,
          'error.name': 'AssureError',
          'kiosk.log.scope': 'main.verification'
        }
      },
      {
        severity: 'ERROR',
        body: 'a message that names [id] by mistake',
        attributes: { 'kiosk.log.scope': 'main.verification' }
      }
    ])
    const wire = receiver.requests.map((request) => request.body).join('\n')
    for (const leaked of [JOB_ID, DOSSIER_ID, 'f3a9c2e4b1d07f6a', 'Kari', 'Nordmann', 'eyJ', 'Bearer'])
      expect(wire).not.toContain(leaked)
    // The kiosk's own file keeps what it always kept.
    expect(file.records).toHaveLength(3)
  })

  it('sends nothing from the log when logs are off', async () => {
    receiver = await startOtlpReceiver()
    const kiosk = start({ logs: 'off' })
    expect(kiosk.logSink).toBeNull()
    kiosk.visit({ event: 'started' })
    await kiosk.flush()
    expect(receiver.requests.map((request) => request.path)).toEqual(['/v1/metrics'])
  })
})

describe('a collector in trouble', () => {
  it('hanging: one request at a time, every failed export counted, and the totals arrive once it answers', async () => {
    receiver = await startOtlpReceiver('hang')
    const failed: string[] = []
    let exportedAgain: () => void = () => {}
    const back = new Promise<void>((resolve) => (exportedAgain = resolve))
    const kiosk = start({
      // Exports every 20 ms, each request allowed 1 s: without the one-at-a-time rule they would pile up.
      exportIntervalMs: 20,
      exportTimeoutMs: 1_000,
      maxPendingLogRecords: 16,
      onExport: (signal, ok) => {
        if (!ok) failed.push(signal)
        else if (signal === 'metrics') exportedAgain()
      }
    })
    const log = createLogger({ sink: (record) => kiosk.logSink?.(record) })

    // A busy day while the collector hangs: reporting returns at once, every time.
    for (let visit = 0; visit < 2_000; visit++) {
      expect(kiosk.visit({ event: 'started' })).toBeUndefined()
      kiosk.assureAttempt({ operation: 'createDossier', durationMs: 100, error: null })
      log.warn('waiting in the outbox', { operation: 'startVerification', kind: 'network' })
    }
    await expect
      .poll(() => failed.filter((signal) => signal === 'metrics').length, { timeout: 20_000 })
      .toBeGreaterThan(5)

    // Bounded: one metrics request and one logs request in flight at most, never a pile of them.
    expect(receiver.maxInFlightOf('/v1/metrics')).toBe(1)
    expect(receiver.maxInFlightOf('/v1/logs')).toBeLessThanOrEqual(1)

    receiver.behave('ok')
    await back
    await kiosk.flush()
    const points = pointsOf(receiver.metrics())
    // Cumulative sums: what was recorded during the outage is all in the first export that arrives.
    expect(latest(points, 'kiosk.visits.started')?.value).toBe(2_000)
    expect(latest(points, 'kiosk.assure.request.duration')?.count).toBe(2_000)
    expect(latest(points, 'kiosk.telemetry.exports.failed', { 'kiosk.telemetry.signal': 'metrics' })?.value).toBe(
      failed.filter((signal) => signal === 'metrics').length
    )
    // At most 16 records were ever waiting; the rest were dropped on the spot, and counted.
    const dropped = latest(points, 'kiosk.telemetry.log_records.dropped')?.value ?? 0
    expect(dropped).toBeGreaterThanOrEqual(2_000 - 16)
    expect(dropped).toBeLessThanOrEqual(2_000)
  })

  it('refusing the kiosk’s credentials (401): the exports are counted as failed and the kiosk carries on', async () => {
    receiver = await startOtlpReceiver({ status: 401 })
    const sink = memorySink()
    const outcomes: boolean[] = []
    const kiosk = start({ log: createLogger({ sink }), logs: 'off', onExport: (_signal, ok) => outcomes.push(ok) })
    kiosk.visit({ event: 'started' })
    await kiosk.flush()
    await kiosk.flush()
    receiver.behave('ok')
    await kiosk.flush()
    expect(outcomes).toEqual([false, false, true])
    expect(latest(pointsOf(receiver.metrics()), 'kiosk.telemetry.exports.failed')?.value).toBe(2)
    // Said once when it starts failing and once when it recovers, not at every export.
    expect(sink.records.filter((record) => record.scope === 'main.telemetry').map((record) => record.message)).toEqual([
      'telemetry to the collector is on',
      'telemetry exports to the collector are failing; the kiosk carries on and counts what is dropped',
      'telemetry exports reach the collector again'
    ])
  })

  it('shutting down gives up on a hanging collector instead of keeping the kiosk from quitting', async () => {
    receiver = await startOtlpReceiver('hang')
    const kiosk = start({ exportTimeoutMs: 60_000 })
    kiosk.visit({ event: 'started' })
    const arrived = receiver.nextRequest('/v1/metrics')
    const stopping = kiosk.shutdown(50)
    await arrived
    await expect(stopping).resolves.toBeUndefined()
    expect(receiver.inFlight).toBeGreaterThan(0)
  })
})
