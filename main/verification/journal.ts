/**
 * The job journal: one JSON file per job, written atomically (temporary file, fsync, rename, directory
 * fsync: lib/durable-files.ts), so a kill or a power cut at any moment leaves either the old record or
 * the new one. One file per job also means a damaged file costs one job, not the queue: at load it is
 * moved to `quarantine/` and reported, and every other job carries on.
 *
 * With `integrity` keys (the app's), each file is `{ "mac": …, "record": … }`, the MAC an HMAC-SHA256
 * of the job id and the record under a key derived from the data key (protected by the OS key store).
 * A job file the kiosk did not write (a forged one, which could make the kiosk delete any dossier or
 * archive any process's result for export) fails the check and is quarantined like a damaged one.
 *
 * The index (`index.jsonl`): a year of jobs is 10,000 files, and reading and checking each one at
 * every start costs seconds. Almost all of them are settled (ended and cleaned up: their records no
 * longer change by themselves), so a settled record is also appended, exactly as its file holds it
 * (signed alike), to one index file, and the start reads that file plus, in full, only the job files
 * it does not cover. The job files stay the source of truth; the index is provably never ahead of them
 * nor silently behind:
 *   - a record line is appended only after its job file is durably written: a kill in between leaves
 *     a job the index does not cover, which is read from its file;
 *   - before a job the index covers is written again, a `drop` line for it is appended and fsynced: a
 *     kill after that leaves a job the index does not cover either;
 *   - a job whose file is gone (retention) is not taken from the index;
 *   - an index with an unknown format, or a line that is not valid or not signed by this kiosk, is not
 *     used at all: every job file is read and checked, and the index is written anew (so a settled
 *     job's changed file is quarantined then). A torn last line (a kill during an append) only guarded
 *     a write that never happened, and is dropped.
 * Lines of jobs written again or purged are counted, and the index is rewritten at load once they are
 * a quarter of it.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { durableFiles, type DurableFiles } from '../lib/durable-files'
import type { KeyProvider } from '../storage/crypto-box'
import { JobRecord } from './job'

export interface JournalProblem {
  file: string
  reason: string
  /** Where the unreadable file was moved. */
  movedTo: string | null
}

/** How the last load used the index. */
export interface JournalIndexUse {
  /** Jobs taken from the index. */
  fromIndex: number
  /** Job files read and checked in full (unsettled jobs, and any the index did not cover). */
  readInFull: number
  /** Why the index was written anew at this load (null: it was used as it was, or appended to). */
  rewritten: string | null
}

export interface JobJournal {
  /** Gets the integrity key (the OS key store may be asked); before the first load or save. */
  open(): Promise<void>
  /**
   * Reads every job, the oldest first; unreadable files are moved aside and reported, never thrown.
   * Settled jobs come from the index where it covers them (see above).
   */
  loadAll(): { jobs: JobRecord[]; problems: JournalProblem[]; index?: JournalIndexUse }
  /** Throws, writing nothing, when the record is not one the journal could read back. */
  save(job: JobRecord): void
  remove(jobId: string): void
  /** Deletes quarantined files moved aside before `before` (epoch ms); returns how many. */
  purgeQuarantine(before: number): number
}

/**
 * The journal's durable steps, for a test's kill to land exactly between them: `index-dropped`, the
 * `drop` line of a job about to be written again is on disk; `record-written`, the job's file is.
 */
export type JournalPoint = 'index-dropped' | 'record-written'

export interface JournalOptions {
  /** How files are written durably (node:fs's calls unless a test records them). */
  files?: DurableFiles
  /** Called after each durable step (a test throws here to simulate a kill). */
  durable?: (point: JournalPoint, jobId: string) => void
}

/** A job whose record no longer changes by itself: it has ended and everything of it is cleaned up. */
export function isSettled(job: JobRecord): boolean {
  return job.ended !== null && job.step === 'cleaned'
}

const FILE = /^([0-9a-f-]{36})\.json$/
/** A record's temporary file, left behind by a kill in the middle of a write. */
const TEMP = /^[0-9a-f-]{36}\.json\.tmp-/
const JOB_ID = /^[0-9a-f-]{36}$/
const INDEX = 'index.jsonl'
const INDEX_TEMP = /^index\.jsonl\.tmp-/
/** The index's first line: its format. Another (a later kiosk's) is not read, but rebuilt. */
const INDEX_HEADER = '{"journalIndex":1}'
/** A signed line: `{"mac":"<64 hex>","record":<the record's JSON>}`, the MAC over the record's text. */
const MAC_AT = '{"mac":"'.length
const RECORD_AT = MAC_AT + 64 + '","record":'.length

interface IndexRead {
  /** Why the index is to be written anew (null: it is used as it is). */
  rewrite: string | null
  /** The jobs it covers (none when it cannot be trusted), with their lines. */
  entries: Map<string, { record: JobRecord; line: Buffer }>
}

export function createJobJournal(
  dir: string,
  now: () => number = Date.now,
  integrity?: KeyProvider,
  options: JournalOptions = {}
): JobJournal {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const files = options.files ?? durableFiles()
  let macKey: Buffer | null = null
  let unavailable: string | null = null
  const key = (): Buffer => {
    if (!macKey) throw new Error('the job journal was used before it was opened')
    return macKey
  }
  const macOf = (jobId: string, text: string): Buffer =>
    createHmac('sha256', key()).update(`${jobId}\n${text}`).digest()
  /** The record in a file's text, once its MAC checks out (with integrity keys). */
  const recordIn = (text: string, jobId: string): unknown => {
    const parsed: unknown = JSON.parse(text)
    if (!integrity) return parsed
    const { mac, record } = (parsed ?? {}) as { mac?: unknown; record?: unknown }
    if (typeof mac !== 'string' || !/^[0-9a-f]{64}$/.test(mac) || record === undefined)
      throw new Error('the record has no integrity check (not written by this kiosk)')
    if (!timingSafeEqual(macOf(jobId, JSON.stringify(record)), Buffer.from(mac, 'hex')))
      throw new Error('the record fails its integrity check (changed outside the kiosk, or from another kiosk)')
    return record
  }
  /** A job file's content, and the job's index line: `{"mac":…,"record":…}`, or the bare record. */
  const contentOf = (job: JobRecord): string => {
    const text = JSON.stringify(job)
    return integrity ? `{"mac":"${macOf(job.jobId, text).toString('hex')}","record":${text}}` : text
  }
  const quarantine = join(dir, 'quarantine')
  const indexPath = join(dir, INDEX)
  const pathOf = (jobId: string): string => join(dir, `${jobId}.json`)

  /** Jobs whose latest index line is their record: writing one again must drop it from the index first. */
  const indexed = new Set<string>()
  let loaded = false

  /** A record line's job, checked as strictly as a file's (signed by this kiosk, or a valid record). */
  function recordOfLine(line: Buffer): JobRecord {
    if (!integrity) {
      const parsed = JobRecord.safeParse(JSON.parse(line.toString('utf8')))
      if (!parsed.success) throw new Error('not a job record')
      return parsed.data
    }
    // The MAC is checked over the line's own bytes of the record: nothing is re-serialized. A record
    // this kiosk signed passed the schema when it was saved, so it is not parsed against it again.
    if (
      line.length <= RECORD_AT ||
      line.toString('latin1', 0, MAC_AT) !== '{"mac":"' ||
      line.toString('latin1', MAC_AT + 64, RECORD_AT) !== '","record":' ||
      line[line.length - 1] !== 0x7d
    )
      throw new Error('not a signed line')
    const text = line.subarray(RECORD_AT, line.length - 1)
    const record = JSON.parse(text.toString('utf8')) as JobRecord
    if (typeof record?.jobId !== 'string' || !JOB_ID.test(record.jobId)) throw new Error('no job id')
    const mac = Buffer.from(line.toString('latin1', MAC_AT, MAC_AT + 64), 'hex')
    const expected = createHmac('sha256', key()).update(`${record.jobId}\n`).update(text).digest()
    if (mac.length !== 32 || !timingSafeEqual(expected, mac)) throw new Error('fails its integrity check')
    return record
  }

  function readIndex(present: ReadonlySet<string>): IndexRead {
    const entries = new Map<string, { record: JobRecord; line: Buffer }>()
    const unusable = (why: string): IndexRead => ({ rewrite: why, entries: new Map() })
    let bytes: Buffer
    try {
      // Read as bytes and cut into lines: no 10 MB string, and the MAC is computed on the bytes.
      bytes = readFileSync(indexPath)
    } catch {
      return unusable('there was none')
    }
    const headerEnd = bytes.indexOf(0x0a)
    if (headerEnd < 0 || bytes.toString('utf8', 0, headerEnd) !== INDEX_HEADER) return unusable('its format is unknown')
    /** Lines of no use any more (superseded, dropped, of purged jobs). */
    let dead = 0
    let torn = false
    for (let start = headerEnd + 1, number = 2; start < bytes.length; number++) {
      const newline = bytes.indexOf(0x0a, start)
      // Bytes after the last newline: a line a kill cut short (it guarded nothing that was written).
      if (newline < 0) {
        torn = true
        break
      }
      const line = bytes.subarray(start, newline)
      start = newline + 1
      try {
        if (line.toString('latin1', 0, 8) === '{"drop":') {
          const { drop } = JSON.parse(line.toString('utf8')) as { drop?: unknown }
          if (typeof drop !== 'string') throw new Error('not a drop line')
          if (entries.delete(drop)) dead++
          dead++
          continue
        }
        const record = recordOfLine(line)
        if (entries.has(record.jobId)) dead++
        entries.set(record.jobId, { record, line })
      } catch {
        return unusable(`line ${number} is damaged or was not written by this kiosk`)
      }
    }
    for (const jobId of entries.keys()) {
      if (present.has(jobId)) continue
      entries.delete(jobId)
      dead++
    }
    const rewrite = torn
      ? 'its last line was cut short'
      : dead > Math.max(64, entries.size / 4)
        ? `${dead} of its lines are of no use`
        : null
    return { rewrite, entries }
  }

  /** Reads and checks one job file; a bad one is moved aside and reported. */
  function readJobFile(name: string, jobId: string, problems: JournalProblem[]): JobRecord | null {
    const path = join(dir, name)
    try {
      const parsed = JobRecord.safeParse(recordIn(readFileSync(path, 'utf8'), jobId))
      if (!parsed.success)
        throw new Error(
          `not a job record (${parsed.error.issues[0]?.path.join('.') ?? '?'}: ${parsed.error.issues[0]?.message ?? ''})`
        )
      if (parsed.data.jobId !== jobId) throw new Error('the record belongs to another job')
      return parsed.data
    } catch (error) {
      let movedTo: string | null = join(quarantine, `${name}.${now()}`)
      try {
        mkdirSync(quarantine, { recursive: true, mode: 0o700 })
        renameSync(path, movedTo)
      } catch {
        movedTo = null
      }
      problems.push({
        file: name,
        reason: error instanceof SyntaxError ? 'not valid JSON (damaged file)' : (error as Error).message,
        movedTo
      })
      return null
    }
  }

  return {
    loadAll() {
      const jobs: JobRecord[] = []
      const problems: JournalProblem[] = []
      if (integrity && !macKey)
        return {
          jobs,
          problems: [
            { file: dir, reason: `the job files cannot be checked: ${unavailable ?? 'no key'}`, movedTo: null }
          ]
        }
      let names: string[]
      try {
        names = readdirSync(dir)
      } catch (error) {
        return {
          jobs,
          problems: [
            { file: dir, reason: `the journal folder cannot be read: ${(error as Error).message}`, movedTo: null }
          ]
        }
      }
      const present = new Set<string>()
      for (const name of names) {
        const match = FILE.exec(name)
        if (match) present.add(match[1] as string)
      }
      const index = readIndex(present)
      const lines = new Map<string, Buffer>()
      /** Settled jobs read from their files, which the index does not cover yet. */
      const uncovered: JobRecord[] = []
      let readInFull = 0
      for (const name of names.sort()) {
        // Nothing writes while the journal loads: a temporary file is a write a kill cut short.
        if (TEMP.test(name) || INDEX_TEMP.test(name)) {
          rmSync(join(dir, name), { force: true })
          continue
        }
        const match = FILE.exec(name)
        if (!match) continue
        const jobId = match[1] as string
        const entry = index.entries.get(jobId)
        if (entry) {
          jobs.push(entry.record)
          lines.set(jobId, entry.line)
          continue
        }
        readInFull++
        const job = readJobFile(name, jobId, problems)
        if (!job) continue
        jobs.push(job)
        if (isSettled(job)) uncovered.push(job)
      }
      jobs.sort((a, b) => a.createdAt - b.createdAt)

      indexed.clear()
      let rewritten = index.rewrite
      try {
        if (rewritten) {
          const settled = jobs.filter(isSettled)
          const newline = Buffer.from('\n')
          const parts: Uint8Array[] = [Buffer.from(INDEX_HEADER), newline]
          for (const job of settled) parts.push(lines.get(job.jobId) ?? Buffer.from(contentOf(job)), newline)
          files.writeAtomically(indexPath, Buffer.concat(parts))
          for (const job of settled) indexed.add(job.jobId)
        } else {
          for (const jobId of lines.keys()) indexed.add(jobId)
          if (uncovered.length) files.appendDurably(indexPath, uncovered.map((job) => `${contentOf(job)}\n`).join(''))
          for (const job of uncovered) indexed.add(job.jobId)
        }
      } catch (error) {
        // The index is a shortcut: without it the next start reads every file, as it did this time.
        rewritten = null
        problems.push({
          file: INDEX,
          reason: `the index cannot be written: ${(error as Error).message}`,
          movedTo: null
        })
        rmSync(indexPath, { force: true })
        indexed.clear()
      }
      loaded = true
      return { jobs, problems, index: { fromIndex: lines.size, readInFull, rewritten } }
    },
    async open() {
      if (!integrity || macKey) return
      try {
        macKey = Buffer.from(hkdfSync('sha256', await integrity.getKey(), '', 'assure-kiosk job journal v1', 32))
      } catch (error) {
        // No key store (live mode then serves no one): the files wait, unread, for the key to be back.
        unavailable = error instanceof Error ? error.message : String(error)
      }
    },
    save(job) {
      // A record the journal would quarantine at the next start must fail now, where it is made.
      const checked = JobRecord.safeParse(job)
      if (!checked.success)
        throw new Error(
          `refusing to save an invalid job record (${checked.error.issues[0]?.path.join('.') ?? '?'}: ${checked.error.issues[0]?.message ?? ''})`
        )
      const content = contentOf(job)
      // Before the index was read, any job may be in it.
      if (indexed.has(job.jobId) || (!loaded && existsSync(indexPath))) {
        files.appendDurably(indexPath, `{"drop":${JSON.stringify(job.jobId)}}\n`)
        indexed.delete(job.jobId)
        options.durable?.('index-dropped', job.jobId)
      }
      files.writeAtomically(pathOf(job.jobId), content)
      options.durable?.('record-written', job.jobId)
      if (loaded && isSettled(job)) {
        try {
          files.appendDurably(indexPath, `${content}\n`)
          indexed.add(job.jobId)
        } catch {
          // The record is saved; the next start reads it from its file, as the index does not cover it.
        }
      }
    },
    remove(jobId) {
      // Its index line, if any, is left: a line whose file is gone is not used, and counts as dead.
      rmSync(pathOf(jobId), { force: true })
      indexed.delete(jobId)
    },
    purgeQuarantine(before) {
      let names: string[]
      try {
        names = readdirSync(quarantine)
      } catch {
        return 0
      }
      let purged = 0
      for (const name of names) {
        const path = join(quarantine, name)
        try {
          // Named `<file>.<when it was moved aside>`.
          const movedAt = Number(/\.(\d+)$/.exec(name)?.[1] ?? statSync(path).mtimeMs)
          if (movedAt >= before) continue
          rmSync(path, { force: true })
          purged++
        } catch {
          // Gone meanwhile.
        }
      }
      return purged
    }
  }
}
