/**
 * The audit log: who did what, when, at this kiosk. One JSON line per entry, appended to a file per
 * month in `<userData>/audit/`. Entries carry no personal data: job ids (random), names of changed
 * settings, file names; never PINs, secrets, ticket codes or results of a named person.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AuditEntry } from '../../preload/api'
import type { Clock } from '../lib/clock'
import type { Logger } from '../log/logger'
import { redactString } from '../log/redact'

export interface AuditLog {
  record(actor: AuditEntry['actor'], action: string, detail?: string): void
  /** The newest entries first. */
  latest(limit: number): AuditEntry[]
  /** Writes every entry (oldest first) as JSON lines to `path`. */
  exportTo(path: string): number
}

const FILE = /^audit-\d{4}-\d{2}\.jsonl$/

export function createAuditLog(options: { dir: string; clock: Clock; log: Logger; kioskId: string }): AuditLog {
  const { dir, clock } = options
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const fileFor = (at: Date): string => join(dir, `audit-${at.toISOString().slice(0, 7)}.jsonl`)

  const readAll = (): AuditEntry[] => {
    const entries: AuditEntry[] = []
    for (const name of readdirSync(dir).filter((file) => FILE.test(file)).sort()) {
      for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
        if (!line.trim()) continue
        try {
          entries.push(JSON.parse(line) as AuditEntry)
        } catch {
          // A line cut off by a crash is skipped; the rest of the log stays readable.
        }
      }
    }
    return entries
  }

  return {
    record(actor, action, detail) {
      const at = new Date(clock.now())
      // Belt and braces: even a careless caller cannot put a token or an image into the audit log.
      const entry: AuditEntry = { at: at.toISOString(), actor, action, detail: detail === undefined ? null : redactString(detail).slice(0, 500) }
      try {
        appendFileSync(fileFor(at), `${JSON.stringify({ ...entry, kiosk: options.kioskId })}\n`, { mode: 0o600 })
      } catch (error) {
        options.log.error('the audit log cannot be written', { error, action })
      }
    },
    latest(limit) {
      return readAll()
        .reverse()
        .slice(0, limit)
        .map(({ at, actor, action, detail }) => ({ at, actor, action, detail }))
    },
    exportTo(path) {
      const entries = readAll()
      writeFileSync(path, entries.map((entry) => JSON.stringify(entry)).join('\n') + (entries.length ? '\n' : ''), { mode: 0o600 })
      return entries.length
    }
  }
}

