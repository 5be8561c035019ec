/**
 * The fleet's view of a kiosk, end to end: a person goes through the built renderer in Chromium, main's
 * real services export to a real OTLP/HTTP receiver in this process (the operator's collector), and
 * what arrives is read as OpenTelemetry's own export requests: the visit and its outcome, the waits the
 * person had (P1, P2), FaceTec's initialization, Assure's latency per operation, the kiosk's state,
 * with the kiosk as the resource, and nothing that names the person's check.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { systemClock } from '../../main/lib/clock'
import { createLogger } from '../../main/log/logger'
import { startTelemetry, type Telemetry, type TelemetryOptions } from '../../main/telemetry/telemetry'
import {
  latest,
  logRecordsOf,
  pointsOf,
  resourcesOf,
  startOtlpReceiver,
  type OtlpReceiver,
  type Point
} from '../support/otlp-receiver'
import { BRISK_FACETEC, throughToLiveness } from './harness/journey'
import { ROOT, type KioskHarness, type KioskHarnessOptions } from './harness/kiosk-harness'
import { kioskPerTest } from './harness/kiosk-per-test'

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i

const kiosks = kioskPerTest()

async function open(
  collector: OtlpReceiver,
  options: KioskHarnessOptions = {},
  exporting: Partial<TelemetryOptions> = {}
): Promise<{ k: KioskHarness; t: Telemetry }> {
  const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }
  const t = startTelemetry({
    endpoint: collector.url,
    exportIntervalMs: 3_600_000,
    headers: {},
    logs: 'info',
    resource: { kioskId: 'e2e-kiosk', site: 'Bergen Torgallmenningen', version, mode: 'demo' },
    clock: systemClock,
    log: createLogger({ sink: () => {} }),
    ...exporting
  })
  // Stopped after the kiosk (closed and checked), in this order: the exporter, then its collector.
  kiosks.alsoStop({ close: () => t.shutdown(200) })
  kiosks.alsoStop(collector)
  const k = await kiosks.open({
    inspect: false,
    telemetry: t,
    // Everything main logs is offered to the collector (the guard decides what goes).
    onLog: (record) => t.logSink?.(record),
    ...options
  })
  return { k, t }
}

/** The latest points once `ready` holds for them (the renderer's reports reach main asynchronously). */
async function exported(t: Telemetry, collector: OtlpReceiver, ready: (points: Point[]) => boolean): Promise<Point[]> {
  let points: Point[] = []
  await expect
    .poll(
      async () => {
        await t.flush()
        points = pointsOf(collector.metrics())
        return ready(points)
      },
      { timeout: 15_000 }
    )
    .toBe(true)
  return points
}

const ended = (points: Point[], outcome: string): number =>
  latest(points, 'kiosk.visits.ended', { 'kiosk.visit.outcome': outcome })?.value ?? 0

describe('a fleet’s view of the kiosk', () => {
  it('after a visit: its outcome, the person’s waits, FaceTec, Assure per operation and the kiosk’s state', async () => {
    const receiver = await startOtlpReceiver()
    const { k, t } = await open(receiver)
    await throughToLiveness(k)
    await k.expectScreen('result')
    await k.page.getByTestId('finish').click()
    await k.expectScreen('attract')
    // A second visitor reads the notice and declines.
    await k.page.getByTestId('start').click()
    await k.expectScreen('consent')
    await k.page.getByTestId('decline').click()
    await k.expectScreen('attract')

    const points = await exported(t, receiver, (p) => ended(p, 'abandoned') === 1)
    expect(latest(points, 'kiosk.visits.started')?.value).toBe(2)
    expect(ended(points, 'accepted')).toBe(1)
    for (const wait of [
      'kiosk.journey.start_to_camera',
      'kiosk.journey.camera_wait',
      'kiosk.journey.capture_to_result'
    ])
      expect(latest(points, wait), wait).toMatchObject({ count: 1, unit: 's', sum: expect.any(Number) })
    // The simulated SDK takes its scripted 50 ms to initialize: the reported time is at least that.
    // The sandbox's FaceTec process carries a production key, so FaceTec initializes in production mode.
    const init = latest(points, 'kiosk.facetec.initialization.duration', {
      'kiosk.facetec.result': 'initialized',
      'kiosk.facetec.mode': 'production'
    })
    expect(init?.count).toBeGreaterThanOrEqual(1)
    expect(init?.sum).toBeGreaterThanOrEqual(BRISK_FACETEC.delays.initMs / 1000)
    expect(latest(points, 'kiosk.facetec.sessions', { 'kiosk.facetec.result': 'submitted' })?.value).toBe(1)
    for (const operation of ['token', 'createDossier', 'createProcess', 'setImages', 'startVerification', 'getProcess'])
      expect(
        latest(points, 'kiosk.assure.request.duration', { 'kiosk.assure.operation': operation })?.count,
        operation
      ).toBeGreaterThanOrEqual(1)
    expect(latest(points, 'kiosk.connectivity', { 'kiosk.connectivity.state': 'online' })?.value).toBe(1)
    expect(latest(points, 'kiosk.outbox.depth')?.value).toBe(0)
    expect(points.filter((p) => p.metric === 'kiosk.out_of_service').map((p) => p.value)).not.toContain(1)
    expect(latest(points, 'kiosk.facetec.sdk.info')?.attributes).toEqual({
      'kiosk.facetec.sdk.version': '9.7.27',
      'kiosk.facetec.sdk.simulated': true
    })
    expect(latest(points, 'kiosk.data_folder.size')?.value).toBeGreaterThan(0)
    expect(
      latest(points, 'kiosk.verifications.ended', {
        'kiosk.verification.end': 'completed',
        'kiosk.verification.result': 'accepted'
      })?.value
    ).toBe(1)
    expect(resourcesOf(receiver)[0]).toMatchObject({
      'service.name': 'assure-kiosk',
      'kiosk.id': 'e2e-kiosk',
      'kiosk.site': 'Bergen Torgallmenningen',
      'kiosk.mode': 'demo'
    })

    // Nothing that names the person's check: no job, dossier or process id, no image, no token.
    const ids = [...k.jobs.list().map((job) => job.jobId), ...k.sandbox.control.dossierIds()]
    expect(ids.length).toBeGreaterThan(1)
    for (const { text: body } of receiver.requests) {
      expect(body).not.toMatch(UUID)
      expect(body).not.toMatch(/[A-Za-z0-9+/]{100,}|data:image|Bearer/)
      for (const id of ids) expect(body).not.toContain(id)
    }
    expect(logRecordsOf(receiver.logs()).map((record) => record.body)).toContain('job ended')
  })

  it('a collector that hangs through the visits: they go on, ending in an idle reset and with staff, and the counts arrive later', async () => {
    const collector = await startOtlpReceiver('hang')
    const { k, t } = await open(
      collector,
      { journey: { idleTimeoutSeconds: 2, idleCountdownSeconds: 1, maxLivenessAttempts: 1 } },
      { exportIntervalMs: 300, exportTimeoutMs: 1_500 }
    )
    // Someone starts and walks away: the idle reset ends the visit.
    await k.expectScreen('attract')
    await k.page.getByTestId('start').click()
    await k.expectScreen('consent')
    await k.page.getByTestId('idle-banner').waitFor({ state: 'visible', timeout: 10_000 })
    await k.expectScreen('attract')
    // Someone whose face check times out, with one attempt allowed: sent to staff.
    await throughToLiveness(k, { sessions: [{ outcome: 'timeout' }] })
    await k.expectScreen('call-staff')
    // All the while the collector answered nothing.
    expect(collector.requests.length).toBeGreaterThan(0)
    expect(collector.maxInFlightOf('/v1/metrics')).toBe(1)

    collector.behave('ok')
    const points = await exported(t, collector, (p) => ended(p, 'sent-to-staff') === 1)
    expect(ended(points, 'idle-reset')).toBe(1)
    expect(latest(points, 'kiosk.visits.started')?.value).toBe(2)
    // FaceTec's own reading of the session (a timeout may pass on a retry); the journey sent the person to staff.
    expect(latest(points, 'kiosk.facetec.sessions', { 'kiosk.facetec.result': 'timeout' })?.value).toBe(1)
    expect(
      latest(points, 'kiosk.telemetry.exports.failed', { 'kiosk.telemetry.signal': 'metrics' })?.value
    ).toBeGreaterThan(0)
  })
})
