/**
 * Durability beyond a kill (issue 16, row 8): what the kiosk tells itself is on disk really is, after
 * a power cut too. The engine runs one verification against the sandbox with its journal, its stores
 * and its download writing through a recording file system (lib/durable-files.ts's seam over the real
 * node:fs), and the order in which bytes, names and directories were synced is read off the record:
 * a file's bytes are fsynced before the rename that publishes it, the directory after the rename, and
 * only then does the journal record what the file holds.
 */
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { durableFiles, nodeFs, type DurableFs } from '../../../main/lib/durable-files'
import { startSandbox, type Sandbox } from '../../../main/sandbox/fault-control'
import { captureFor, makeEngine, type TestEngine } from '../../support/engine'
import { tempDir } from '../../support/temp-dir'

let sandbox: Sandbox
const engines: TestEngine[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ behaviour: { processingDelayMs: 20, fullResultDelayMs: 0 } })
})
afterAll(async () => {
  await sandbox.close()
})
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.close()))
  sandbox.control.reset({ data: true })
})

/**
 * node:fs, with every fsync and rename written down (paths relative to `root`, temporary names as
 * `.tmp-*`); an fsynced job record is shown with the step it records.
 */
function recordingFs(root: string): { fs: DurableFs; events: string[]; named(jobId: string): string[] } {
  const events: string[] = []
  const open = new Map<number, string>()
  const shown = (path: string): string => relative(root, path).replace(/\.tmp-[0-9a-z]+$/, '.tmp-*') || '.'
  const synced = (fd: number): void => {
    const path = open.get(fd) ?? '?'
    const record = /\.json\.tmp-/.test(path)
      ? ` [${(JSON.parse(readFileSync(path, 'utf8')) as { step: string }).step}]`
      : ''
    events.push(`fsync ${shown(path)}${record}`)
  }
  const fs: DurableFs = {
    ...nodeFs,
    openSync(path, flags, mode) {
      const fd = nodeFs.openSync(path, flags, mode)
      open.set(fd, path)
      return fd
    },
    fsyncSync(fd) {
      nodeFs.fsyncSync(fd)
      synced(fd)
    },
    async fsync(fd) {
      await nodeFs.fsync(fd)
      synced(fd)
    },
    closeSync(fd) {
      nodeFs.closeSync(fd)
      open.delete(fd)
    },
    renameSync(from, to) {
      nodeFs.renameSync(from, to)
      events.push(`rename ${shown(from)} -> ${shown(to)}`)
    }
  }
  return { fs, events, named: (jobId) => events.map((event) => event.replaceAll(jobId, '<job>')) }
}

/** The events from the first one equal to `first` on, as many as `expected` has. */
function from(events: string[], expected: string[]): string[] {
  const at = events.indexOf(expected[0] ?? '')
  return at < 0 ? events : events.slice(at, at + expected.length)
}

/** One verification from prepare to its end, on an engine whose durable writes are recorded. */
async function recordedVerification() {
  const dir = await tempDir('kiosk-durability')
  const recording = recordingFs(dir)
  const t = makeEngine(sandbox, dir, { files: durableFiles(recording.fs) })
  engines.push(t)
  await t.engine.start()
  const { jobId } = await t.engine.prepare()
  await t.settled(jobId)
  await t.engine.submitCapture(captureFor(jobId))
  const ended = await t.settled(jobId)
  return { ended, events: recording.named(jobId) }
}

describe('the order in which a verification reaches the disk', () => {
  it('syncs the full-result zip, renames it, syncs its folder, and only then writes `archived` (synced)', async () => {
    const { ended, events } = await recordedVerification()
    expect(ended).toMatchObject({ phase: 'completed', result: 'accepted' })

    const archived = [
      'fsync archive/<job>.result.zip.part',
      'rename archive/<job>.result.zip.part -> archive/<job>.result.zip',
      'fsync archive',
      'fsync jobs/<job>.json.tmp-* [archived]',
      'rename jobs/<job>.json.tmp-* -> jobs/<job>.json',
      'fsync jobs'
    ]
    expect(from(events, archived)).toEqual(archived)
  })

  it('syncs the encrypted capture and its folder before the journal records it, and each record before it counts', async () => {
    const { events } = await recordedVerification()

    const captured = [
      'fsync captures/<job>.capture.tmp-*',
      'rename captures/<job>.capture.tmp-* -> captures/<job>.capture',
      'fsync captures',
      'fsync jobs/<job>.json.tmp-* [captured]',
      'rename jobs/<job>.json.tmp-* -> jobs/<job>.json',
      'fsync jobs'
    ]
    expect(from(events, captured)).toEqual(captured)

    // Every journal write: the temporary file's bytes, its rename, the folder; never a rename unsynced.
    const first = events.findIndex((event) => event.includes('jobs/<job>.json'))
    const journal = events.slice(first).filter((event) => /jobs\/<job>\.json|^fsync jobs$/.test(event))
    expect(journal.length).toBeGreaterThan(9)
    for (let at = 0; at < journal.length; at += 3) {
      expect(journal[at]).toMatch(/^fsync jobs\/<job>\.json\.tmp-\* \[\w+\]$/)
      expect(journal[at + 1]).toBe('rename jobs/<job>.json.tmp-* -> jobs/<job>.json')
      expect(journal[at + 2]).toBe('fsync jobs')
    }
    // The settled record reaches the journal's index only after its own file is synced in place.
    expect(events.slice(-4)).toEqual([
      'fsync jobs/<job>.json.tmp-* [cleaned]',
      'rename jobs/<job>.json.tmp-* -> jobs/<job>.json',
      'fsync jobs',
      'fsync jobs/index.jsonl'
    ])
  })
})
