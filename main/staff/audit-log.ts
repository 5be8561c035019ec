/**
 * The audit log: who did what, when, at this kiosk. One JSON line per entry, appended to a file per
 * month in `<userData>/audit/`. Entries carry no personal data: job ids (random), names of changed
 * settings, counts; never PINs, secrets, ticket codes, results of a named person, or the names staff
 * give exported files (a person's name, a national id). Actions are codes with parameters rather than
 * sentences, so staff read them in the kiosk's language.
 *
 * It cannot be flooded: the kiosk's own entries (a wrong PIN, say, which anyone at the screen can
 * cause) are limited per action and minute, and those left out are counted in the next one written;
 * a month's file stops taking the kiosk's entries at `maxFileBytes` (staff's, which need the PIN, at
 * twice that). Files older than `retentionMonths` are deleted. So the Audit tab and the export read
 * a bounded amount, one file at a time.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
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

const FILE = /^audit-(\d{4})-(\d{2})\.jsonl$/

export interface AuditLimits {
  /** Entries of one action the kiosk itself may write per minute; the rest are counted, not written. */
  kioskEntriesPerMinute: number
  /** A month's file takes the kiosk's entries up to this size, staff's up to twice it. */
  maxFileBytes: number
  /** Files of months this far back are deleted. */
  retentionMonths: number
}

export const DEFAULT_AUDIT_LIMITS: AuditLimits = {
  kioskEntriesPerMinute: 20,
  maxFileBytes: 8 * 1024 * 1024,
  retentionMonths: 24
}

/** Parameters never stored, whoever passes them: what staff type into a save dialog may name a person. */
const NEVER_STORED = new Set(['fileName'])

export function createAuditLog(options: {
  dir: string
  clock: Clock
  log: Logger
  kioskId: string
  limits?: Partial<AuditLimits>
}): AuditLog {
  const { dir, clock } = options
  const limits = { ...DEFAULT_AUDIT_LIMITS, ...options.limits }
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const fileFor = (at: Date): string => join(dir, `audit-${at.toISOString().slice(0, 7)}.jsonl`)
  /** The month files, oldest first. */
  const files = (): string[] =>
    readdirSync(dir)
      .filter((file) => FILE.test(file))
      .sort()

  /** Every complete JSON line of one file, as written (with the kiosk id). */
  const linesOf = (name: string): unknown[] => {
    const lines: unknown[] = []
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      if (!line.trim()) continue
      try {
        lines.push(JSON.parse(line))
      } catch {
        // A line cut off by a crash is skipped; the rest of the log stays readable.
      }
    }
    return lines
  }

  /** Deletes the files of months older than the retention period. */
  let purgedFor = ''
  const purge = (now: Date): void => {
    const month = now.toISOString().slice(0, 7)
    if (purgedFor === month) return
    purgedFor = month
    const oldest = now.getUTCFullYear() * 12 + now.getUTCMonth() - limits.retentionMonths
    for (const name of files()) {
      const [, year, monthOfYear] = FILE.exec(name) ?? []
      if (Number(year) * 12 + Number(monthOfYear) - 1 >= oldest) continue
      try {
        rmSync(join(dir, name), { force: true })
        options.log.info('an audit log file past its retention was deleted', { file: name })
      } catch (error) {
        options.log.warn('an audit log file past its retention could not be deleted', { file: name, error })
      }
    }
  }

  /** The kiosk's entries per action in the current minute, and those left out since the last one written. */
  const recent = new Map<string, { minute: number; written: number; suppressed: number }>()
  const sizes = new Map<string, number>()
  const sizeOf = (file: string): number => {
    let size = sizes.get(file)
    if (size === undefined) {
      try {
        size = statSync(file).size
      } catch {
        size = 0
      }
      sizes.set(file, size)
    }
    return size
  }
  let warnedFull = ''
  purge(new Date(clock.now()))

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
      purge(at)
      // Belt and braces: even a careless caller cannot put a token or an image into the audit log.
      const safe: AuditParams = Object.fromEntries(
        Object.entries(params)
          .filter(([key]) => !NEVER_STORED.has(key))
          .map(([key, value]) => [key, typeof value === 'string' ? redactString(value).slice(0, 300) : value])
      )
      if (actor === 'kiosk') {
        const minute = Math.floor(at.getTime() / 60_000)
        const counter = recent.get(action) ?? { minute, written: 0, suppressed: 0 }
        if (counter.minute !== minute) Object.assign(counter, { minute, written: 0 })
        recent.set(action, counter)
        if (counter.written >= limits.kioskEntriesPerMinute) {
          counter.suppressed++
          return
        }
        counter.written++
        if (counter.suppressed > 0) safe.suppressed = counter.suppressed
        counter.suppressed = 0
      }
      const file = fileFor(at)
      const line = `${JSON.stringify({ at: at.toISOString(), actor, action, params: safe, kiosk: options.kioskId })}\n`
      const cap = actor === 'kiosk' ? limits.maxFileBytes : 2 * limits.maxFileBytes
      if (sizeOf(file) + Buffer.byteLength(line) > cap) {
        if (warnedFull !== `${file}:${actor}`) {
          warnedFull = `${file}:${actor}`
          options.log.error('the audit log file of this month is full; entries are left out', { actor, action })
        }
        return
      }
      try {
        appendFileSync(file, line, { mode: 0o600 })
        sizes.set(file, sizeOf(file) + Buffer.byteLength(line))
      } catch (error) {
        sizes.delete(file)
        options.log.error('the audit log cannot be written', { error, action })
      }
    },
    latest(limit) {
      const entries: AuditEntry[] = []
      // Newest month first, one file at a time: the tab never reads more than it shows.
      for (const name of files().reverse()) {
        for (const line of linesOf(name).reverse()) {
          const entry = asEntry(line)
          if (entry) entries.push(entry)
          if (entries.length >= limit) return entries
        }
      }
      return entries
    },
    exportTo(path) {
      writeFileSync(path, '', { mode: 0o600 })
      let count = 0
      for (const name of files()) {
        const lines = linesOf(name)
        if (lines.length === 0) continue
        appendFileSync(path, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`)
        count += lines.length
      }
      return count
    }
  }
}
