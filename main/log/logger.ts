/**
 * The logger every main-side module receives. Structured (message + fields), and every field goes
 * through `redact` before it reaches a sink, so a module cannot leak a secret or personal data by
 * logging the wrong object.
 */
import { redact } from './redact'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogFields = Record<string, unknown>

export interface LogRecord {
  time: string
  level: LogLevel
  scope: string
  message: string
  fields?: LogFields
}

export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
  /** A logger whose records carry `scope` (e.g. 'ipc', 'assure'). */
  child(scope: string): Logger
}

export type LogSink = (record: LogRecord) => void

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export function createLogger(options: { sink: LogSink; level?: LogLevel; scope?: string; now?: () => Date }): Logger {
  const { sink, level = 'info', scope = 'main', now = () => new Date() } = options
  const write = (recordLevel: LogLevel, message: string, fields?: LogFields): void => {
    if (ORDER[recordLevel] < ORDER[level]) return
    const record: LogRecord = {
      time: now().toISOString(),
      level: recordLevel,
      scope,
      message: redact(message) as string
    }
    if (fields) record.fields = redact(fields) as LogFields
    try {
      sink(record)
    } catch {
      // A broken log sink must never take the kiosk down with it.
    }
  }
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (childScope) => createLogger({ sink, level, now, scope: `${scope}.${childScope}` })
  }
}

/** One JSON line per record on stderr: the default sink outside Electron (tests, `npm run sandbox`). */
export const stderrSink: LogSink = (record) => {
  process.stderr.write(`${JSON.stringify(record)}\n`)
}
