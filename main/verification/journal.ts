/**
 * The job journal: one JSON file per job, written atomically (temporary file, fsync, rename) by
 * `atomically`, so a kill at any moment leaves either the old record or the new one. One file per job
 * also means a damaged file costs one job, not the queue: at load it is moved to `quarantine/` and
 * reported, and every other job carries on.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { writeFileSync } from 'atomically'
import { syncDirectory } from '../lib/durable-files'
import { JobRecord } from './job'

export interface JournalProblem {
  file: string
  reason: string
  /** Where the unreadable file was moved. */
  movedTo: string | null
}

export interface JobJournal {
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

export function createJobJournal(dir: string, now: () => number = Date.now): JobJournal {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const quarantine = join(dir, 'quarantine')
  const pathOf = (jobId: string): string => join(dir, `${jobId}.json`)

  return {
    loadAll() {
      const jobs: JobRecord[] = []
      const problems: JournalProblem[] = []
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
          const parsed = JobRecord.safeParse(JSON.parse(readFileSync(path, 'utf8')))
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
    save(job) {
      // A record the journal would quarantine at the next start must fail now, where it is made.
      const checked = JobRecord.safeParse(job)
      if (!checked.success)
        throw new Error(
          `refusing to save an invalid job record (${checked.error.issues[0]?.path.join('.') ?? '?'}: ${checked.error.issues[0]?.message ?? ''})`
        )
      writeFileSync(pathOf(job.jobId), JSON.stringify(job), { mode: 0o600 })
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
