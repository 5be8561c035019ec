/** Loggers for tests: one that keeps what was logged, one that drops everything. */
import { createLogger, type Logger, type LogRecord, type LogSink } from '../../main/log/logger'

/** Collects records in memory; for tests that assert what was (and was not) logged. */
export function memorySink(): LogSink & { records: LogRecord[] } {
  const records: LogRecord[] = []
  const sink = ((record: LogRecord) => {
    records.push(record)
  }) as LogSink & { records: LogRecord[] }
  sink.records = records
  return sink
}

export const silentLogger: Logger = createLogger({ sink: () => undefined })
