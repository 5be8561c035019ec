/** Blob names: every file of a job is found again by its job's id, parsed, never cut to a length. */
import { describe, expect, it } from 'vitest'
import { blobName, jobIdOfBlob } from '../../../main/verification/housekeeping'

const jobId = '3f6c2b1e-8d4a-4c1f-9b7e-2a5d6c8e9f01'

describe('blob names', () => {
  it.each(['capture', 'reference', 'result'] as const)('name the %s after its job, and give the job back', (kind) => {
    expect(jobIdOfBlob(blobName(jobId, kind))).toBe(jobId)
  })

  it('give a job its leftovers too (a download’s .part, a write’s temporary file)', () => {
    expect(jobIdOfBlob(`${blobName(jobId, 'result')}.part`)).toBe(jobId)
    expect(jobIdOfBlob(`${blobName(jobId, 'capture')}.tmp-17328123`)).toBe(jobId)
  })

  it.each(['notes.txt', `${jobId.slice(0, 35)}x.capture`, `x${jobId}.capture`, 'capture', ''])(
    'belong to no job when they do not start with a job id: %j',
    (name) => {
      expect(jobIdOfBlob(name)).toBeNull()
    }
  )
})
