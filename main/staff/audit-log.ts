/**
 * The audit log: who did what, when, at this kiosk. One JSON line per entry, appended to a file per
 * month in `<userData>/audit/`. Entries carry no personal data: job ids (random), names of changed
 * settings, file names; never PINs, secrets, ticket codes or results of a named person. Actions are
 * codes with parameters rather than sentences, so staff read them in the kiosk's language.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AuditEntry, type AuditAction } from '../../preload/api'
import type { Clock } from '../lib/clock'
import type { Logger } from '../log/logger'
import { redactString } from '../log/redact'

export type AuditParams = AuditEntry['params']

export interface AuditLog {
  record(actor: AuditEntry['actor'], action: AuditAction, params?: AuditParams): void
  /** The newest entries first; lines that are not entries of this version are left out. */
  latest(limit: number): AuditEntry[]
  /** Writes every line (oldest first) as JSON lines to `path`; returns how many. */
  exportTo(path: string): number
}

const FILE = /^audit-\d{4}-\d{2}\.jsonl$/

export function createAuditLog(options: { dir: string; clock: Clock; log: Logger; kioskId: string }): AuditLog {
  const { dir, clock } = options
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const fileFor = (at: Date): string => join(dir, `audit-${at.toISOString().slice(0, 7)}.jsonl`)

  /** Every complete JSON line, as written (with the kiosk id). */
  const readAll = (): unknown[] => {
    const lines: unknown[] = []
    for (const name of readdirSync(dir)
      .filter((file) => FILE.test(file))
      .sort()) {
      for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
        if (!line.trim()) continue
        try {
          lines.push(JSON.parse(line))
        } catch {
          // A line cut off by a crash is skipped; the rest of the log stays readable.
        }
      }
    }
    return lines
  }

  /** The bridge's shape, or null: a hand-edited or foreign line must not stop the log from being shown. */
  const asEntry = (line: unknown): AuditEntry | null => {
    if (typeof line !== 'object' || line === null) return null
    const { at, actor, action, params } = line as Record<string, unknown>
    const parsed = AuditEntry.safeParse({ at, actor, action, params })
    return parsed.success ? parsed.data : null
  }

  return {
    record(actor, action, params = {}) {
      const at = new Date(clock.now())
      // Belt and braces: even a careless caller cannot put a token or an image into the audit log.
      const safe = Object.fromEntries(
        Object.entries(params).map(([key, value]) => [
          key,
          typeof value === 'string' ? redactString(value).slice(0, 300) : value
        ])
      )
      const entry: AuditEntry = { at: at.toISOString(), actor, action, params: safe }
      try {
        appendFileSync(fileFor(at), `${JSON.stringify({ ...entry, kiosk: options.kioskId })}\n`, { mode: 0o600 })
      } catch (error) {
        options.log.error('the audit log cannot be written', { error, action })
      }
    },
    latest(limit) {
      const entries: AuditEntry[] = []
      for (const line of readAll().reverse()) {
        const entry = asEntry(line)
        if (entry) entries.push(entry)
        if (entries.length >= limit) break
      }
      return entries
    },
    exportTo(path) {
      const lines = readAll()
      writeFileSync(path, lines.map((line) => JSON.stringify(line)).join('\n') + (lines.length ? '\n' : ''), {
        mode: 0o600
      })
      return lines.length
    }
  }
}
