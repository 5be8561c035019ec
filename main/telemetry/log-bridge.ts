/**
 * Main's log records to the collector as OpenTelemetry log records. They come from the kiosk's logger,
 * so they have already been through its redactor; here they also pass the telemetry guard (only codes
 * and numbers leave, see pii-guard.ts). Bounded: at most `maxPending` records are queued or being
 * exported at any time; beyond that a record is dropped on the spot and counted, so a collector that
 * is down or slow costs the kiosk a fixed amount of memory and never a wait.
 */
import { SeverityNumber, type Logger as OtelLogger } from '@opentelemetry/api-logs'
import type { LogLevel, LogRecord, LogSink } from '../log/logger'
import { guardLogFields, guardMessage, isCode } from './pii-guard'

const SEVERITY: Record<LogLevel, SeverityNumber> = {
  debug: SeverityNumber.DEBUG,
  info: SeverityNumber.INFO,
  warn: SeverityNumber.WARN,
  error: SeverityNumber.ERROR
}
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export interface LogBridge {
  /** The logger's sink: hands a record to OpenTelemetry, or drops it (counted) when too many are pending. */
  sink: LogSink
  /** The exporter finished a batch of `count` records (sent, or lost when `ok` is false). */
  settled(count: number, ok: boolean): void
  /** Records queued or being exported now. */
  pending(): number
}

export function createLogBridge(options: {
  logger: OtelLogger
  /** The lowest level sent. */
  level: Exclude<LogLevel, 'debug'>
  maxPending: number
  onDropped: (count: number) => void
}): LogBridge {
  const { logger, maxPending, onDropped } = options
  let pending = 0
  return {
    sink(record: LogRecord) {
      if (ORDER[record.level] < ORDER[options.level]) return
      if (pending >= maxPending) {
        onDropped(1)
        return
      }
      pending++
      const time = Date.parse(record.time)
      logger.emit({
        ...(Number.isFinite(time) ? { timestamp: time } : {}),
        severityNumber: SEVERITY[record.level],
        severityText: record.level.toUpperCase(),
        body: guardMessage(record.message),
        attributes: {
          ...guardLogFields(record.fields),
          'kiosk.log.scope': isCode(record.scope) ? record.scope : 'main'
        }
      })
    },
    settled(count, ok) {
      pending = Math.max(0, pending - count)
      if (!ok) onDropped(count)
    },
    pending: () => pending
  }
}
