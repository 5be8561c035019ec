/**
 * Log records to rotating files through electron-log's file transport (its Node entry, so this runs
 * and is tested without Electron). Records arrive already redacted (see logger.ts); each is one JSON
 * line. When the file passes `maxBytes` it becomes kiosk.1.log, the previous kiosk.1.log becomes
 * kiosk.2.log, and so on; the oldest beyond `keepFiles` is deleted.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import electronLog from 'electron-log/node'
import type { LogRecord, LogSink } from './logger'

export interface FileSinkOptions {
  dir: string
  maxBytes?: number
  keepFiles?: number
  /** Also print to stderr (development). */
  echo?: boolean
}

export function createFileSink(options: FileSinkOptions): LogSink & { path: string } {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024
  const keepFiles = options.keepFiles ?? 5
  mkdirSync(options.dir, { recursive: true, mode: 0o700 })
  const path = join(options.dir, 'kiosk.log')
  const rotated = (index: number): string => join(options.dir, `kiosk.${index}.log`)

  const logger = electronLog.create({ logId: `assure-kiosk-${options.dir}` })
  logger.transports.console.level = false
  logger.transports.file.level = 'silly'
  logger.transports.file.format = '{text}'
  logger.transports.file.maxSize = maxBytes
  logger.transports.file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' }
  logger.transports.file.resolvePathFn = () => path
  logger.transports.file.archiveLogFn = (file) => {
    rmSync(rotated(keepFiles), { force: true })
    for (let index = keepFiles - 1; index >= 1; index--) {
      if (existsSync(rotated(index))) renameSync(rotated(index), rotated(index + 1))
    }
    renameSync(file.path, rotated(1))
  }

  const sink = ((record: LogRecord) => {
    const line = JSON.stringify(record)
    logger[record.level](line)
    if (options.echo) process.stderr.write(`${line}\n`)
  }) as LogSink & { path: string }
  sink.path = path
  return sink
}
