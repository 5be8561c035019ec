/**
 * OpenTelemetry for the kiosk: metrics (and, unless turned off, warnings and errors from main's log)
 * exported over OTLP/HTTP (JSON) to the operator's collector, which forwards them to whatever the
 * operator runs. Built only when `telemetry.endpoint` is configured.
 *
 * The kiosk never waits for it: services report into in-memory instruments synchronously; exports run
 * on the SDK's own timers, one request at a time (`concurrencyLimit: 1`) with a timeout, on Node's
 * HTTP stack (never Assure's connection pool). An export that fails, times out or finds the previous
 * one still in flight is dropped and counted. Sums and histograms are cumulative, so a dropped export
 * costs resolution, never counts: the next one that arrives carries the totals.
 */
import { ExportResultCode } from '@opentelemetry/core'
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http'
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http'
import { defaultResource, resourceFromAttributes, type Resource } from '@opentelemetry/resources'
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter } from '@opentelemetry/sdk-logs'
import { MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics'
import type { AppMode } from '../../preload/api'
import type { Clock } from '../lib/clock'
import type { Logger, LogSink } from '../log/logger'
import { createLogBridge } from './log-bridge'
import { createKioskMetrics } from './metrics'
import type { KioskTelemetry } from './observers'

export const SERVICE_NAME = 'assure-kiosk'

export interface TelemetryOptions {
  /** The collector's OTLP/HTTP base URL; `/v1/metrics` and `/v1/logs` are appended. */
  endpoint: string
  exportIntervalMs: number
  /**
   * How long one export request may take (default 10 s). While it runs, later exports are dropped and
   * counted rather than queued (one request at a time).
   */
  exportTimeoutMs?: number
  /** Sent with every export (credentials already resolved, see headers.ts). */
  headers: Record<string, string>
  logs: 'off' | 'error' | 'warn' | 'info'
  resource: { kioskId: string; site?: string | undefined; version: string; mode: AppMode }
  clock: Clock
  log: Logger
  /** Log records queued or in flight at most (default 256); more are dropped and counted. */
  maxPendingLogRecords?: number
  /** Told about every export's outcome (tests and benchmarks await these instead of sleeping). */
  onExport?: (signal: 'metrics' | 'logs', ok: boolean) => void
}

export interface Telemetry extends KioskTelemetry {
  /** For main's logger (null when logs are off): records to the collector, through the guard. */
  readonly logSink: LogSink | null
  /** Exports now what has been recorded (tests, and just before quitting). */
  flush(): Promise<void>
  /** Exports once more and stops; gives up after `timeoutMs` so quitting never hangs on a collector. */
  shutdown(timeoutMs?: number): Promise<void>
}

/** The resource every metric and log record carries: which kiosk, where, running what. */
export function kioskResource(resource: TelemetryOptions['resource']): Resource {
  return defaultResource().merge(
    resourceFromAttributes({
      'service.name': SERVICE_NAME,
      'service.version': resource.version,
      'service.instance.id': resource.kioskId,
      'kiosk.id': resource.kioskId,
      ...(resource.site ? { 'kiosk.site': resource.site } : {}),
      'kiosk.mode': resource.mode
    })
  )
}

export function startTelemetry(options: TelemetryOptions): Telemetry {
  const log = options.log.child('telemetry')
  const base = options.endpoint.replace(/\/+$/, '')
  const timeoutMs = options.exportTimeoutMs ?? 10_000
  // The SDK's reader wants its own limit within the interval; the request keeps its own timeout.
  const readerTimeoutMs = Math.min(timeoutMs, options.exportIntervalMs)
  const resource = kioskResource(options.resource)
  const exporterOptions = { headers: { ...options.headers }, concurrencyLimit: 1, timeoutMillis: timeoutMs }

  // Exporter failures are logged when they start and when they end, not at every export.
  const failing = { metrics: false, logs: false }
  let metrics: ReturnType<typeof createKioskMetrics> | null = null
  const exported = (signal: 'metrics' | 'logs', ok: boolean, error?: Error): void => {
    if (!ok) metrics?.exportFailed(signal)
    if (!ok && !failing[signal])
      log.warn('telemetry exports to the collector are failing; the kiosk carries on and counts what is dropped', {
        signal,
        error: error?.name ?? 'Error'
      })
    if (ok && failing[signal]) log.info('telemetry exports reach the collector again', { signal })
    failing[signal] = !ok
    options.onExport?.(signal, ok)
  }

  const metricExporter = countingMetricExporter(
    new OTLPMetricExporter({ ...exporterOptions, url: `${base}/v1/metrics` }),
    (ok, error) => exported('metrics', ok, error)
  )
  const meterProvider = new MeterProvider({
    resource,
    readers: [
      new PeriodicExportingMetricReader({
        exporter: metricExporter,
        exportIntervalMillis: options.exportIntervalMs,
        exportTimeoutMillis: readerTimeoutMs
      })
    ]
  })
  metrics = createKioskMetrics({
    meter: meterProvider.getMeter(SERVICE_NAME, options.resource.version),
    clock: options.clock,
    log: options.log,
    version: options.resource.version,
    mode: options.resource.mode
  })
  const kioskMetrics = metrics

  let loggerProvider: LoggerProvider | null = null
  let logSink: LogSink | null = null
  if (options.logs !== 'off') {
    const maxPending = options.maxPendingLogRecords ?? 256
    let bridge: ReturnType<typeof createLogBridge> | null = null
    const logExporter = countingLogExporter(
      new OTLPLogExporter({ ...exporterOptions, url: `${base}/v1/logs` }),
      (count, ok, error) => {
        bridge?.settled(count, ok)
        exported('logs', ok, error)
      }
    )
    loggerProvider = new LoggerProvider({
      resource,
      processors: [
        new BatchLogRecordProcessor({
          exporter: logExporter,
          // Never fuller than the bridge allows, so the processor itself drops nothing uncounted.
          maxQueueSize: maxPending,
          maxExportBatchSize: Math.min(64, maxPending),
          scheduledDelayMillis: Math.min(5_000, options.exportIntervalMs),
          exportTimeoutMillis: readerTimeoutMs
        })
      ]
    })
    bridge = createLogBridge({
      logger: loggerProvider.getLogger(SERVICE_NAME, options.resource.version),
      level: options.logs,
      maxPending,
      onDropped: (count) => kioskMetrics.logRecordsDropped(count)
    })
    logSink = bridge.sink
  }
  log.info('telemetry to the collector is on', {
    intervalMs: options.exportIntervalMs,
    logs: options.logs,
    headers: Object.keys(options.headers).length
  })

  let shutDown: Promise<void> | null = null
  return {
    visit: (report) => kioskMetrics.visit(report),
    faceTecOutcome: (outcome) => kioskMetrics.faceTecOutcome(outcome),
    assureAttempt: (attempt) => kioskMetrics.assureAttempt(attempt),
    jobUpdated: (view) => kioskMetrics.jobUpdated(view),
    watch: (sources) => kioskMetrics.watch(sources),
    logSink,
    async flush() {
      await Promise.all([meterProvider.forceFlush(), loggerProvider?.forceFlush()])
    },
    shutdown(timeoutMs = 3_000) {
      shutDown ??= (async () => {
        logSink = null
        const stopping = Promise.all([meterProvider.shutdown(), loggerProvider?.shutdown()]).then(() => undefined)
        let timer: ReturnType<typeof setTimeout> | undefined
        const giveUp = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeoutMs)
          timer.unref?.()
        })
        await Promise.race([stopping.catch(() => undefined), giveUp])
        clearTimeout(timer)
      })()
      return shutDown
    }
  }
}

/** The metric exporter, telling `done` how each export ended. */
function countingMetricExporter(
  inner: PushMetricExporter,
  done: (ok: boolean, error?: Error) => void
): PushMetricExporter {
  return {
    export(batch, resultCallback) {
      inner.export(batch, (result) => {
        done(result.code === ExportResultCode.SUCCESS, result.error)
        resultCallback(result)
      })
    },
    forceFlush: () => inner.forceFlush(),
    shutdown: () => inner.shutdown(),
    ...(inner.selectAggregationTemporality
      ? { selectAggregationTemporality: inner.selectAggregationTemporality.bind(inner) }
      : {}),
    ...(inner.selectAggregation ? { selectAggregation: inner.selectAggregation.bind(inner) } : {})
  }
}

/** The log exporter, telling `done` how many records each export carried and how it ended. */
function countingLogExporter(
  inner: LogRecordExporter,
  done: (count: number, ok: boolean, error?: Error) => void
): LogRecordExporter {
  return {
    export(records, resultCallback) {
      inner.export(records, (result) => {
        done(records.length, result.code === ExportResultCode.SUCCESS, result.error)
        resultCallback(result)
      })
    },
    forceFlush: () => inner.forceFlush?.() ?? Promise.resolve(),
    shutdown: () => inner.shutdown()
  }
}
