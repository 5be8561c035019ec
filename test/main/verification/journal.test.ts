/** The journal reads back what it wrote, and what older kiosks wrote. */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { newJob } from '../../../main/verification/job'
import { createJobJournal } from '../../../main/verification/journal'
import { tempDir } from '../../support/temp-dir'

const jobId = '3f6c2b1e-8d4a-4c1f-9b7e-2a5d6c8e9f01'
const job = newJob({
  jobId,
  kioskId: 'k',
  visitReference: 'ACEFHJ',
  reference: { kind: 'image', sha256: 'x', source: 'demo' },
  ownDossier: true,
  dossierId: null,
  now: 0
})

describe('the job journal', () => {
  it('reads back a record as it was saved', async () => {
    const journal = createJobJournal(await tempDir('kiosk-journal'))
    journal.save(job)
    expect(journal.loadAll()).toEqual({ jobs: [job], problems: [] })
  })

  it('reads a failure an older kiosk recorded as `configuration` as `misconfigured`, its name now', async () => {
    const dir = await tempDir('kiosk-journal')
    const ended = { kind: 'failed', at: 5, reason: 'configuration', retryable: true }
    writeFileSync(join(dir, `${jobId}.json`), JSON.stringify({ ...job, ended }))
    const { jobs, problems } = createJobJournal(dir).loadAll()
    expect(problems).toEqual([])
    expect(jobs[0]?.ended).toEqual({ ...ended, reason: 'misconfigured' })
  })
})
