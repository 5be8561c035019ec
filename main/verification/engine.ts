/**
 * The verification job engine, and its public API. It drives each job through its steps
 *   dossier -> process -> selfie -> captured -> started -> final -> archived -> cleaned
 * writing the journal before each Assure call (`inFlight`) and after it (the new step), so that a
 * restart resumes every unfinished job from its last durable step. A person who has done the liveness
 * capture is never asked to repeat it because the network failed: from the moment the capture is saved
 * (encrypted), the job finishes by itself, waiting in the outbox while Assure cannot be reached.
 *
 * Its parts, each in its own module:
 *   job-state.ts      what a job does next, read from its record (the state machine)
 *   job-book.ts       the jobs in memory, and the one place their records are written (the journal)
 *   job-runner.ts     what the engine holds in memory per job (its loop, polling, the prepare waiter)
 *   assure-steps.ts   each Assure step with its journal writes; Start verification exactly once
 *   failures.ts       what each failure means: outbox, a refused preparation, or a failed job
 *   housekeeping.ts   blob names, prepared jobs that expire, retention
 * This file runs them: one loop per job, at most `maxConcurrentJobs` Assure steps at once, pauses
 * that a capture, staff or the network coming back can end early.
 */
import { randomUUID, createHash } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import type {
  CaptureInput,
  JobView,
  PreparedSession,
  ReferenceInput,
  StaffJobPage,
  StaffJobQuery
} from '../../preload/api'
import { MAX_FULL_RESULT_BYTES, type AssureClient } from '../assure/client'
import type { ConnectivityMonitor } from '../connectivity/monitor'
import { sleep, type Clock, type TimerHandle } from '../lib/clock'
import { parseBase64Jpeg, type ImageBytes, type ImageError } from '../lib/images'
import type { Logger } from '../log/logger'
import { ServiceError } from '../ipc/service-error'
import { AssureError } from '../assure/errors'
import type { BlobStore } from '../storage/blob-store'
import type { KeyProvider } from '../storage/crypto-box'
import { createAssureSteps } from './assure-steps'
import { newVisitReference } from './visit-reference'
import { classifyFailure } from './failures'
import { blobName, createHousekeeping, releaseFiles } from './housekeeping'
import { isAwaitingCapture, newJob, phaseOf, viewOf, type JobRecord, type JobReference } from './job'
import { createJobBook } from './job-book'
import { JobRunner } from './job-runner'
import { isResting, nextStep, type Work } from './job-state'
import type { JobJournal, JournalProblem } from './journal'
import { createProcessingEstimate, type ProcessingEstimate } from './processing-estimate'
import {
  DEFAULT_FULL_RESULT_SCHEDULE,
  DEFAULT_OUTBOX_BACKOFF,
  DEFAULT_POLL_SCHEDULE,
  pollDelay,
  type FullResultSchedule,
  type OutboxBackoff,
  type PollSchedule
} from './schedule'
import { encodeCapture } from './stored-capture'

export { depictionOf } from './assure-steps'

export interface EngineOptions {
  kioskId: string
  /** Final statuses whose full-result zip is downloaded and archived. */
  archiveOn: readonly string[]
  /** Delete the job's own dossier at Assure once the job is done (after archiving). */
  deleteDossierWhenDone: boolean
  /** Everything older than this is purged: job records, captures, archived results. */
  retentionMs: number
  /** A prepared job nobody captured for this long is cancelled and its dossier deleted. */
  preparedTtlMs: number
  /** Polling for a result stops after this much (online) time; staff can retry. */
  pollDeadlineMs: number
  /**
   * The polling time is saved with the job whenever this much more has been counted, so a restart
   * loses at most this much of the deadline. 0: after every poll.
   */
  pollingSaveEveryMs: number
  /**
   * Where a linked reference's new FaceTec process goes: into the linked dossier (someone else's, so the
   * kiosk never deletes it), or into a new dossier of the job's own (deleted like any job's dossier).
   */
  linkedReferencePlacement: 'linked-dossier' | 'new-dossier'
  /** Jobs talking to Assure at the same time (the others wait their turn). */
  maxConcurrentJobs: number
  outbox: OutboxBackoff
  poll: PollSchedule
  /** Asking again for a full result that is not ready yet (204), and for how long. */
  fullResult: FullResultSchedule
  /** Malformed answers (and refused polls) are retried this many times before the job fails. */
  maxMalformedAttempts: number
  /**
   * While the person waits for the preparation, a lost or passing failure of Create dossier / Create
   * process is tried again after each of these waits before they are turned away. Safe: a Create
   * dossier that may have gone through is looked up by its externalReference before it is sent again.
   */
  prepareRetryDelaysMs: readonly number[]
  /**
   * How long after a Create dossier whose answer was lost clean-up keeps looking for the dossier it may
   * have made (Assure may process a request after the client gave up on it).
   */
  strayDossierLookupMs: number
  /**
   * How often expired prepared jobs and old data are looked for. Every minute by default: the
   * prepared-job time limit (15 min) is only as precise as this, and a sweep costs a directory listing.
   */
  sweepIntervalMs: number
  /** The full result's download size, what it may unpack to, and its entries: past these it is refused. */
  fullResultLimits: { maxBytes: number; maxUnpackedBytes: number; maxEntries: number }
}

export const DEFAULT_ENGINE_OPTIONS: Omit<EngineOptions, 'kioskId'> = {
  archiveOn: ['accepted'],
  deleteDossierWhenDone: false,
  retentionMs: 30 * 24 * 3600_000,
  preparedTtlMs: 15 * 60_000,
  pollDeadlineMs: 10 * 60_000,
  pollingSaveEveryMs: 5_000,
  linkedReferencePlacement: 'linked-dossier',
  maxConcurrentJobs: 4,
  outbox: DEFAULT_OUTBOX_BACKOFF,
  poll: DEFAULT_POLL_SCHEDULE,
  fullResult: DEFAULT_FULL_RESULT_SCHEDULE,
  maxMalformedAttempts: 5,
  prepareRetryDelaysMs: [300, 1_000],
  strayDossierLookupMs: 5 * 60_000,
  sweepIntervalMs: 60_000,
  fullResultLimits: { maxBytes: MAX_FULL_RESULT_BYTES, maxUnpackedBytes: 256 * 1024 * 1024, maxEntries: 1_000 }
}

export interface EngineDependencies {
  client: AssureClient
  journal: JobJournal
  /** Encrypted captures and reference photos. */
  captures: BlobStore
  /** Encrypted full-result zips. */
  archive: BlobStore
  archiveKeys: KeyProvider
  connectivity: Pick<ConnectivityMonitor, 'current' | 'subscribe'>
  clock: Clock
  log: Logger
  options: EngineOptions
  /** The reference photo when a prepare names none (the demo photo, or the file staff chose). */
  defaultReference?: (visitReference: string) => Promise<{ image: ImageBytes; source: 'staff-file' | 'demo' } | null>
  /** Told of every change to a job, as the renderer may see it (main pushes it as `onJobUpdated`). */
  onUpdate?: (view: JobView) => void
  /** Told of every job record as it changes (see JobObserver). */
  observer?: JobObserver
  /** What is learned of Assure's processing time (one per engine by default). */
  processing?: ProcessingEstimate
  random?: () => number
  /**
   * Called at each durable step that is not a journal write (those the observer sees), after it is on
   * disk: tests make a kill land exactly there.
   */
  durable?: (point: DurablePoint, jobId: string) => void
}

/** `capture-written`: the encrypted capture is on disk, its record does not name it yet. */
export type DurablePoint = 'capture-written'

/**
 * Watches the engine's job records: each one taken at start, each one written (after it is on disk:
 * one call per durable step, so a fault injected here lands between two steps), and each one retention
 * forgets. `resting`: the job has nothing to do until someone acts (job-state.ts). Tests wait on it.
 */
export interface JobObserver {
  recorded(job: Readonly<JobRecord>, resting: boolean): void
  forgotten(jobId: string): void
}

export interface VerificationEngine {
  /** Loads the journal and resumes unfinished jobs. Damaged records are moved aside and reported. */
  start(): Promise<{ resumed: number; problems: JournalProblem[] }>
  stop(): Promise<void>
  /** `visitReference`: the visit's, when it already has one (a retry); else a new one is made. */
  prepare(reference?: ReferenceInput, visitReference?: string): Promise<PreparedSession>
  submitCapture(capture: CaptureInput): Promise<JobView>
  cancel(jobId: string): Promise<JobView>
  /** Staff: try a failed job again (e.g. after fixing the credentials). */
  retry(jobId: string): JobView
  /** Staff: give up on a job; its capture and (own) dossier are deleted. */
  discard(jobId: string): Promise<JobView>
  get(jobId: string): JobView | null
  /**
   * One page of the queue as staff see it, newest first: the views plus technical details (still no
   * personal data), of one phase or of the visits whose reference contains `reference`.
   */
  listPage(query: StaffJobQuery): StaffJobPage
  problems(): JournalProblem[]
  /** Deletes everything older than the retention period; returns how many jobs went. */
  purgeExpired(): Promise<number>
  /** The archived result of a job, decrypted (for staff export). */
  archivedResult(jobId: string): Promise<Buffer>
}

/**
 * What staff read about a failure is at most this long (the record's limit): an Assure error's title
 * and detail may together be longer, and a record over its own limits would be unreadable at the next
 * start.
 */
const MAX_DETAIL = 2000
const clampDetail = (detail: string): string =>
  detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL - 1)}…` : detail

/** What went wrong, for staff: the failure, and any step after the result that failed (noted beside it). */
function staffDetail(job: JobRecord): string | null {
  const parts = [job.ended?.detail, ...(job.resultNotes ?? []).map((note) => `${note.operation}: ${note.detail}`)]
  const detail = parts.filter(Boolean).join('; ')
  return detail ? clampDetail(detail) : null
}

/** Jobs on a page of staff's queue when the query names no size. */
const DEFAULT_PAGE_SIZE = 20

/** After a learned first poll that came a little early: this many polls this close together. */
const CLOSE_FOLLOW_UPS = 4
const CLOSE_FOLLOW_UP_MS = 50

/**
 * Every waiting job listens for the engine's stop: after an outage hundreds do at once, which is by
 * design, not the listener leak Node would warn about above 10.
 */
function stopSignal(): AbortController {
  const controller = new AbortController()
  setMaxListeners(0, controller.signal)
  return controller
}

export function createVerificationEngine(deps: EngineDependencies): VerificationEngine {
  const { journal, captures, archive, clock, options } = deps
  const log = deps.log.child('verification')
  const random = deps.random ?? Math.random
  const processing = deps.processing ?? createProcessingEstimate()
  const resting = (job: JobRecord): boolean => isResting(job, options.archiveOn)
  const book = createJobBook({
    journal,
    clock,
    missing: () => new ServiceError('not-found', 'There is no such verification.'),
    written(job) {
      deps.onUpdate?.(viewOf(job))
      deps.observer?.recorded(job, resting(job))
    },
    adopted: (job) => deps.observer?.recorded(job, resting(job)),
    forgotten: (jobId) => deps.observer?.forgotten(jobId)
  })
  /** The jobs being worked on (and those whose preparation someone awaits). */
  const runners = new Map<string, JobRunner>()
  const runnerOf = (jobId: string): JobRunner => {
    let runner = runners.get(jobId)
    if (!runner) runners.set(jobId, (runner = new JobRunner(jobId)))
    return runner
  }
  const steps = createAssureSteps({
    client: deps.client,
    book,
    captures,
    archive,
    archiveKeys: deps.archiveKeys,
    clock,
    log,
    processing,
    options
  })
  const housekeeping = createHousekeeping({
    book,
    journal,
    captures,
    archive,
    clock,
    log,
    options,
    end,
    schedule,
    busy: (jobId) => Boolean(runners.get(jobId)?.driving) && !resting(book.current(jobId))
  })
  let problems: JournalProblem[] = []
  let stopping = stopSignal()
  const backgroundLane = { running: 0, limit: options.maxConcurrentJobs, queue: [] as Array<() => void> }
  /** One person at a time: two slots let the next preparation overlap the previous person's Set images. */
  const visitorLane = { running: 0, limit: 2, queue: [] as Array<() => void> }
  let sweepTimer: TimerHandle | null = null
  /** A sweep under way: stop() waits for it, so nothing is deleted after the engine has stopped. */
  let sweeping: Promise<void> | null = null

  /**
   * `strayDossier`: whether a Create dossier may have taken effect without the job learning the id.
   * By default, whenever one was in flight with no id recorded (the safe guess after a kill); callers
   * that know better (a refusal that certainly changed nothing) say so.
   */
  function end(
    jobId: string,
    kind: 'completed' | 'failed' | 'cancelled',
    extra: Omit<NonNullable<JobRecord['ended']>, 'kind' | 'at'> = {},
    strayDossier = book.current(jobId).inFlight?.operation === 'createDossier' && !book.current(jobId).dossierId
  ): JobRecord {
    // A failure nobody can retry ends the job for good: its capture goes with it (a retryable one
    // keeps it for staff's retry, until retention).
    const forGood = kind === 'failed' && !extra.retryable
    const ended = book.write(jobId, {
      ended: { kind, at: clock.now(), ...extra, ...(extra.detail ? { detail: clampDetail(extra.detail) } : {}) },
      outbox: null,
      inFlight: null,
      ...(forGood ? { capture: null } : {}),
      ...(strayDossier
        ? {
            strayDossier,
            strayDossierSince: book.current(jobId).inFlight?.since ?? book.current(jobId).strayDossierSince
          }
        : {})
    })
    if (forGood) releaseFiles(captures, jobId)
    // A preparation Assure refused was answered already (failures.ts); this is any other end.
    if (kind !== 'completed')
      runners.get(jobId)?.notPrepared(new ServiceError('unavailable', 'The verification could not be prepared.'))
    log.info('job ended', { jobId, kind, reason: extra.reason })
    return ended
  }

  // ---- running jobs -------------------------------------------------------------------------------

  /**
   * At most `maxConcurrentJobs` background Assure operations at once (polls, outbox retries, downloads,
   * clean-ups), and apart from them the visitor's: preparing the check the person at the kiosk is
   * waiting for never queues behind background work, however slowly Assure answers it.
   */
  async function limited<T>(visitor: boolean, work: () => Promise<T>): Promise<T> {
    const slots = visitor ? visitorLane : backgroundLane
    if (slots.running >= slots.limit) await new Promise<void>((resolve) => slots.queue.push(resolve))
    slots.running++
    try {
      return await work()
    } finally {
      slots.running--
      slots.queue.shift()?.()
    }
  }

  /** Work the person at the kiosk is waiting for: their check's preparation (retries included). */
  function forVisitor(job: JobRecord, work: Work): boolean {
    return isAwaitingCapture(job) && (work === 'createDossier' || work === 'createProcess' || work === 'setSelfie')
  }

  function schedule(jobId: string): void {
    if (stopping.signal.aborted) return
    const runner = runnerOf(jobId)
    if (runner.driving) {
      runner.wake?.()
      return
    }
    runner.driving = drive(runner)
      .catch((error: unknown) => log.error('job runner stopped unexpectedly', { jobId, error }))
      .finally(() => {
        runner.driving = null
        const job = book.get(jobId)
        // Work may have arrived (a capture, a cancel) while the runner was finishing.
        if (job && !stopping.signal.aborted && !resting(job)) schedule(jobId)
        else if (!runner.awaitingPrepared) runners.delete(jobId)
      })
  }

  /** Sleeps until `ms` passed or the job is woken (capture, staff retry, back online). */
  function pause(runner: JobRunner, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timers: TimerHandle[] = []
      let finished = false
      const finish = (): void => {
        if (finished) return
        finished = true
        for (const timer of timers) clock.clearTimeout(timer)
        unsubscribe()
        if (runner.wake === finish) runner.wake = null
        stopping.signal.removeEventListener('abort', finish)
        resolve()
      }
      timers.push(clock.setTimeout(finish, Math.max(0, ms)))
      // Back online: try soon, spread over a few seconds so a full outbox does not stampede.
      const unsubscribe = deps.connectivity.subscribe((snapshot) => {
        if (snapshot.state === 'online') timers.push(clock.setTimeout(finish, random() * Math.min(ms, 3_000)))
      })
      runner.wake = finish
      stopping.signal.addEventListener('abort', finish, { once: true })
    })
  }

  /** Resolves once connectivity is not `offline` (or the engine stops). */
  function untilNotOffline(): Promise<void> {
    if (deps.connectivity.current().state !== 'offline') return Promise.resolve()
    return new Promise((resolve) => {
      const done = (): void => {
        stop()
        stopping.signal.removeEventListener('abort', done)
        resolve()
      }
      const stop = deps.connectivity.subscribe((snapshot) => {
        if (snapshot.state !== 'offline') done()
      })
      stopping.signal.addEventListener('abort', done, { once: true })
    })
  }

  async function drive(runner: JobRunner): Promise<void> {
    const { jobId } = runner
    for (;;) {
      if (stopping.signal.aborted) return
      const job = book.get(jobId)
      if (!job) return
      const work = nextStep(job, options.archiveOn)
      if (work === 'done' || work === 'wait-capture') return

      if (job.outbox && job.outbox.nextAt > clock.now()) {
        await pause(runner, job.outbox.nextAt - clock.now())
        const woken = book.get(jobId)
        if (woken?.outbox) book.write(jobId, { outbox: { ...woken.outbox, nextAt: clock.now() } })
        continue
      }

      try {
        if (work === 'poll') await waitBeforePoll(runner)
        const latest = book.get(jobId)
        if (!latest || nextStep(latest, options.archiveOn) !== work) continue
        await limited(forVisitor(latest, work), () => steps.perform(latest, work, runner))
        if (book.get(jobId)?.outbox) book.write(jobId, { outbox: null })
      } catch (error) {
        if (stopping.signal.aborted) return
        handleFailure(jobId, work, error)
      }
    }
  }

  async function waitBeforePoll(runner: JobRunner): Promise<void> {
    // Paused while offline: that time does not count against the deadline.
    await untilNotOffline()
    const index = runner.polls
    const learned = processing.firstPollDelay(runner.jobId, -1)
    // With a learned processing time the first poll goes out when the result is due, and if it was a
    // little early the next ones follow closely; without one, the fixed schedule backs off.
    const delay =
      index === 0 && learned >= 0
        ? learned
        : learned >= 0 && index <= CLOSE_FOLLOW_UPS
          ? CLOSE_FOLLOW_UP_MS
          : pollDelay(options.poll, index)
    runner.polls = index + 1
    await sleep(clock, delay, stopping.signal)
    // Counted in memory, saved every `pollingSaveEveryMs` by the poll (see there), so a restart keeps
    // nearly all of it without a journal write before every poll.
    runner.pollingMs = (runner.pollingMs ?? book.get(runner.jobId)?.pollingMs ?? 0) + delay
  }

  // ---- failures -----------------------------------------------------------------------------------

  function handleFailure(jobId: string, work: Work, error: unknown): void {
    const job = book.get(jobId)
    if (!job) return
    try {
      const handling = classifyFailure(error, {
        job,
        work,
        maxMalformedAttempts: options.maxMalformedAttempts,
        outbox: options.outbox,
        random,
        prepareRetryDelaysMs: options.prepareRetryDelaysMs
      })
      switch (handling.action) {
        case 'fail':
          if (handling.log) log.error(handling.log.message, handling.log.fields)
          end(jobId, 'failed', { reason: handling.reason, retryable: handling.retryable, detail: handling.detail })
          return
        case 'wait-full-result':
          waitForFullResult(job)
          return
        case 'note':
          noteBesideResult(job, handling.operation, handling.detail)
          return
        case 'refuse-preparation': {
          const { error: cause } = handling
          log.warn('preparation failed', { jobId, operation: work, kind: cause.kind, status: cause.status })
          runners.get(jobId)?.notPrepared(handling.refusal)
          end(
            jobId,
            'cancelled',
            { detail: `preparation failed: ${cause.kind}` },
            handling.strayDossier || Boolean(book.current(jobId).strayDossier)
          )
          return
        }
        case 'outbox': {
          const { error: cause } = handling
          const assure = cause instanceof AssureError ? cause : null
          log.warn('waiting in the outbox', {
            jobId,
            operation: work,
            kind: assure?.kind ?? cause.name,
            status: assure?.status,
            code: assure?.code,
            attempts: handling.attempts,
            delayMs: Math.round(handling.delayMs)
          })
          book.write(jobId, {
            outbox: {
              attempts: handling.attempts,
              nextAt: clock.now() + handling.delayMs,
              lastError: handling.lastError,
              ...(handling.limited ? { limited: handling.limited } : {})
            },
            ...(handling.strayDossier
              ? { strayDossier: true, strayDossierSince: job.inFlight?.since ?? clock.now() }
              : {})
          })
          return
        }
      }
    } catch (storageError) {
      // The journal itself cannot be written: keep the job in memory and try again later.
      log.error('cannot record a failure', { jobId, error: storageError })
      runners.get(jobId)?.notPrepared(new ServiceError('unavailable', 'The kiosk cannot save the verification.'))
    }
  }

  /**
   * The full result is not ready (204): ask again on its own schedule, parked like an outbox entry (so
   * a restart keeps the wait and staff see why), until the limit; then the kiosk stops asking and notes
   * it beside the result, which stays the job's (issue 16): the person already has it.
   */
  function waitForFullResult(job: JobRecord): void {
    const at = clock.now()
    const wait = job.fullResultWait ?? { since: at, attempts: 0 }
    if (at - wait.since >= options.fullResult.deadlineMs) {
      log.warn('the full result did not become available', { jobId: job.jobId, attempts: wait.attempts })
      noteBesideResult(
        job,
        'archive',
        `download answered 204 (not ready) ${wait.attempts + 1} times in ${Math.round((at - wait.since) / 1000)} s`
      )
      return
    }
    const { intervalsMs } = options.fullResult
    const delay = intervalsMs[Math.min(wait.attempts, intervalsMs.length - 1)] ?? 5_000
    book.write(job.jobId, {
      inFlight: null,
      fullResultWait: { since: wait.since, attempts: wait.attempts + 1 },
      outbox: {
        attempts: job.outbox?.attempts ?? 0,
        nextAt: at + delay,
        lastError: 'download: 204 not ready yet'
      }
    })
  }

  /**
   * A step after the final result failed for good: the job keeps its result, the failure is noted
   * beside it for staff, and the job goes on without that step (archive -> finish; a dossier that
   * cannot be deleted stays, and the job is cleaned up locally all the same).
   */
  function noteBesideResult(job: JobRecord, operation: 'archive' | 'deleteDossier', detail: string): void {
    log.warn('a step after the result failed; the result is kept', { jobId: job.jobId, operation })
    book.write(job.jobId, {
      inFlight: null,
      outbox: null,
      fullResultWait: null,
      resultNotes: [
        ...(job.resultNotes ?? []).filter((note) => note.operation !== operation),
        { operation, at: clock.now(), detail: detail.slice(0, 500) }
      ]
    })
  }

  function scheduleSweep(): void {
    sweepTimer = clock.setTimeout(() => {
      sweeping = housekeeping
        .sweep()
        // A folder that cannot be read now (a disk hiccup) is tried again at the next sweep.
        .catch((error: unknown) => log.error('the housekeeping sweep failed', { error }))
        .finally(() => {
          sweeping = null
          if (!stopping.signal.aborted) scheduleSweep()
        })
    }, options.sweepIntervalMs)
  }

  // ---- public API ---------------------------------------------------------------------------------

  return {
    async start() {
      stopping = stopSignal()
      await journal.open()
      const loaded = journal.loadAll()
      problems = loaded.problems
      for (const problem of problems) log.error('a job record could not be read and was moved aside', { ...problem })
      for (const job of loaded.jobs) book.adopt(job)
      let resumed = 0
      for (const job of loaded.jobs) {
        // Nobody is at the kiosk for a job that was not captured before the restart.
        if (isAwaitingCapture(job)) end(job.jobId, 'cancelled', { detail: 'the kiosk restarted before the capture' })
        if (!resting(book.current(job.jobId))) {
          resumed++
          schedule(job.jobId)
        }
      }
      await housekeeping.purgeExpired()
      scheduleSweep()
      log.info('verification engine started', {
        jobs: book.size,
        resumed,
        problems: problems.length,
        fromIndex: loaded.index?.fromIndex,
        readInFull: loaded.index?.readInFull,
        indexRewritten: loaded.index?.rewritten ?? undefined
      })
      return { resumed, problems }
    },

    async stop() {
      stopping.abort(new Error('stopping'))
      if (sweepTimer) clock.clearTimeout(sweepTimer)
      const runs: Array<Promise<void>> = []
      for (const runner of runners.values()) {
        runner.notPrepared(new ServiceError('unavailable', 'The kiosk is shutting down.'))
        if (runner.driving) runs.push(runner.driving)
      }
      if (sweeping) runs.push(sweeping)
      await Promise.allSettled(runs)
    },

    async prepare(referenceInput, visitReferenceInput) {
      // A new visit's reference is not one a kept job already has, so staff find exactly this visit.
      const visitReference =
        visitReferenceInput ??
        newVisitReference((candidate) => book.all().some((kept) => kept.visitReference === candidate))
      let reference: JobReference
      let image: ImageBytes | null = null
      let ownDossier = true
      let dossierId: string | null = null
      if (referenceInput) {
        const sameDossier = options.linkedReferencePlacement === 'linked-dossier'
        reference = {
          kind: 'linked-process',
          dossierId: referenceInput.dossierId,
          processId: referenceInput.processId,
          imageType: referenceInput.imageType ?? 'portrait',
          sameDossier
        }
        // The linked dossier is someone else's: never deleted. A new one is the job's own, like any other.
        ownDossier = !sameDossier
        dossierId = sameDossier ? referenceInput.dossierId : null
      } else {
        const fallback = await deps.defaultReference?.(visitReference)
        if (!fallback) throw new ServiceError('misconfigured', 'No reference photo is configured for this kiosk.')
        image = fallback.image
        reference = {
          kind: 'image',
          sha256: createHash('sha256').update(image.bytes).digest('hex'),
          source: fallback.source
        }
      }
      const jobId = randomUUID()
      if (image) await captures.put(blobName(jobId, 'reference'), image.bytes)
      book.adopt(
        newJob({ jobId, kioskId: options.kioskId, visitReference, reference, ownDossier, dossierId, now: clock.now() })
      )
      const ready = runnerOf(jobId).awaitPrepared()
      book.write(jobId, {})
      schedule(jobId)
      return ready
    },

    async submitCapture(input) {
      const job = book.current(input.jobId)
      if (job.ended) throw new ServiceError('conflict', 'This verification has already ended.')
      if (!job.processId) throw new ServiceError('conflict', 'This verification is not ready for a capture.')
      if (job.capture) return viewOf(job)
      try {
        parseBase64Jpeg(input.auditTrailImage)
        parseBase64Jpeg(input.lowQualityAuditTrailImage)
      } catch (error) {
        throw new ServiceError(
          'invalid-input',
          `The capture's audit-trail image is not a JPEG (${(error as ImageError).message}).`
        )
      }
      // Durable before anything else happens: from here on the person never has to do this again.
      const blob = blobName(job.jobId, 'capture')
      let bytes: number
      try {
        ;({ bytes } = await captures.put(blob, encodeCapture(input)))
      } catch (error) {
        if (!book.current(job.jobId).ended) throw error
        bytes = 0
      }
      deps.durable?.('capture-written', job.jobId)
      // The job may have ended while the capture was written (the idle reset cancelling it as the
      // session ended): its clean-up may be over already, so the capture must not outlive it.
      if (book.current(job.jobId).ended) {
        releaseFiles(captures, job.jobId)
        throw new ServiceError('conflict', 'This verification has already ended.')
      }
      const saved = book.write(
        job.jobId,
        { capture: { blob, bytes } },
        book.current(job.jobId).step === 'selfie' ? 'captured' : undefined
      )
      schedule(job.jobId)
      return viewOf(saved)
    },

    async cancel(jobId) {
      const job = book.current(jobId)
      if (job.ended) return viewOf(job)
      if (job.capture)
        throw new ServiceError('conflict', 'The capture is saved; the verification will finish by itself.')
      const cancelled = end(jobId, 'cancelled', { detail: 'cancelled before the capture' })
      schedule(jobId)
      return viewOf(cancelled)
    },

    retry(jobId) {
      const job = book.current(jobId)
      if (job.ended?.kind !== 'failed' || !job.ended.retryable)
        throw new ServiceError('conflict', 'Only a failed verification that can be retried can be retried.')
      runners.get(jobId)?.resetPolling()
      const revived = book.write(jobId, { ended: null, outbox: null, pollingMs: 0, fullResultWait: null })
      schedule(jobId)
      return viewOf(revived)
    },

    async discard(jobId) {
      const job = book.current(jobId)
      if (job.step === 'cleaned') return viewOf(job)
      const discarded = book.write(jobId, {
        ended: { kind: 'cancelled', at: clock.now(), detail: 'discarded by staff' },
        outbox: null
      })
      schedule(jobId)
      return viewOf(discarded)
    },

    get: (jobId) => {
      const job = book.get(jobId)
      return job ? viewOf(job) : null
    },
    listPage(query) {
      const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE
      // A visit's short reference (what the person shows staff), or a part of a job id.
      const reference = query.reference?.toLowerCase() ?? ''
      const matching: JobRecord[] = []
      for (const job of book.newestFirst()) {
        if (query.phase && phaseOf(job) !== query.phase) continue
        if (reference && job.visitReference?.toLowerCase() !== reference && !job.jobId.includes(reference)) continue
        matching.push(job)
      }
      const pages = Math.max(1, Math.ceil(matching.length / pageSize))
      const page = Math.min(query.page ?? 0, pages - 1)
      return {
        jobs: matching.slice(page * pageSize, (page + 1) * pageSize).map((job) => ({
          ...viewOf(job),
          lastError: job.outbox?.lastError ?? null,
          detail: staffDetail(job),
          hasArchivedResult: job.archive !== null
        })),
        page,
        pages,
        total: matching.length
      }
    },
    problems: () => [...problems],
    purgeExpired: () => housekeeping.purgeExpired(),

    async archivedResult(jobId) {
      const job = book.current(jobId)
      if (!job.archive) throw new ServiceError('not-found', 'This verification has no archived result.')
      return archive.get(job.archive.file)
    }
  }
}
