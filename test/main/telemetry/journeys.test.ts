/**
 * Telemetry over whole visits, with main composed as the app composes it (main/compose.ts), Assure's
 * sandbox over real HTTP, every call made through the IPC router as the renderer makes it, and a real
 * OTLP/HTTP receiver as the collector:
 * - no personal data leaves: every payload exported over visits in every outcome is scanned, as it
 *   arrived on the wire, for the ids, keys, images and texts those visits produced;
 * - the kiosk never waits for the collector: with one that holds every request unanswered, the visits
 *   complete, and their timings on the kiosk's (injected) clock are exactly those of a kiosk without
 *   telemetry.
 */
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { systemClock, type Clock } from '../../../main/lib/clock'
import { createLogger, type Logger } from '../../../main/log/logger'
import { SANDBOX_FAIL_REASON } from '../../../main/sandbox/state'
import { startSandbox, type Sandbox } from '../../../main/sandbox/fault-control'
import { lateSink } from '../../../main/telemetry/log-sinks'
import { startTelemetry, type Telemetry } from '../../../main/telemetry/telemetry'
import type { FaceTecOutcome, JobView, PreparedSession, ReferenceInput, VisitOutcome } from '../../../preload/api'
import { referencePhoto } from '../../support/assure'
import { startKioskMain, type KioskMain } from '../../support/kiosk-main'
import { ManualClock } from '../../support/manual-clock'
import { tempDir } from '../../support/temp-dir'
import { latest, logRecordsOf, pointsOf, startOtlpReceiver, type OtlpReceiver } from '../../support/otlp-receiver'

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface Rig {
  kiosk: KioskMain
  sandbox: Sandbox
  receiver: OtlpReceiver | null
  telemetry: Telemetry | null
  failedExports: () => number
}

async function rig(options: {
  clock: Clock
  collector: 'none' | 'answering' | 'hanging'
  exportIntervalMs: number
  sandbox?: Parameters<typeof startSandbox>[0]
  verification?: Parameters<typeof startKioskMain>[0]['verification']
}): Promise<Rig> {
  const sandbox = await startSandbox({ controlApi: false, ...options.sandbox })
  cleanups.push(() => sandbox.close())
  const logs = lateSink()
  const log: Logger = createLogger({ sink: logs, level: 'debug' })
  let receiver: OtlpReceiver | null = null
  let telemetry: Telemetry | null = null
  let failed = 0
  if (options.collector !== 'none') {
    const collector = await startOtlpReceiver(options.collector === 'hanging' ? 'hang' : 'ok')
    receiver = collector
    cleanups.push(() => collector.close())
    const started = startTelemetry({
      endpoint: collector.url,
      exportIntervalMs: options.exportIntervalMs,
      // A hanging collector keeps each request for the whole test: nothing is ever answered or timed out.
      exportTimeoutMs: 600_000,
      headers: {},
      // Everything main logs goes out: the most there is to leak.
      logs: 'info',
      resource: { kioskId: 'oslo-storgata-01', site: 'Oslo Storgata', version: '1.4.0', mode: 'demo' },
      clock: options.clock,
      log,
      onExport: (_signal, ok) => {
        if (!ok) failed++
      }
    })
    telemetry = started
    logs.attach(started.logSink)
    cleanups.push(() => started.shutdown(100))
  }
  const kiosk = await startKioskMain({
    dataDir: await tempDir('kiosk-main'),
    sandbox,
    clock: options.clock,
    log,
    telemetry: telemetry ?? undefined,
    verification: options.verification,
    // One of the visits brings a ticket (an earlier check's dossier and process).
    referenceSource: 'ticket',
    // Probes only when told to, so the injected clock moves for the visit's own timers alone.
    connectivity: { onlineIntervalMs: 3_600_000, recoveryIntervalMs: 3_600_000, probeTimeoutMs: 3_600_000 }
  })
  cleanups.push(() => kiosk.close())
  await kiosk.services.connectivity.whenOnline()
  return { kiosk, sandbox, receiver, telemetry, failedExports: () => failed }
}

/** What the renderer hands over after a FaceTec session: recognisable, so a leak would be found. */
function captureOf(jobId: string) {
  const jpeg = Buffer.from(referencePhoto.bytes).toString('base64')
  return {
    jobId,
    faceScan: randomBytes(3_000).toString('base64'),
    auditTrailImage: jpeg,
    lowQualityAuditTrailImage: jpeg,
    userAgent: 'facetec|9.7.27|kiosk-ua-7f3e',
    sessionId: 'fts-session-5c8e1a'
  }
}

const initialized: FaceTecOutcome = {
  phase: 'initialization',
  ok: true,
  status: { code: 1, name: 'Initialized' },
  reason: 'initialized',
  action: 'continue',
  mode: 'development',
  sdkVersion: '9.7.27',
  scans: 0,
  errorCodes: [],
  durationMs: 612
}

function session(ok: boolean, reason: string, action: FaceTecOutcome['action']): FaceTecOutcome {
  return {
    phase: 'session',
    ok,
    status: ok ? { code: 0, name: 'SessionCompletedSuccessfully' } : { code: 2, name: 'Timeout' },
    reason,
    action,
    mode: 'development',
    sdkVersion: '9.7.27',
    scans: ok ? 1 : 0,
    errorCodes: []
  }
}

const ended = (outcome: VisitOutcome, captured: boolean) =>
  ({
    event: 'ended',
    outcome,
    timings: { startToCameraMs: 9_120, cameraWaitMs: 240, captureToResultMs: captured ? 610 : null }
  }) as const

describe('no personal data leaves the kiosk', () => {
  it('scans every exported payload of visits in every outcome for their ids, keys, images and texts', async () => {
    const { kiosk, sandbox, receiver, telemetry } = await rig({
      clock: systemClock,
      collector: 'answering',
      exportIntervalMs: 3_600_000,
      sandbox: { behaviour: { processingDelayMs: 50, fullResultDelayMs: 0 } },
      // The queued visit's job retries within milliseconds rather than the field's seconds.
      verification: { outbox: { baseDelayMs: 20, maxDelayMs: 100 } }
    })
    if (!receiver || !telemetry) throw new Error('telemetry is on in this test')
    const { invoke, jobs } = kiosk
    /** Everything that must never be found in what the collector receives. */
    const secrets = new Set<string>([
      sandbox.credentials.clientSecret,
      SANDBOX_FAIL_REASON.message,
      'Request refused.',
      Buffer.from(referencePhoto.bytes).toString('base64').slice(200, 260)
    ])
    const sessions: PreparedSession[] = []

    const begin = async (reference?: ReferenceInput) => {
      await invoke('reportVisit', { event: 'started' })
      const prepared = await invoke('prepareVerification', reference ? { reference } : {})
      sessions.push(prepared)
      await invoke('reportFaceTecOutcome', initialized)
      return prepared.jobId
    }
    const captureAndWait = async (jobId: string): Promise<JobView> => {
      const capture = captureOf(jobId)
      for (const value of [capture.faceScan.slice(100, 160), capture.userAgent, capture.sessionId]) secrets.add(value)
      await invoke('submitCapture', capture)
      await invoke('reportFaceTecOutcome', session(true, 'submitted', 'continue'))
      return jobs.settled(jobId)
    }
    const visit = async (
      assure: 'accepted' | 'rejected' | 'inconclusive' | 'failed' | 'canceled',
      reference?: ReferenceInput
    ) => {
      sandbox.control.queueOutcomes(assure)
      const job = await captureAndWait(await begin(reference))
      expect(job.result).toBe(assure)
      const outcome = assure === 'failed' || assure === 'canceled' ? 'sent-to-staff' : assure
      await invoke('reportVisit', ended(outcome, true))
      await telemetry.flush()
    }

    await visit('accepted')
    await visit('rejected')
    await visit('inconclusive')
    await visit('failed')
    await visit('canceled')

    // Ticket mode: the visitor types the code of an earlier check, whose dossier and process are named.
    const [earlier] = jobs.list().slice(-1)
    const earlierRecord = jobRecord(kiosk, earlier?.jobId ?? '')
    await visit('accepted', {
      kind: 'linked-process',
      dossierId: earlierRecord.dossierId,
      processId: earlierRecord.processId,
      imageType: 'selfie'
    })

    // Three failed face checks: sent to staff; the prepared verification is given up.
    const spent = await begin()
    for (let attempt = 0; attempt < 3; attempt++)
      await invoke('reportFaceTecOutcome', session(false, 'timeout', attempt < 2 ? 'retry' : 'call-staff'))
    await invoke('cancelVerification', { jobId: spent })
    await invoke('reportVisit', ended('sent-to-staff', false))

    // Declined the privacy notice; then one left standing until the idle reset.
    for (const outcome of ['abandoned', 'idle-reset'] as const) {
      const jobId = await begin()
      await invoke('cancelVerification', { jobId })
      await jobs.settled(jobId)
      await invoke('reportVisit', ended(outcome, false))
    }

    // Assure refuses the start with its own words (and a trace id, and the process's path).
    sandbox.control.addFault({ endpoint: 'startVerification', fault: { kind: 'status', status: 400 }, times: 1 })
    const refused = await captureAndWait(await begin())
    expect(refused.failure?.reason).toBe('request-refused')
    await invoke('reportVisit', ended('sent-to-staff', true))

    // The network drops after the capture: queued, and finished later by itself.
    sandbox.control.addFault({ endpoint: 'startVerification', fault: { kind: 'reset' }, times: 2 })
    const queuedJob = await begin()
    await invoke('submitCapture', captureOf(queuedJob))
    await invoke('reportVisit', ended('queued', true))
    expect((await jobs.settled(queuedJob)).phase).toBe('completed')

    // FaceTec cannot start: out of service during a visit, and back.
    const stranded = await begin()
    await invoke('reportVisit', { event: 'service', outOfService: 'sdk' })
    await invoke('cancelVerification', { jobId: stranded })
    await invoke('reportVisit', ended('out-of-service', false))
    await invoke('reportVisit', { event: 'service', outOfService: null })
    await telemetry.flush()

    // What those visits produced: every job's own, dossier and process ids, FaceTec's keys and tokens.
    for (const record of readdirSync(join(kiosk.dataDir, 'jobs')).filter((name) => name.endsWith('.json'))) {
      // A job file is its record signed by the kiosk (main/verification/journal.ts).
      const { record: job } = JSON.parse(readFileSync(join(kiosk.dataDir, 'jobs', record), 'utf8')) as {
        record: Record<string, unknown>
      }
      for (const key of ['jobId', 'dossierId', 'processId', 'visitReference'])
        if (typeof job[key] === 'string') secrets.add(job[key])
    }
    for (const dossierId of sandbox.control.dossierIds()) secrets.add(dossierId)
    for (const prepared of sessions) {
      secrets.add(prepared.jobId)
      secrets.add(prepared.facetec.sessionToken)
      secrets.add(prepared.facetec.deviceKeyIdentifier)
      secrets.add(prepared.facetec.publicFaceScanEncryptionKey.split('\n')[1] ?? '')
      if (prepared.facetec.productionKeyText) secrets.add(prepared.facetec.productionKeyText.slice(0, 40))
    }
    expect(secrets.size).toBeGreaterThan(60)

    const wire = receiver.requests.map((request) => request.body)
    expect(wire.length).toBeGreaterThan(10)
    for (const body of wire) {
      expect(body).not.toMatch(UUID)
      for (const secret of secrets)
        if (secret) expect(body.includes(secret), `leaked: ${secret.slice(0, 40)}`).toBe(false)
      expect(body).not.toMatch(/Bearer|eyJ[A-Za-z0-9_-]{10}|data:image|BEGIN PUBLIC KEY/)
    }

    // And the scan was not of empty payloads: the visits and main's log are all there.
    const points = pointsOf(receiver.metrics())
    const visits = (outcome: string) =>
      latest(points, 'kiosk.visits.ended', { 'kiosk.visit.outcome': outcome })?.value ?? 0
    expect(latest(points, 'kiosk.visits.started')?.value).toBe(12)
    expect(
      [
        'accepted',
        'rejected',
        'inconclusive',
        'sent-to-staff',
        'abandoned',
        'idle-reset',
        'queued',
        'out-of-service'
      ].map(visits)
    ).toEqual([2, 1, 1, 4, 1, 1, 1, 1])
    expect(
      latest(points, 'kiosk.assure.request.duration', { 'kiosk.assure.operation': 'startVerification' })
    ).toBeDefined()
    expect(
      latest(points, 'kiosk.verifications.ended', {
        'kiosk.verification.end': 'failed',
        'kiosk.verification.failure': 'request-refused'
      })?.value
    ).toBe(1)
    const logged = logRecordsOf(receiver.logs())
    expect(logged.length).toBeGreaterThan(30)
    expect(logged.map((record) => record.body)).toEqual(expect.arrayContaining(['job ended', 'job failed', 'result']))
  }, 60_000)
})

describe('the kiosk never waits for telemetry', () => {
  /** Three visits through main, timed on the injected clock: visit start -> FaceTec keys, capture -> result. */
  async function visitsTimed(collector: 'none' | 'answering' | 'hanging') {
    const clock = new ManualClock()
    const setup = await rig({
      clock,
      collector,
      // Exports run on real time, every 20 ms, all through the visits.
      exportIntervalMs: 20,
      sandbox: { behaviour: { processingDelayMs: 0, fullResultDelayMs: 0 } }
    })
    const { kiosk, sandbox, receiver } = setup
    const timings: number[][] = []
    for (const outcome of ['accepted', 'rejected', 'accepted'] as const) {
      sandbox.control.queueOutcomes(outcome)
      const began = clock.now()
      await kiosk.invoke('reportVisit', { event: 'started' })
      const { jobId } = await kiosk.invoke('prepareVerification', {})
      const prepared = clock.now()
      await kiosk.invoke('reportFaceTecOutcome', initialized)
      await kiosk.invoke('submitCapture', captureOf(jobId))
      const captured = clock.now()
      await drive(clock, () => kiosk.services.engine.get(jobId)?.phase === 'completed')
      const result = clock.now()
      await kiosk.invoke('reportVisit', ended(outcome, true))
      let settled = false
      void kiosk.jobs.settled(jobId).then(() => (settled = true))
      await drive(clock, () => settled)
      timings.push([prepared - began, result - captured])
      // The collector was being written to while the visit ran (and, hanging, had answered nothing).
      if (receiver) expect(receiver.requests.length).toBeGreaterThan(0)
    }
    return { timings, ...setup }
  }

  it('a collector that answers nothing changes no visit timing: they are those of a kiosk without telemetry', async () => {
    const without = await visitsTimed('none')
    const answering = await visitsTimed('answering')
    const hanging = await visitsTimed('hanging')

    // Polls follow the kiosk's own schedule, so the result comes some ms after the capture.
    expect(without.timings.every(([, result]) => (result ?? 0) > 0)).toBe(true)
    expect(answering.timings).toEqual(without.timings)
    expect(hanging.timings).toEqual(without.timings)

    // The hanging collector held its first request through all three visits, and the exports that came
    // due meanwhile were dropped and counted rather than queued behind it.
    expect(hanging.receiver?.inFlight).toBeGreaterThan(0)
    expect(hanging.receiver?.maxInFlightOf('/v1/metrics')).toBe(1)
    expect(hanging.failedExports()).toBeGreaterThan(0)
  }, 60_000)
})

/**
 * Moves the injected clock to the next timer whenever the kiosk waits on one (a poll's delay); while
 * it waits on real I/O (Assure's sandbox over HTTP), lets real time pass. So a visit's timing on the
 * injected clock is exactly the kiosk's own schedule, however fast the machine.
 */
async function drive(clock: ManualClock, done: () => boolean): Promise<void> {
  for (let quiet = 0; !done();) {
    const due = clock.nextDue()
    // Timers further out are the hourly probe and the minute's sweep: not part of a visit.
    if (due !== null && due - clock.now() <= 10_000) {
      await clock.advance(due - clock.now())
      quiet = 0
      continue
    }
    await new Promise((resolve) => setTimeout(resolve, 2))
    if (++quiet > 10_000) throw new Error('the visit made no progress for 10 000 turns of real I/O')
  }
}

function jobRecord(kiosk: KioskMain, jobId: string): { dossierId: string; processId: string } {
  // A job file is its record signed by the kiosk (main/verification/journal.ts).
  const file = JSON.parse(readFileSync(join(kiosk.dataDir, 'jobs', `${jobId}.json`), 'utf8')) as {
    record: { dossierId: string; processId: string }
  }
  return file.record
}
