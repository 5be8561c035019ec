/**
 * The verification job engine. It drives each job through its steps
 *   dossier -> process -> selfie -> captured -> started -> final -> archived -> cleaned
 * writing the journal before each Assure call (`inFlight`) and after it (the new step), so that a
 * restart resumes every unfinished job from its last durable step. A person who has done the liveness
 * capture is never asked to repeat it because the network failed: from the moment the capture is saved
 * (encrypted), the job finishes by itself, waiting in the outbox while Assure cannot be reached.
 *
 * Start verification happens exactly once: whenever a start may have been sent before (journal says
 * in flight, or the answer was lost), the process is read first, and a process that is no longer
 * `pending` means the start went through. The same holds for a start Assure refuses (a 4xx): if the
 * process has left `pending`, an earlier start went through, whatever the refusal says.
 */
import { randomUUID, createHash } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import { unzipSync } from 'fflate'
import type { CaptureInput, JobView, PreparedSession, ReferenceInput, StaffJob } from '../../preload/api'
import type { AssureClient } from '../assure/client'
import { AssureError } from '../assure/errors'
import { describeFailReason, isFinalStatus, productionKeyOf, type ComparedDepiction } from '../assure/schemas'
import type { ConnectivityMonitor } from '../connectivity/monitor'
import { sleep, type Clock, type TimerHandle } from '../lib/clock'
import { parseBase64Jpeg, validateImage, type ImageBytes, type ImageError } from '../lib/images'
import type { Logger } from '../log/logger'
import type { BlobStore } from '../storage/blob-store'
import { DecryptionError, encryptingStream, type KeyProvider } from '../storage/crypto-box'
import { newVisitReference } from './visit-reference'
import { isAwaitingCapture, newJob, viewOf, type JobRecord, type JobReference, type Operation, type Step } from './job'
import type { JobJournal, JournalProblem } from './journal'
import { createProcessingEstimate } from './processing-estimate'
import {
  DEFAULT_FULL_RESULT_SCHEDULE,
  DEFAULT_OUTBOX_BACKOFF,
  DEFAULT_POLL_SCHEDULE,
  outboxDelay,
  pollDelay,
  type FullResultSchedule,
  type OutboxBackoff,
  type PollSchedule
} from './schedule'

export interface EngineSettings {
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
  /** Malformed answers are retried this many times before the job fails. */
  maxMalformedAttempts: number
  /**
   * How often expired prepared jobs and old data are looked for. Every minute by default: the
   * prepared-job time limit (15 min) is only as precise as this, and a sweep costs a directory listing.
   */
  sweepIntervalMs: number
}

export const DEFAULT_ENGINE_SETTINGS: Omit<EngineSettings, 'kioskId'> = {
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
  sweepIntervalMs: 60_000
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
  settings: EngineSettings
  /** The reference photo when a prepare names none (the demo photo, or the file staff chose). */
  defaultReference?: (visitReference: string) => Promise<{ image: ImageBytes; source: 'staff-file' | 'demo' } | null>
  onUpdate?: (view: JobView) => void
  random?: () => number
}

export type EngineErrorCode = 'not-found' | 'conflict' | 'unavailable' | 'configuration' | 'invalid' | 'no-reference'

/** What callers (the IPC handlers) may show; the message is safe for the renderer. */
export class EngineError extends Error {
  override readonly name = 'EngineError'
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
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
  list(): JobView[]
  /** The queue as staff see it: the views plus technical details (still no personal data). */
  listDetailed(): StaffJob[]
  problems(): JournalProblem[]
  /** Deletes everything older than the retention period; returns how many jobs went. */
  purgeExpired(): Promise<number>
  /** Resolves when the job has nothing more to do by itself (ended, or waiting for a capture). */
  settled(jobId: string): Promise<JobView>
  /** The archived result of a job, decrypted (for staff export). */
  archivedResult(jobId: string): Promise<Buffer>
  /** What the engine has learned of Assure's processing time (ms), or null before the first result. */
  processingEstimate(): number | null
}

type NextOperation = Operation | 'finish' | 'cleanup' | 'wait-capture' | 'done'

interface Ready {
  resolve(session: PreparedSession): void
  reject(error: Error): void
}

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

const captureBlob = (jobId: string): string => `${jobId}.capture`
const referenceBlob = (jobId: string): string => `${jobId}.reference`
const archiveBlob = (jobId: string): string => `${jobId}.result.zip`

export function createVerificationEngine(deps: EngineDependencies): VerificationEngine {
  const { client, journal, captures, archive, clock, settings } = deps
  const log = deps.log.child('verification')
  const random = deps.random ?? Math.random
  const jobs = new Map<string, JobRecord>()
  const sessions = new Map<string, PreparedSession['facetec']>()
  const readyWaiters = new Map<string, Ready>()
  const settleWaiters = new Map<string, Array<() => void>>()
  const runners = new Map<string, Promise<void>>()
  const wakers = new Map<string, () => void>()
  const pollIndex = new Map<string, number>()
  const processing = createProcessingEstimate()
  /** Polling time against the deadline, persisted with the job's next write (see waitBeforePoll). */
  const pollingMs = new Map<string, number>()
  let problems: JournalProblem[] = []
  let stopping = stopSignal()
  let running = 0
  const queue: Array<() => void> = []
  let sweepTimer: TimerHandle | null = null

  // ---- persistence --------------------------------------------------------------------------------

  /** Writes a change to the job's latest record (never to a snapshot taken before an await). */
  function update(jobId: string, changes: Partial<JobRecord>, step?: Step): JobRecord {
    const job = current(jobId)
    const at = clock.now()
    const next: JobRecord = { ...job, ...changes, updatedAt: at }
    if (step && step !== job.step) {
      next.step = step
      next.stepAt = { ...next.stepAt, [step]: at }
    }
    journal.save(next)
    jobs.set(next.jobId, next)
    deps.onUpdate?.(viewOf(next))
    if (isResting(next)) for (const done of settleWaiters.get(next.jobId)?.splice(0) ?? []) done()
    return next
  }

  /** Nothing to do until someone acts (a capture arrives, staff retry). */
  const isResting = (job: JobRecord): boolean => ['done', 'wait-capture'].includes(nextOperation(job))

  const current = (jobId: string): JobRecord => {
    const job = jobs.get(jobId)
    if (!job) throw new EngineError('not-found', 'There is no such verification.')
    return job
  }

  /**
   * `strayDossier`: whether a Create dossier may have taken effect without the job learning the id.
   * By default, whenever one was in flight with no id recorded (the safe guess after a kill); callers
   * that know better (a refusal that certainly changed nothing) say so.
   */
  function end(
    jobId: string,
    kind: 'completed' | 'failed' | 'cancelled',
    extra: Omit<NonNullable<JobRecord['ended']>, 'kind' | 'at'> = {},
    strayDossier = current(jobId).inFlight?.operation === 'createDossier' && !current(jobId).dossierId
  ): JobRecord {
    const ended = update(jobId, {
      ended: { kind, at: clock.now(), ...extra },
      outbox: null,
      inFlight: null,
      ...(strayDossier ? { strayDossier } : {})
    })
    if (kind !== 'completed')
      rejectReady(
        jobId,
        new EngineError(
          extra.reason === 'configuration' ? 'configuration' : 'unavailable',
          'The verification could not be prepared.'
        )
      )
    log.info('job ended', { jobId, kind, reason: extra.reason })
    return ended
  }

  function rejectReady(jobId: string, error: Error): void {
    const waiter = readyWaiters.get(jobId)
    readyWaiters.delete(jobId)
    waiter?.reject(error)
  }

  // ---- what comes next ----------------------------------------------------------------------------

  function nextOperation(job: JobRecord): NextOperation {
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
        return settings.archiveOn.includes(job.result?.status ?? '') ? 'archive' : 'finish'
      case 'archived':
        return 'finish'
    }
  }

  // ---- running jobs -------------------------------------------------------------------------------

  /** At most `maxConcurrentJobs` Assure operations at once. */
  async function limited<T>(work: () => Promise<T>): Promise<T> {
    if (running >= settings.maxConcurrentJobs) await new Promise<void>((resolve) => queue.push(resolve))
    running++
    try {
      return await work()
    } finally {
      running--
      queue.shift()?.()
    }
  }

  function schedule(jobId: string): void {
    if (stopping.signal.aborted) return
    if (runners.has(jobId)) {
      wakers.get(jobId)?.()
      return
    }
    const run = drive(jobId)
      .catch((error: unknown) => log.error('job runner stopped unexpectedly', { jobId, error }))
      .finally(() => {
        runners.delete(jobId)
        const job = jobs.get(jobId)
        // Work may have arrived (a capture, a cancel) while the runner was finishing.
        if (job && !stopping.signal.aborted && !['done', 'wait-capture'].includes(nextOperation(job))) schedule(jobId)
      })
    runners.set(jobId, run)
  }

  /** Sleeps until `ms` passed or the job is woken (capture, staff retry, back online). */
  function pause(jobId: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timers: TimerHandle[] = []
      let finished = false
      const finish = (): void => {
        if (finished) return
        finished = true
        for (const timer of timers) clock.clearTimeout(timer)
        unsubscribe()
        if (wakers.get(jobId) === finish) wakers.delete(jobId)
        stopping.signal.removeEventListener('abort', finish)
        resolve()
      }
      timers.push(clock.setTimeout(finish, Math.max(0, ms)))
      // Back online: try soon, spread over a few seconds so a full outbox does not stampede.
      const unsubscribe = deps.connectivity.subscribe((snapshot) => {
        if (snapshot.state === 'online') timers.push(clock.setTimeout(finish, random() * Math.min(ms, 3_000)))
      })
      wakers.set(jobId, finish)
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

  async function drive(jobId: string): Promise<void> {
    for (;;) {
      if (stopping.signal.aborted) return
      const job = jobs.get(jobId)
      if (!job) return
      const operation = nextOperation(job)
      if (operation === 'done' || operation === 'wait-capture') return

      if (job.outbox && job.outbox.nextAt > clock.now()) {
        await pause(jobId, job.outbox.nextAt - clock.now())
        const woken = jobs.get(jobId)
        if (woken?.outbox) update(jobId, { outbox: { ...woken.outbox, nextAt: clock.now() } })
        continue
      }

      try {
        if (operation === 'poll') await waitBeforePoll(jobId)
        const latest = jobs.get(jobId)
        if (!latest || nextOperation(latest) !== operation) continue
        await limited(() => perform(latest, operation))
        if (jobs.get(jobId)?.outbox) update(jobId, { outbox: null })
      } catch (error) {
        if (stopping.signal.aborted) return
        handleFailure(jobId, operation, error)
      }
    }
  }

  async function waitBeforePoll(jobId: string): Promise<void> {
    // Paused while offline: that time does not count against the deadline.
    await untilNotOffline()
    const index = pollIndex.get(jobId) ?? 0
    const learned = processing.firstPollDelay(jobId, -1)
    // With a learned processing time the first poll goes out when the result is due, and if it was a
    // little early the next ones follow closely; without one, the fixed schedule backs off.
    const delay =
      index === 0 && learned >= 0
        ? learned
        : learned >= 0 && index <= CLOSE_FOLLOW_UPS
          ? CLOSE_FOLLOW_UP_MS
          : pollDelay(settings.poll, index)
    pollIndex.set(jobId, index + 1)
    await sleep(clock, delay, stopping.signal)
    // Counted in memory, saved every `pollingSaveEveryMs` by the poll (see there), so a restart keeps
    // nearly all of it without a journal write before every poll.
    pollingMs.set(jobId, (pollingMs.get(jobId) ?? jobs.get(jobId)?.pollingMs ?? 0) + delay)
  }

  // ---- the operations -----------------------------------------------------------------------------

  async function perform(job: JobRecord, operation: Exclude<NextOperation, 'done' | 'wait-capture'>): Promise<void> {
    const { jobId } = job
    const begin = (inFlight: Operation): JobRecord =>
      update(jobId, { inFlight: { operation: inFlight, since: clock.now() } })
    switch (operation) {
      case 'createDossier': {
        begin(operation)
        const dossier = await client.createDossier({ externalReference: jobId })
        update(jobId, { inFlight: null, dossierId: dossier.dossierId }, 'dossier')
        return
      }
      case 'createProcess': {
        begin(operation)
        const process = await client.createFacetecProcess(requireId(job.dossierId))
        const facetec = {
          deviceKeyIdentifier: process.facetecDeviceKeyIdentifier,
          publicFaceScanEncryptionKey: process.facetecEncryptionPublicKey,
          productionKeyText: productionKeyOf(process),
          sessionToken: process.authorization
        }
        sessions.set(jobId, facetec)
        update(jobId, { inFlight: null, processId: process.processId }, 'process')
        const waiter = readyWaiters.get(jobId)
        readyWaiters.delete(jobId)
        waiter?.resolve({ jobId, visitReference: job.visitReference ?? newVisitReference(), facetec })
        return
      }
      case 'setSelfie': {
        // In flight from the Get image on: it is an Assure call like any other.
        begin(operation)
        const image = await referenceImage(job)
        await client.setImages(requireId(job.dossierId), requireId(job.processId), {
          [depictionOf(job.reference)]: image
        })
        captures.remove(referenceBlob(jobId))
        // A capture that arrived meanwhile moves the job straight on to 'captured'.
        const latest = current(jobId)
        update(
          jobId,
          { inFlight: null, stepAt: { ...latest.stepAt, selfie: clock.now() } },
          latest.capture ? 'captured' : 'selfie'
        )
        return
      }
      case 'startVerification':
        return startOnce(job)
      case 'poll': {
        const sentAt = clock.now()
        const process = await client.getProcess(requireId(job.dossierId), requireId(job.processId))
        processing.polled(jobId, sentAt, isFinalStatus(process.status))
        const latest = current(jobId)
        const polled = pollingMs.get(jobId) ?? latest.pollingMs
        if (isFinalStatus(process.status)) {
          // Assure has the capture and the answer: the capture is no longer needed.
          if (latest.capture) captures.remove(latest.capture.blob)
          pollIndex.delete(jobId)
          pollingMs.delete(jobId)
          const failReason = describeFailReason(process.failReason)
          update(
            jobId,
            {
              result: { status: process.status, at: clock.now(), ...(failReason ? { failReason } : {}) },
              capture: null,
              pollingMs: polled
            },
            'final'
          )
          log.info('result', { jobId, status: process.status, failReasonType: process.failReason?.type })
        } else if (polled >= settings.pollDeadlineMs) {
          pollingMs.delete(jobId)
          end(jobId, 'failed', {
            reason: 'result-timeout',
            retryable: true,
            detail: `still ${process.status} after ${Math.round(polled / 1000)} s`
          })
        } else if (polled - latest.pollingMs >= settings.pollingSaveEveryMs) {
          // After the answer, while the job waits anyway: the write never delays a result.
          update(jobId, { pollingMs: polled })
        }
        return
      }
      case 'archive': {
        const name = archiveBlob(jobId)
        const key = await deps.archiveKeys.getKey()
        begin(operation)
        const file = await client.downloadFullResult(
          requireId(job.dossierId),
          requireId(job.processId),
          archive.path(name),
          {
            encode: () => encryptingStream(key, name)
          }
        )
        // 204: not ready yet. Nothing was written; the job asks again on the full-result schedule.
        if (!file) throw new FullResultNotReady()
        // It must open as a zip, or it is not worth keeping.
        try {
          const entries = unzipSync(new Uint8Array(await archive.get(name)))
          if (Object.keys(entries).length === 0) throw new Error('the zip is empty')
        } catch (error) {
          archive.remove(name)
          throw new AssureError({ kind: 'malformed', operation: 'download', ambiguous: false, cause: error })
        }
        update(
          jobId,
          { inFlight: null, fullResultWait: null, archive: { file: name, bytes: file.bytes, sha256: file.sha256 } },
          'archived'
        )
        return
      }
      case 'finish': {
        if (job.capture) captures.remove(job.capture.blob)
        captures.remove(referenceBlob(jobId))
        if (settings.deleteDossierWhenDone && job.ownDossier && job.dossierId) {
          begin('deleteDossier')
          await deleteIgnoringMissing(() => client.deleteDossier(requireId(job.dossierId)))
        }
        // One write: a job is never 'cleaned' without having 'completed'.
        const failReason = job.result?.failReason
        update(
          jobId,
          {
            inFlight: null,
            capture: null,
            outbox: null,
            ended: { kind: 'completed', at: clock.now(), ...(failReason ? { detail: failReason } : {}) }
          },
          'cleaned'
        )
        log.info('job ended', { jobId, kind: 'completed' })
        return
      }
      case 'cleanup': {
        // Cancelled or discarded: nothing of the person may stay behind, here or at Assure.
        if (job.capture) captures.remove(job.capture.blob)
        captures.remove(referenceBlob(jobId))
        sessions.delete(jobId)
        if (job.capture) update(jobId, { capture: null })
        if (job.ownDossier && job.dossierId) {
          begin('deleteDossier')
          await deleteIgnoringMissing(() => client.deleteDossier(requireId(job.dossierId)))
        } else if (job.ownDossier && job.strayDossier) {
          begin('deleteDossier')
          await deleteStrayDossiers(jobId)
        } else if (job.dossierId && job.processId) {
          begin('deleteProcess')
          await deleteIgnoringMissing(() => client.deleteProcess(requireId(job.dossierId), requireId(job.processId)))
        }
        update(jobId, { inFlight: null, ...(job.strayDossier ? { strayDossier: false } : {}) }, 'cleaned')
        return
      }
    }
  }

  async function startOnce(job: JobRecord): Promise<void> {
    const { jobId } = job
    const dossierId = requireId(job.dossierId)
    const processId = requireId(job.processId)
    if (job.inFlight?.operation === 'startVerification') {
      // A start may have reached Assure before: look before sending it again.
      const process = await client.getProcess(dossierId, processId)
      if (process.status !== 'pending') {
        log.info('start verification had gone through', { jobId, status: process.status })
        update(jobId, { inFlight: null }, 'started')
        return
      }
    }
    const capture = await readCapture(job)
    update(jobId, { inFlight: { operation: 'startVerification', since: clock.now() } }, 'captured')
    const sentAt = clock.now()
    try {
      await client.startFacetecVerification(dossierId, processId, capture, depictionOf(job.reference))
      processing.started(jobId, sentAt, clock.now())
    } catch (error) {
      if (!(await refusedButStarted(jobId, dossierId, processId, error))) throw error
    }
    update(jobId, { inFlight: null }, 'started')
  }

  /**
   * A start Assure refused (a 4xx) after an earlier one whose answer was lost: the document names no
   * status for "already started", so the process itself is asked. Past `pending` means a start went
   * through. 401 (the client already renewed the token) and 429 (not processed) say nothing about that.
   */
  async function refusedButStarted(jobId: string, dossierId: string, processId: string, error: unknown) {
    if (!(error instanceof AssureError) || error.status === undefined) return false
    if (error.status < 400 || error.status >= 500 || error.status === 401 || error.status === 429) return false
    const process = await client.getProcess(dossierId, processId)
    if (process.status === 'pending') return false
    log.info('start verification was refused, but the process had started', {
      jobId,
      status: process.status,
      refusal: error.status
    })
    return true
  }

  async function readCapture(
    job: JobRecord
  ): Promise<{ faceScan: string; auditTrailImage: string; lowQualityAuditTrailImage: string; userAgent: string }> {
    if (!job.capture) throw new DecryptionError('the capture is missing')
    const plain = await captures.get(job.capture.blob)
    const parsed = JSON.parse(plain.toString('utf8')) as {
      faceScan: string
      auditTrailImage: string
      lowQualityAuditTrailImage: string
      userAgent: string
    }
    return parsed
  }

  async function referenceImage(job: JobRecord): Promise<ImageBytes> {
    const reference = job.reference
    if (reference.kind === 'linked-process') {
      try {
        return await client.getImage(reference.dossierId, reference.processId, reference.imageType)
      } catch (error) {
        // A garbled answer may be the network's doing: it goes through the outbox like any other.
        // 400: "this provider and process type does not provide the requested image type".
        if (error instanceof AssureError && error.status === 400) {
          throw new ReferenceNotProvided(
            `the linked process does not provide a ${reference.imageType} image (${error.problem?.title ?? '400'})`
          )
        }
        if (error instanceof AssureError && (error.kind === 'not-found' || error.kind === 'client')) {
          throw new ReferenceUnavailable(
            `the linked process has no usable ${reference.imageType} image (${error.kind})`
          )
        }
        throw error
      }
    }
    try {
      return validateImage(new Uint8Array(await captures.get(referenceBlob(job.jobId))))
    } catch (error) {
      throw new ReferenceUnavailable(`the reference photo cannot be read back (${(error as Error).message})`)
    }
  }

  /**
   * Finds the dossier(s) a lost Create dossier made, by the externalReference the engine sends (the job
   * id), and deletes them. Best effort, because Assure's list shows only the last 100 dossiers created
   * (a busy account may have made more since): when nothing matches, it is logged (ids only) and the clean-up goes on. A
   * network failure is thrown, so the outbox tries again later.
   */
  async function deleteStrayDossiers(jobId: string): Promise<void> {
    let listed: ReadonlyArray<{ dossierId: string; externalReference?: unknown }>
    try {
      listed = await client.listDossiers()
    } catch (error) {
      if (error instanceof AssureError && error.retryable) throw error
      log.warn('a dossier may have been left at Assure: the dossiers cannot be listed', {
        jobId,
        kind: error instanceof AssureError ? error.kind : 'unexpected'
      })
      return
    }
    const strays = listed.filter((dossier) => dossier.externalReference === jobId)
    if (strays.length === 0) {
      log.info('no dossier of this job found at Assure (none was created, or it is not among the last 100 listed)', {
        jobId,
        listed: listed.length
      })
      return
    }
    for (const dossier of strays) {
      await deleteIgnoringMissing(() => client.deleteDossier(dossier.dossierId))
      log.info('deleted a dossier whose creation had lost its answer', { jobId, dossierId: dossier.dossierId })
    }
  }

  async function deleteIgnoringMissing(remove: () => Promise<void>): Promise<void> {
    try {
      await remove()
    } catch (error) {
      if (error instanceof AssureError && error.kind === 'not-found') return
      throw error
    }
  }

  // ---- failures -----------------------------------------------------------------------------------

  function handleFailure(jobId: string, operation: NextOperation, error: unknown): void {
    const job = jobs.get(jobId)
    if (!job) return
    try {
      if (error instanceof DecryptionError) {
        log.error('capture cannot be read', { jobId, error })
        end(job.jobId, 'failed', { reason: 'capture-unreadable', retryable: false, detail: error.message })
        return
      }
      if (error instanceof ReferenceUnavailable) {
        end(job.jobId, 'failed', {
          reason: error instanceof ReferenceNotProvided ? 'reference-not-provided' : 'reference-unavailable',
          retryable: false,
          detail: error.message
        })
        return
      }
      if (error instanceof FullResultNotReady) {
        waitForFullResult(job)
        return
      }
      if (!(error instanceof AssureError)) {
        log.error('unexpected failure', { jobId, operation, error })
        end(job.jobId, 'failed', {
          reason: 'storage',
          retryable: true,
          detail: error instanceof Error ? error.message : String(error)
        })
        return
      }
      // Before anything is captured, the person is still at the kiosk waiting: no outbox for preparing.
      if (isAwaitingCapture(job) && (operation === 'createDossier' || operation === 'createProcess')) {
        log.warn('preparation failed', { jobId, operation, kind: error.kind, status: error.status })
        const waiter = readyWaiters.get(jobId)
        readyWaiters.delete(jobId)
        waiter?.reject(preparationError(error))
        // Only an answer lost after the request went out can have left a dossier behind.
        end(
          job.jobId,
          'cancelled',
          { detail: `preparation failed: ${error.kind}` },
          operation === 'createDossier' && !job.dossierId && error.ambiguous
        )
        return
      }
      const attempts = (job.outbox?.attempts ?? 0) + 1
      const worthRetrying = error.retryable || (error.kind === 'malformed' && attempts < settings.maxMalformedAttempts)
      if (worthRetrying) {
        const delay = outboxDelay(settings.outbox, attempts, random, error.retryAfterMs)
        log.warn('waiting in the outbox', {
          jobId,
          operation,
          kind: error.kind,
          status: error.status,
          code: error.code,
          attempts,
          delayMs: Math.round(delay)
        })
        update(jobId, {
          outbox: {
            attempts,
            nextAt: clock.now() + delay,
            lastError: `${operation}: ${error.kind}${error.status ? ` ${error.status}` : ''}${error.code ? ` ${error.code}` : ''}`
          }
        })
        return
      }
      // An image that never arrives readable is the reference's problem, not a bad answer to retry.
      const unusableImage = error.kind === 'malformed' && error.operation === 'getImage'
      const reason = unusableImage
        ? 'reference-unavailable'
        : error.kind === 'auth'
          ? 'configuration'
          : error.kind === 'not-found'
            ? 'not-found'
            : error.kind === 'malformed'
              ? 'bad-response'
              : 'request-refused'
      log.error('job failed', { jobId, operation, kind: error.kind, status: error.status, traceId: error.traceId })
      end(job.jobId, 'failed', {
        reason,
        retryable: reason === 'configuration' || reason === 'bad-response',
        detail: error.message
      })
    } catch (storageError) {
      // The journal itself cannot be written: keep the job in memory and try again later.
      log.error('cannot record a failure', { jobId, error: storageError })
      const waiter = readyWaiters.get(jobId)
      readyWaiters.delete(jobId)
      waiter?.reject(new EngineError('unavailable', 'The kiosk cannot save the verification.'))
    }
  }

  /**
   * The full result is not ready (204): ask again on its own schedule, parked like an outbox entry (so
   * a restart keeps the wait and staff see why), until the limit; then staff see a retryable failure.
   * The person already has the result, so nothing changes for them.
   */
  function waitForFullResult(job: JobRecord): void {
    const at = clock.now()
    const wait = job.fullResultWait ?? { since: at, attempts: 0 }
    if (at - wait.since >= settings.fullResult.deadlineMs) {
      log.warn('the full result did not become available', { jobId: job.jobId, attempts: wait.attempts })
      end(job.jobId, 'failed', {
        reason: 'full-result-unavailable',
        retryable: true,
        detail: `download answered 204 (not ready) ${wait.attempts + 1} times in ${Math.round((at - wait.since) / 1000)} s`
      })
      return
    }
    const { intervalsMs } = settings.fullResult
    const delay = intervalsMs[Math.min(wait.attempts, intervalsMs.length - 1)] ?? 5_000
    update(job.jobId, {
      inFlight: null,
      fullResultWait: { since: wait.since, attempts: wait.attempts + 1 },
      outbox: {
        attempts: job.outbox?.attempts ?? 0,
        nextAt: at + delay,
        lastError: 'download: 204 not ready yet'
      }
    })
  }

  // ---- housekeeping -------------------------------------------------------------------------------

  async function sweep(): Promise<void> {
    const at = clock.now()
    for (const job of jobs.values()) {
      if (isAwaitingCapture(job) && at - job.createdAt > settings.preparedTtlMs) {
        log.info('prepared job expired without a capture', { jobId: job.jobId })
        end(job.jobId, 'cancelled', { detail: 'no capture within the time limit' })
        schedule(job.jobId)
      }
    }
    await purgeExpired()
  }

  async function purgeExpired(): Promise<number> {
    const at = clock.now()
    let purged = 0
    for (const job of [...jobs.values()]) {
      if (at - job.createdAt <= settings.retentionMs) continue
      if (!job.ended) {
        end(job.jobId, 'failed', {
          reason: 'expired',
          retryable: false,
          detail: 'kept longer than the retention period'
        })
      }
      // A job that is still being worked on is purged on a later sweep.
      if (runners.has(job.jobId) && !isResting(current(job.jobId))) continue
      for (const name of [captureBlob(job.jobId), referenceBlob(job.jobId)]) captures.remove(name)
      archive.remove(archiveBlob(job.jobId))
      journal.remove(job.jobId)
      jobs.delete(job.jobId)
      purged++
    }
    // Files no record points at (a kill between writing a blob and its record) go as well.
    const known = new Set(jobs.keys())
    for (const store of [captures, archive]) {
      for (const { name, modifiedAt } of store.list()) {
        const jobId = name.slice(0, 36)
        if (!known.has(jobId) && at - modifiedAt > 60 * 60_000) store.remove(name)
      }
    }
    if (purged) log.info('purged expired jobs', { purged })
    return purged
  }

  function scheduleSweep(): void {
    sweepTimer = clock.setTimeout(() => {
      void sweep().finally(() => {
        if (!stopping.signal.aborted) scheduleSweep()
      })
    }, settings.sweepIntervalMs)
  }

  // ---- public API ---------------------------------------------------------------------------------

  return {
    async start() {
      stopping = stopSignal()
      const loaded = journal.loadAll()
      problems = loaded.problems
      for (const problem of problems) log.error('a job record could not be read and was moved aside', { ...problem })
      for (const job of loaded.jobs) jobs.set(job.jobId, job)
      let resumed = 0
      for (const job of loaded.jobs) {
        // Nobody is at the kiosk for a job that was not captured before the restart.
        if (isAwaitingCapture(job)) end(job.jobId, 'cancelled', { detail: 'the kiosk restarted before the capture' })
        const latest = current(job.jobId)
        if (!['done', 'wait-capture'].includes(nextOperation(latest))) {
          resumed++
          schedule(job.jobId)
        }
      }
      await purgeExpired()
      scheduleSweep()
      log.info('verification engine started', { jobs: jobs.size, resumed, problems: problems.length })
      return { resumed, problems }
    },

    async stop() {
      stopping.abort(new Error('stopping'))
      if (sweepTimer) clock.clearTimeout(sweepTimer)
      for (const waiter of readyWaiters.values())
        waiter.reject(new EngineError('unavailable', 'The kiosk is shutting down.'))
      readyWaiters.clear()
      await Promise.allSettled([...runners.values()])
    },

    async prepare(referenceInput, visitReferenceInput) {
      // A new visit's reference is not one a kept job already has, so staff find exactly this visit.
      const visitReference =
        visitReferenceInput ??
        newVisitReference((candidate) => [...jobs.values()].some((kept) => kept.visitReference === candidate))
      let reference: JobReference
      let image: ImageBytes | null = null
      let ownDossier = true
      let dossierId: string | null = null
      if (referenceInput) {
        const sameDossier = settings.linkedReferencePlacement === 'linked-dossier'
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
        if (!fallback) throw new EngineError('no-reference', 'No reference photo is configured for this kiosk.')
        image = fallback.image
        reference = {
          kind: 'image',
          sha256: createHash('sha256').update(image.bytes).digest('hex'),
          source: fallback.source
        }
      }
      const jobId = randomUUID()
      if (image) await captures.put(referenceBlob(jobId), image.bytes)
      const job = newJob({
        jobId,
        kioskId: settings.kioskId,
        visitReference,
        reference,
        ownDossier,
        dossierId,
        now: clock.now()
      })
      jobs.set(jobId, job)
      const ready = new Promise<PreparedSession>((resolve, reject) => readyWaiters.set(jobId, { resolve, reject }))
      update(jobId, {})
      schedule(jobId)
      return ready
    },

    async submitCapture(input) {
      const job = current(input.jobId)
      if (job.ended) throw new EngineError('conflict', 'This verification has already ended.')
      if (!job.processId) throw new EngineError('conflict', 'This verification is not ready for a capture.')
      if (job.capture) return viewOf(job)
      try {
        parseBase64Jpeg(input.auditTrailImage)
        parseBase64Jpeg(input.lowQualityAuditTrailImage)
      } catch (error) {
        throw new EngineError(
          'invalid',
          `The capture's audit-trail image is not a JPEG (${(error as ImageError).message}).`
        )
      }
      const { faceScan, auditTrailImage, lowQualityAuditTrailImage, userAgent } = input
      const plain = Buffer.from(JSON.stringify({ faceScan, auditTrailImage, lowQualityAuditTrailImage, userAgent }))
      // Durable before anything else happens: from here on the person never has to do this again.
      const { bytes } = await captures.put(captureBlob(job.jobId), plain)
      const saved = update(
        job.jobId,
        { capture: { blob: captureBlob(job.jobId), bytes } },
        current(job.jobId).step === 'selfie' ? 'captured' : undefined
      )
      sessions.delete(job.jobId)
      schedule(job.jobId)
      return viewOf(saved)
    },

    async cancel(jobId) {
      const job = current(jobId)
      if (job.ended) return viewOf(job)
      if (job.capture)
        throw new EngineError('conflict', 'The capture is saved; the verification will finish by itself.')
      const cancelled = end(jobId, 'cancelled', { detail: 'cancelled before the capture' })
      schedule(jobId)
      return viewOf(cancelled)
    },

    retry(jobId) {
      const job = current(jobId)
      if (job.ended?.kind !== 'failed' || !job.ended.retryable)
        throw new EngineError('conflict', 'Only a failed verification that can be retried can be retried.')
      pollingMs.delete(jobId)
      const revived = update(jobId, { ended: null, outbox: null, pollingMs: 0, fullResultWait: null })
      pollIndex.delete(jobId)
      schedule(jobId)
      return viewOf(revived)
    },

    async discard(jobId) {
      const job = current(jobId)
      if (job.step === 'cleaned') return viewOf(job)
      const discarded = update(jobId, {
        ended: { kind: 'cancelled', at: clock.now(), detail: 'discarded by staff' },
        outbox: null
      })
      schedule(jobId)
      return viewOf(discarded)
    },

    get: (jobId) => {
      const job = jobs.get(jobId)
      return job ? viewOf(job) : null
    },
    list: () => [...jobs.values()].sort((a, b) => b.createdAt - a.createdAt).map(viewOf),
    listDetailed: () =>
      [...jobs.values()]
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((job) => ({
          ...viewOf(job),
          lastError: job.outbox?.lastError ?? null,
          detail: job.ended?.detail ?? null,
          hasArchivedResult: job.archive !== null
        })),
    problems: () => [...problems],
    purgeExpired,

    settled(jobId) {
      const job = current(jobId)
      if (['done', 'wait-capture'].includes(nextOperation(job))) return Promise.resolve(viewOf(job))
      return new Promise((resolve) => {
        const list = settleWaiters.get(jobId) ?? []
        list.push(() => resolve(viewOf(current(jobId))))
        settleWaiters.set(jobId, list)
      })
    },

    processingEstimate: () => processing.current(),

    async archivedResult(jobId) {
      const job = current(jobId)
      if (!job.archive) throw new EngineError('not-found', 'This verification has no archived result.')
      return archive.get(job.archive.file)
    }
  }
}

/** Why a preparation failed, in the terms the person at the kiosk is told. */
function preparationError(error: AssureError): EngineError {
  if (error.kind === 'auth')
    return new EngineError('configuration', 'Assure refused the kiosk’s credentials.', { cause: error })
  // A dossier that does not exist: a linked ticket naming someone else's (or a deleted) dossier.
  if (error.kind === 'not-found')
    return new EngineError('not-found', 'The dossier named for this check does not exist.', { cause: error })
  if (error.kind === 'client')
    return new EngineError('configuration', 'Assure refused to create the check.', { cause: error })
  return new EngineError('unavailable', 'Assure cannot be reached right now.', { cause: error })
}

class ReferenceUnavailable extends Error {
  override readonly name: string = 'ReferenceUnavailable'
}

/** The linked process cannot have that image at all (Get image's 400), not merely lacks it now. */
class ReferenceNotProvided extends ReferenceUnavailable {
  override readonly name = 'ReferenceNotProvided'
}

/** Download full result answered 204. */
class FullResultNotReady extends Error {
  override readonly name = 'FullResultNotReady'
}

/**
 * Which image of the FaceTec process is the reference, set by Set images and named by Start
 * verification's `imageDepiction`: `front` when it is an ID document's front (FaceTec then matches
 * against the photo on the document), `selfie` for every face photo (a portrait, a selfie, a staff or
 * demo photo).
 */
export function depictionOf(reference: JobReference): ComparedDepiction {
  return reference.kind === 'linked-process' && reference.imageType === 'front' ? 'front' : 'selfie'
}

function requireId(id: string | null): string {
  if (!id) throw new Error('the job has no id for this step yet')
  return id
}
