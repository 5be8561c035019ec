/**
 * The state machine of a verification: what a job does next, read from its record alone. Nothing here
 * waits, calls or writes; the engine asks, then does it (main/verification/assure-steps.ts).
 */
import { noted, type JobRecord, type Operation } from './job'

/**
 * An Assure operation of the job's own, `finish` (local clean-up of a completed job), `cleanup` (of a
 * cancelled one), or nothing until someone acts: `wait-capture` (the person's capture), `done`.
 */
export type NextStep = Operation | 'finish' | 'cleanup' | 'wait-capture' | 'done'

/** A next step that is work for the engine. */
export type Work = Exclude<NextStep, 'wait-capture' | 'done'>

export function nextStep(job: JobRecord, archiveOn: readonly string[]): NextStep {
  if (job.step === 'cleaned') return 'done'
  if (job.ended?.kind === 'failed') return 'done'
  if (job.ended?.kind === 'cancelled') return 'cleanup'
  switch (job.step) {
    case 'created':
      return job.dossierId ? 'createProcess' : 'createDossier'
    case 'dossier':
      return 'createProcess'
    case 'process':
      return 'setSelfie'
    case 'selfie':
      return job.capture ? 'startVerification' : 'wait-capture'
    case 'captured':
      return 'startVerification'
    case 'started':
      return 'poll'
    case 'final':
      return archiveOn.includes(job.result?.status ?? '') && !noted(job, 'archive') ? 'archive' : 'finish'
    case 'archived':
      return 'finish'
  }
}

/** Nothing to do until someone acts (a capture arrives, staff retry), or nothing at all. */
export function isResting(job: JobRecord, archiveOn: readonly string[]): boolean {
  const next = nextStep(job, archiveOn)
  return next === 'done' || next === 'wait-capture'
}
