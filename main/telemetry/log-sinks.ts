/**
 * Plumbing between main's logger and the collector, free of OpenTelemetry imports so the composition
 * root can set it up before knowing whether there is a collector (and load none when there is not).
 */
import type { LogRecord, LogSink } from '../log/logger'

/**
 * A sink that forwards to another attached later: main's logger exists before the config file says
 * whether there is a collector to send to.
 */
export function lateSink(): LogSink & { attach(sink: LogSink | null): void } {
  let target: LogSink | null = null
  const sink = ((record: LogRecord) => target?.(record)) as LogSink & { attach(sink: LogSink | null): void }
  sink.attach = (next) => {
    target = next
  }
  return sink
}

/** Every record to each sink; one sink failing does not stop the others. */
export function teeSinks(...sinks: LogSink[]): LogSink {
  return (record) => {
    for (const sink of sinks) {
      try {
        sink(record)
      } catch {
        // The logger swallows a broken sink's error too; here the others still get the record.
      }
    }
  }
}
