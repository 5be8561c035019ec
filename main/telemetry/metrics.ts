/**
 * The kiosk's metrics (catalogue.ts) on an OpenTelemetry meter. Reports from the services update
 * in-memory instruments synchronously; gauges are read from the services when the SDK collects. Every
 * attribute value comes from a closed list (or a bounded set of codes), so what is recorded is
 * neither personal nor unbounded (pii-guard.ts).
 */
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Attributes, Meter, ObservableResult } from '@opentelemetry/api'
import {
  Connectivity,
  FailureReason,
  JobResult,
  ServiceCause,
  VisitOutcome,
  type AppMode,
  type JobPhase
} from '../../preload/api'
import { SDK_SCRIPT } from '../app-origin/sdk-folder'
import type { Clock } from '../lib/clock'
import type { Logger } from '../log/logger'
import { ATTR, METRICS, type MetricSpec } from './catalogue'
import { folderSize } from './folder-size'
import type { KioskTelemetry, TelemetrySources } from './observers'
import { boundedCodes, oneOf } from './pii-guard'

/** Every operation the Assure client names (main/assure/client.ts, token.ts); anything else is `other`. */
export const ASSURE_OPERATIONS = [
  'token',
  'createDossier',
  'getDossier',
  'listDossiers',
  'deleteDossier',
  'createProcess',
  'getProcess',
  'deleteProcess',
  'getImage',
  'setImages',
  'startVerification',
  'download'
] as const
const ERROR_TYPES = ['network', 'server', 'rate-limit', 'auth', 'client', 'not-found', 'malformed', 'other'] as const
const FACETEC_ACTIONS = ['continue', 'retry', 'call-staff', 'out-of-service'] as const
const KEY_MODES = ['development', 'production'] as const
const TERMINAL: readonly JobPhase[] = ['completed', 'failed', 'cancelled']

/** Signicat's update policy for the FaceTec SDK. */
export const FACETEC_UPDATE_DAYS = 90
const DAY_MS = 24 * 3600_000

/**
 * How often the data folder is measured: a directory walk (~40 ms of CPU for a busy month's 6 000
 * files), and a size that retention keeps from changing fast.
 */
export const FOLDER_SAMPLE_MS = 30 * 60_000

export interface MetricsOptions {
  meter: Meter
  clock: Clock
  log: Logger
  version: string
  mode: AppMode
}

/** The instruments, plus the counters telemetry keeps about its own exports. */
export interface KioskMetrics extends KioskTelemetry {
  exportFailed(signal: 'metrics' | 'logs'): void
  logRecordsDropped(count: number): void
}

const instrumentOptions = (spec: MetricSpec) => ({
  unit: spec.unit,
  description: spec.description,
  ...(spec.buckets ? { advice: { explicitBucketBoundaries: [...spec.buckets] } } : {})
})

export function createKioskMetrics(options: MetricsOptions): KioskMetrics {
  const { meter, clock } = options
  const log = options.log.child('telemetry')
  const counter = (spec: MetricSpec) => meter.createCounter(spec.name, instrumentOptions(spec))
  const histogram = (spec: MetricSpec) => meter.createHistogram(spec.name, instrumentOptions(spec))

  const visitsStarted = counter(METRICS.visitsStarted)
  const visitsEnded = counter(METRICS.visitsEnded)
  const startToCamera = histogram(METRICS.startToCamera)
  const cameraWait = histogram(METRICS.cameraWait)
  const captureToResult = histogram(METRICS.captureToResult)
  const assureDuration = histogram(METRICS.assureDuration)
  const faceTecInitializations = counter(METRICS.faceTecInitializations)
  const faceTecInit = histogram(METRICS.faceTecInit)
  const faceTecSessions = counter(METRICS.faceTecSessions)
  const verificationsEnded = counter(METRICS.verificationsEnded)
  const exportsFailed = counter(METRICS.exportsFailed)
  const logRecordsDropped = counter(METRICS.logRecordsDropped)

  // FaceTec's reason codes come from the renderer: a bounded set each.
  const initResult = boundedCodes(40)
  const sessionResult = boundedCodes(40)

  // ---- out of service, as the renderer's screen shows it ---------------------------------------------
  const outOfServiceMs: Record<ServiceCause, number> = { assure: 0, camera: 0, sdk: 0, configuration: 0 }
  let service: { cause: ServiceCause | null; since: number } = { cause: null, since: clock.now() }
  const timeOutOfService = (cause: ServiceCause): number =>
    outOfServiceMs[cause] + (service.cause === cause ? clock.now() - service.since : 0)
  function setService(cause: ServiceCause | null): void {
    if (cause === service.cause) return
    const at = clock.now()
    if (service.cause) outOfServiceMs[service.cause] += at - service.since
    service = { cause, since: at }
  }

  // ---- jobs: each one counted once per end it reaches -------------------------------------------------
  /** Each job's last phase, for the most recent jobs only (memory stays bounded over weeks). */
  const phases = new Map<string, JobPhase>()
  const rememberPhase = (jobId: string, phase: JobPhase): JobPhase | undefined => {
    const before = phases.get(jobId)
    phases.delete(jobId)
    phases.set(jobId, phase)
    if (phases.size > 500) phases.delete(phases.keys().next().value as string)
    return before
  }

  // ---- what the gauges read ------------------------------------------------------------------------
  let sources: TelemetrySources | null = null
  /** The data folder's size and the SDK's file date and version: measured at most every FOLDER_SAMPLE_MS. */
  let sampled: { at: number; done: Promise<Sample> } | null = null
  let reportedSdkVersion: string | null = null

  const observe = (
    spec: MetricSpec,
    callback: (result: ObservableResult<Attributes>, watched: TelemetrySources) => void | Promise<void>
  ): void => {
    const instrument =
      spec.kind === 'observable-counter'
        ? meter.createObservableCounter(spec.name, instrumentOptions(spec))
        : meter.createObservableGauge(spec.name, instrumentOptions(spec))
    instrument.addCallback(async (result) => {
      const watched = sources
      if (!watched) return
      try {
        await callback(result, watched)
      } catch (error) {
        // A source that throws must not cost the other metrics their export.
        log.warn('a metric could not be read', { metric: spec.name, error })
      }
    })
  }

  /** Measured when an export collects, off the visitor's path; a directory walk, so not every time. */
  const sample = (watched: TelemetrySources): Promise<Sample> => {
    if (!sampled || clock.now() - sampled.at >= FOLDER_SAMPLE_MS) sampled = { at: clock.now(), done: measure(watched) }
    return sampled.done
  }

  observe(METRICS.outOfService, (result) => {
    for (const cause of ServiceCause.options)
      result.observe(service.cause === cause ? 1 : 0, { [ATTR.outOfServiceCause]: cause })
  })
  observe(METRICS.outOfServiceTime, (result) => {
    for (const cause of ServiceCause.options)
      result.observe(timeOutOfService(cause) / 1000, { [ATTR.outOfServiceCause]: cause })
  })
  observe(METRICS.connectivity, (result, watched) => {
    const state = watched.connectivity()
    for (const option of Connectivity.options) result.observe(option === state ? 1 : 0, { [ATTR.connectivity]: option })
  })
  observe(METRICS.outboxDepth, (result, watched) => {
    result.observe(queued(watched).length)
  })
  observe(METRICS.outboxOldestAge, (result, watched) => {
    const oldest = Math.min(...queued(watched).map((job) => Date.parse(job.createdAt)))
    result.observe(Number.isFinite(oldest) ? Math.max(0, (clock.now() - oldest) / 1000) : 0)
  })
  observe(METRICS.dataFolderSize, async (result, watched) => {
    const { folderBytes } = await sample(watched)
    if (folderBytes !== null) result.observe(folderBytes)
  })
  observe(METRICS.faceTecSdk, async (result, watched) => {
    if (!watched.faceTecSdk.root) return
    const { sdkPackageVersion } = await sample(watched)
    // Only once known: the SDK keeps every series a gauge has reported, so no placeholder version.
    const version = reportedSdkVersion ?? sdkPackageVersion
    if (!version) return
    result.observe(1, {
      [ATTR.sdkVersion]: version,
      [ATTR.sdkSimulated]: watched.faceTecSdk.simulated
    })
  })
  observe(METRICS.faceTecUpdateDue, async (result, watched) => {
    const { sdkFileDate } = await sample(watched)
    if (sdkFileDate === null) return
    result.observe(Math.floor((sdkFileDate + FACETEC_UPDATE_DAYS * DAY_MS - clock.now()) / DAY_MS))
  })
  observe(METRICS.app, (result) => {
    result.observe(1, { [ATTR.appVersion]: options.version, [ATTR.mode]: options.mode })
  })

  const queued = (watched: TelemetrySources) => watched.jobs().filter((job) => job.phase === 'queued')

  return {
    visit(report) {
      if (report.event === 'started') visitsStarted.add(1)
      else if (report.event === 'service') setService(oneOf(ServiceCause.options, report.outOfService))
      else {
        const outcome = oneOf(VisitOutcome.options, report.outcome)
        if (!outcome) return
        visitsEnded.add(1, { [ATTR.visitOutcome]: outcome })
        const { startToCameraMs, cameraWaitMs, captureToResultMs } = report.timings
        if (startToCameraMs !== null) startToCamera.record(startToCameraMs / 1000)
        if (cameraWaitMs !== null) cameraWait.record(cameraWaitMs / 1000)
        if (captureToResultMs !== null) captureToResult.record(captureToResultMs / 1000)
      }
    },

    faceTecOutcome(outcome) {
      reportedSdkVersion = versionOf(outcome.sdkVersion) ?? reportedSdkVersion
      if (outcome.phase === 'initialization') {
        const attributes = {
          [ATTR.faceTecResult]: outcome.ok ? 'initialized' : initResult(outcome.reason),
          [ATTR.faceTecMode]: oneOf(KEY_MODES, outcome.mode) ?? 'unknown'
        }
        faceTecInitializations.add(1, attributes)
        if (outcome.durationMs !== undefined) faceTecInit.record(outcome.durationMs / 1000, attributes)
      } else {
        faceTecSessions.add(1, {
          [ATTR.faceTecResult]: sessionResult(outcome.reason),
          [ATTR.faceTecAction]: oneOf(FACETEC_ACTIONS, outcome.action) ?? 'other'
        })
      }
    },

    assureAttempt(attempt) {
      const operation = oneOf(ASSURE_OPERATIONS, attempt.operation) ?? 'other'
      const error = attempt.error === null ? null : (oneOf(ERROR_TYPES, attempt.error) ?? 'other')
      assureDuration.record(
        Math.max(0, attempt.durationMs) / 1000,
        error ? { [ATTR.assureOperation]: operation, [ATTR.errorType]: error } : { [ATTR.assureOperation]: operation }
      )
    },

    jobUpdated(view) {
      const before = rememberPhase(view.jobId, view.phase)
      if (!TERMINAL.includes(view.phase) || before === view.phase) return
      verificationsEnded.add(1, {
        [ATTR.verificationEnd]: view.phase,
        [ATTR.verificationResult]: oneOf(JobResult.options, view.result) ?? 'none',
        [ATTR.verificationFailure]: oneOf(FailureReason.options, view.failure?.reason) ?? 'none'
      })
    },

    watch(watched) {
      sources = watched
      sampled = null
      return () => {
        if (sources === watched) sources = null
      }
    },

    exportFailed(signal) {
      exportsFailed.add(1, { [ATTR.signal]: signal })
    },
    logRecordsDropped(count) {
      if (count > 0) logRecordsDropped.add(count)
    }
  }
}

interface Sample {
  folderBytes: number | null
  /** When the SDK script was written (epoch ms): FaceTec's build date when unzipped with dates kept. */
  sdkFileDate: number | null
  sdkPackageVersion: string | null
}

async function measure(watched: TelemetrySources): Promise<Sample> {
  const root = watched.faceTecSdk.root
  const [folderBytes, sdkFileDate, sdkPackageVersion] = await Promise.all([
    folderSize(watched.dataFolder).catch(() => null),
    root
      ? stat(join(root, SDK_SCRIPT)).then(
          (file) => file.mtimeMs,
          () => null
        )
      : null,
    root
      ? readFile(join(root, 'package.json'), 'utf8').then(
          (text) => versionOf((JSON.parse(text) as { version?: unknown }).version),
          () => null
        )
      : null
  ])
  return { folderBytes, sdkFileDate, sdkPackageVersion }
}

/** A version string as FaceTec's `version()` or a package.json writes it; anything else is null. */
function versionOf(value: unknown): string | null {
  return typeof value === 'string' && /^[A-Za-z0-9._+-]{1,32}$/.test(value) ? value : null
}
