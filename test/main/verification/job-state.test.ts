/** The state machine, read from records alone: what a job does next at every step. */
import { describe, expect, it } from 'vitest'
import { newJob, type JobRecord } from '../../../main/verification/job'
import { isResting, nextStep } from '../../../main/verification/job-state'

const ACCEPTED_ONLY = ['accepted']
const base = newJob({
  jobId: '3f6c2b1e-8d4a-4c1f-9b7e-2a5d6c8e9f01',
  visitReference: 'ACEFHJ',
  kioskId: 'k',
  reference: { kind: 'image', sha256: 'x', source: 'demo' },
  ownDossier: true,
  dossierId: null,
  now: 0
})
const at = (changes: Partial<JobRecord>): JobRecord => ({ ...base, ...changes })
const capture = { blob: 'c', bytes: 1 }

describe('what a job does next', () => {
  it.each([
    ['a new job', at({}), 'createDossier'],
    ['a new job in a linked dossier', at({ dossierId: 'd' }), 'createProcess'],
    ['a dossier', at({ step: 'dossier', dossierId: 'd' }), 'createProcess'],
    ['a process', at({ step: 'process' }), 'setSelfie'],
    ['a selfie, no capture yet', at({ step: 'selfie' }), 'wait-capture'],
    ['a selfie and a capture', at({ step: 'selfie', capture }), 'startVerification'],
    ['a capture', at({ step: 'captured', capture }), 'startVerification'],
    ['a start', at({ step: 'started' }), 'poll'],
    ['an accepted result', at({ step: 'final', result: { status: 'accepted', at: 1 } }), 'archive'],
    ['a rejected result', at({ step: 'final', result: { status: 'rejected', at: 1 } }), 'finish'],
    ['an archived result', at({ step: 'archived' }), 'finish'],
    ['a cleaned job', at({ step: 'cleaned' }), 'done'],
    ['a failed job', at({ step: 'started', ended: { kind: 'failed', at: 1 } }), 'done'],
    ['a cancelled job', at({ step: 'process', ended: { kind: 'cancelled', at: 1 } }), 'cleanup']
  ] as const)('after %s: %s', (_what, job, next) => {
    expect(nextStep(job, ACCEPTED_ONLY)).toBe(next)
  })

  it('rests only while waiting for the capture or with nothing left to do', () => {
    expect(isResting(at({ step: 'selfie' }), ACCEPTED_ONLY)).toBe(true)
    expect(isResting(at({ step: 'cleaned' }), ACCEPTED_ONLY)).toBe(true)
    expect(isResting(at({ step: 'process' }), ACCEPTED_ONLY)).toBe(false)
    expect(isResting(at({ step: 'selfie', ended: { kind: 'cancelled', at: 1 } }), ACCEPTED_ONLY)).toBe(false)
  })
})
