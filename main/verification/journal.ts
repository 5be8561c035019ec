/**
 * The job journal: one JSON file per job, written atomically (temporary file, fsync, rename) by
 * `atomically`, so a kill at any moment leaves either the old record or the new one. One file per job
 * also means a damaged file costs one job, not the queue: at load it is moved to `quarantine/` and
 * reported, and every other job carries on.
 *
 * With `integrity` keys (the app's), each file is `{ "mac": …, "record": … }`, the MAC an HMAC-SHA256
 * of the job id and the record under a key derived from the data key (protected by the OS key store).
 * A job file the kiosk did not write (a forged one, which could make the kiosk delete any dossier or
 * archive any process's result for export) fails the check and is quarantined like a damaged one.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { writeFileSync } from 'atomically'
import { syncDirectory } from '../lib/durable-files'
import type { KeyProvider } from '../storage/crypto-box'
import { JobRecord } from './job'

export interface JournalProblem {
  file: string
  reason: string
  /** Where the unreadable file was moved. */
  movedTo: string | null
}

export interface JobJournal {
  /** Gets the integrity key (the OS key store may be asked); before the first load or save. */
  open(): Promise<void>
  /** Reads every job; unreadable files are moved aside and reported, never thrown. */
  loadAll(): { jobs: JobRecord[]; problems: JournalProblem[] }
  /** Throws, writing nothing, when the record is not one the journal could read back. */
  save(job: JobRecord): void
  remove(jobId: string): void
  /** Deletes quarantined files moved aside before `before` (epoch ms); returns how many. */
  purgeQuarantine(before: number): number
}

const FILE = /^([0-9a-f-]{36})\.json$/
/** A record's temporary file (`atomically`'s), left behind by a kill in the middle of a write. */
const TEMP = /^[0-9a-f-]{36}\.json\.tmp-/

export function createJobJournal(dir: string, now: () => number = Date.now, integrity?: KeyProvider): JobJournal {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
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
  const quarantine = join(dir, 'quarantine')
  const pathOf = (jobId: string): string => join(dir, `${jobId}.json`)

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
      for (const name of names.sort()) {
        // Nothing writes while the journal loads: a temporary file is a write a kill cut short.
        if (TEMP.test(name)) {
          rmSync(join(dir, name), { force: true })
          continue
        }
        const match = FILE.exec(name)
        if (!match) continue
        const path = join(dir, name)
        try {
          const parsed = JobRecord.safeParse(recordIn(readFileSync(path, 'utf8'), match[1] as string))
          if (!parsed.success)
            throw new Error(
              `not a job record (${parsed.error.issues[0]?.path.join('.') ?? '?'}: ${parsed.error.issues[0]?.message ?? ''})`
            )
          if (parsed.data.jobId !== match[1]) throw new Error('the record belongs to another job')
          jobs.push(parsed.data)
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
        }
      }
      return { jobs, problems }
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
      const text = JSON.stringify(job)
      const content = integrity ? JSON.stringify({ mac: macOf(job.jobId, text).toString('hex'), record: job }) : text
      writeFileSync(pathOf(job.jobId), content, { mode: 0o600 })
      syncDirectory(dir)
    },
    remove(jobId) {
      rmSync(pathOf(jobId), { force: true })
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
