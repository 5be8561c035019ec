/**
 * Each step of a job that talks to Assure (or cleans up after it), with the journal writes around it:
 * the call is recorded as in flight before it goes out, and the new step after its answer, so a
 * restart knows exactly where to pick up. A step either completes, or throws what went wrong for the
 * engine to classify (main/verification/failures.ts); it never decides about retries itself.
 *
 * Start verification happens exactly once: whenever a start may have been sent before (journal says
 * in flight, or the answer was lost), the process is read first, and a process that is no longer
 * `pending` means the start went through. The same holds for a start Assure refuses (a 4xx): if the
 * process has left `pending`, an earlier start went through, whatever the refusal says.
 */
import type { AssureClient } from '../assure/client'
import { AssureError } from '../assure/errors'
import { checkZip } from '../assure/zip-check'
import { describeFailReason, isFinalStatus, productionKeyOf, type ComparedDepiction } from '../assure/schemas'
import type { Clock } from '../lib/clock'
import { validateImage, type ImageBytes } from '../lib/images'
import type { Logger } from '../log/logger'
import type { BlobStore } from '../storage/blob-store'
import { DecryptionError, encryptingStream, type KeyProvider } from '../storage/crypto-box'
import {
  FullResultNotReady,
  ReferenceNotProvided,
  ReferenceUnavailable,
  ResultTimeout,
  StrayDossierPending
} from './failures'
import { blobName, releaseFiles } from './housekeeping'
import { noted, type JobRecord, type JobReference, type Operation } from './job'
import type { JobBook } from './job-book'
import type { JobRunner } from './job-runner'
import { newVisitReference } from './visit-reference'
import type { Work } from './job-state'
import type { ProcessingEstimate } from './processing-estimate'
import { decodeCapture } from './stored-capture'

export interface AssureStepsDependencies {
  client: AssureClient
  book: JobBook
  /** Encrypted captures and reference photos. */
  captures: BlobStore
  /** Encrypted full-result zips. */
  archive: BlobStore
  archiveKeys: { getKey: KeyProvider['getKey'] }
  clock: Clock
  log: Logger
  processing: ProcessingEstimate
  options: {
    deleteDossierWhenDone: boolean
    strayDossierLookupMs: number
    pollDeadlineMs: number
    pollingSaveEveryMs: number
    /** The full result's download, and what it may unpack to (a zip bomb is refused, not archived). */
    fullResultLimits: { maxBytes: number; maxUnpackedBytes: number; maxEntries: number }
  }
}

export interface AssureSteps {
  /** Does the job's next step; `runner` holds what the job keeps in memory (polling, the prepare waiter). */
  perform(job: JobRecord, work: Work, runner: JobRunner): Promise<void>
}

export function createAssureSteps(deps: AssureStepsDependencies): AssureSteps {
  const { client, book, captures, archive, clock, log, options } = deps

  const begin = (jobId: string, operation: Operation): JobRecord =>
    book.write(jobId, { inFlight: { operation, since: clock.now() } })

  async function perform(job: JobRecord, work: Work, runner: JobRunner): Promise<void> {
    const { jobId } = job
    switch (work) {
      case 'createDossier': {
        // An earlier try whose answer was lost may have made the dossier: look for it before making one.
        const earlier = job.inFlight?.operation === 'createDossier' ? await ownDossiers(jobId) : []
        begin(jobId, work)
        const dossierId = earlier[0]?.dossierId ?? (await client.createDossier({ externalReference: jobId })).dossierId
        if (earlier[0]) log.info('found the dossier an earlier try had made', { jobId })
        // Found: the lost try is accounted for. Made anew: the lost one may still appear (clean-up looks).
        book.write(jobId, { inFlight: null, dossierId, ...(earlier[0] ? { strayDossier: false } : {}) }, 'dossier')
        return
      }
      case 'createProcess': {
        begin(jobId, work)
        const process = await client.createFacetecProcess(requireId(job.dossierId))
        book.write(jobId, { inFlight: null, processId: process.processId }, 'process')
        runner.prepared({
          jobId,
          visitReference: job.visitReference ?? newVisitReference(),
          facetec: {
            deviceKeyIdentifier: process.facetecDeviceKeyIdentifier,
            publicFaceScanEncryptionKey: process.facetecEncryptionPublicKey,
            productionKeyText: productionKeyOf(process),
            sessionToken: process.authorization
          }
        })
        return
      }
      case 'setSelfie': {
        // In flight from the Get image on: it is an Assure call like any other.
        begin(jobId, work)
        const image = await referenceImage(job)
        await client.setImages(requireId(job.dossierId), requireId(job.processId), {
          [depictionOf(job.reference)]: image
        })
        captures.remove(blobName(jobId, 'reference'))
        // A capture that arrived meanwhile moves the job straight on to 'captured'.
        const latest = book.current(jobId)
        book.write(
          jobId,
          { inFlight: null, stepAt: { ...latest.stepAt, selfie: clock.now() } },
          latest.capture ? 'captured' : 'selfie'
        )
        return
      }
      case 'startVerification':
        return startOnce(job)
      case 'poll':
        return poll(job, runner)
      case 'archive':
        return archiveFullResult(job)
      case 'finish': {
        releaseFiles(captures, jobId)
        if (job.strayDossier && job.ownDossier) {
          // A retried Create dossier may have made a second dossier for this job.
          begin(jobId, 'deleteDossier')
          await deleteStrayDossiers(job)
          book.write(jobId, { strayDossier: false })
        }
        if (options.deleteDossierWhenDone && job.ownDossier && job.dossierId && !noted(job, 'deleteDossier')) {
          begin(jobId, 'deleteDossier')
          await deleteIgnoringMissing(() => client.deleteDossier(requireId(job.dossierId)))
        }
        // One write: a job is never 'cleaned' without having 'completed'.
        const failReason = job.result?.failReason
        book.write(
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
        // Cancelled or discarded: nothing of the person may stay behind, here or at Assure: not even a
        // capture the record never named (a kill between writing it and recording it).
        releaseFiles(captures, jobId)
        if (job.capture) book.write(jobId, { capture: null })
        if (job.ownDossier && job.strayDossier) {
          begin(jobId, 'deleteDossier')
          await deleteStrayDossiers(job)
          book.write(jobId, { strayDossier: false })
        }
        if (job.ownDossier && job.dossierId) {
          begin(jobId, 'deleteDossier')
          await deleteIgnoringMissing(() => client.deleteDossier(requireId(job.dossierId)))
        } else if (job.dossierId && job.processId) {
          begin(jobId, 'deleteProcess')
          await deleteIgnoringMissing(() => client.deleteProcess(requireId(job.dossierId), requireId(job.processId)))
        }
        book.write(jobId, { inFlight: null }, 'cleaned')
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
        book.write(jobId, { inFlight: null }, 'started')
        return
      }
    }
    if (!job.capture) throw new DecryptionError('the capture is missing')
    const capture = decodeCapture(await captures.get(job.capture.blob))
    book.write(jobId, { inFlight: { operation: 'startVerification', since: clock.now() } }, 'captured')
    const sentAt = clock.now()
    try {
      await client.startFacetecVerification(dossierId, processId, capture, depictionOf(job.reference))
      deps.processing.started(jobId, sentAt, clock.now())
    } catch (error) {
      if (!(await refusedButStarted(jobId, dossierId, processId, error))) throw error
    }
    book.write(jobId, { inFlight: null }, 'started')
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

  async function poll(job: JobRecord, runner: JobRunner): Promise<void> {
    const { jobId } = job
    const sentAt = clock.now()
    const process = await client.getProcess(requireId(job.dossierId), requireId(job.processId))
    deps.processing.polled(jobId, sentAt, isFinalStatus(process.status))
    const latest = book.current(jobId)
    const polled = runner.pollingMs ?? latest.pollingMs
    if (isFinalStatus(process.status)) {
      // Assure has the capture and the answer: the capture is no longer needed.
      releaseFiles(captures, jobId)
      runner.resetPolling()
      const failReason = describeFailReason(process.failReason)
      book.write(
        jobId,
        {
          result: { status: process.status, at: clock.now(), ...(failReason ? { failReason } : {}) },
          capture: null,
          pollingMs: polled
        },
        'final'
      )
      log.info('result', { jobId, status: process.status, failReasonType: process.failReason?.type })
    } else if (polled >= options.pollDeadlineMs) {
      runner.pollingMs = null
      throw new ResultTimeout(`still ${process.status} after ${Math.round(polled / 1000)} s`)
    } else if (polled - latest.pollingMs >= options.pollingSaveEveryMs) {
      // After the answer, while the job waits anyway: the write never delays a result.
      book.write(jobId, { pollingMs: polled })
    }
  }

  async function archiveFullResult(job: JobRecord): Promise<void> {
    const { jobId } = job
    const name = blobName(jobId, 'result')
    const key = await deps.archiveKeys.getKey()
    begin(jobId, 'archive')
    const file = await client.downloadFullResult(
      requireId(job.dossierId),
      requireId(job.processId),
      archive.path(name),
      {
        encode: () => encryptingStream(key, name),
        maxBytes: options.fullResultLimits.maxBytes
      }
    )
    // 204: not ready yet. Nothing was written; the job asks again on the full-result schedule.
    if (!file) throw new FullResultNotReady()
    // It must open as a zip and unpack to a sane size, or it is not worth keeping.
    try {
      await checkZip(await archive.get(name), options.fullResultLimits)
    } catch (error) {
      archive.remove(name)
      throw new AssureError({ kind: 'malformed', operation: 'download', ambiguous: false, cause: error })
    }
    book.write(
      jobId,
      { inFlight: null, fullResultWait: null, archive: { file: name, bytes: file.bytes, sha256: file.sha256 } },
      'archived'
    )
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
      return validateImage(new Uint8Array(await captures.get(blobName(job.jobId, 'reference'))))
    } catch (error) {
      throw new ReferenceUnavailable(`the reference photo cannot be read back (${(error as Error).message})`)
    }
  }

  /** The dossiers at Assure made for this job (its id is their externalReference). */
  async function ownDossiers(jobId: string): Promise<Array<{ dossierId: string }>> {
    const listed = await client.listDossiers()
    return listed.filter((dossier) => dossier.externalReference === jobId)
  }

  /**
   * Finds the dossier(s) a lost Create dossier made, by the externalReference the engine sends (the job
   * id), other than the job's own, and deletes them. Assure may process a request after the client gave
   * up on it, so while nothing is listed (or the list is refused) the look-up is tried again
   * (StrayDossierPending, through the outbox) until `strayDossierLookupMs` after the call was sent; then
   * it is logged (ids only) and the clean-up goes on. Assure lists only the last 100 dossiers created.
   */
  async function deleteStrayDossiers(job: JobRecord): Promise<void> {
    const { jobId } = job
    const since = job.strayDossierSince ?? job.ended?.at ?? job.createdAt
    const stillLooking = clock.now() - since < options.strayDossierLookupMs
    let listed: ReadonlyArray<{ dossierId: string; externalReference?: unknown }>
    try {
      listed = await client.listDossiers()
    } catch (error) {
      if (error instanceof AssureError && error.retryable) throw error
      const kind = error instanceof AssureError ? error.kind : 'unexpected'
      if (stillLooking) throw new StrayDossierPending(`the dossiers cannot be listed (${kind})`)
      log.warn('a dossier may have been left at Assure: the dossiers cannot be listed', { jobId, kind })
      return
    }
    const strays = listed.filter(
      (dossier) => dossier.externalReference === jobId && dossier.dossierId !== job.dossierId
    )
    if (strays.length === 0) {
      if (stillLooking) throw new StrayDossierPending('no dossier of this job is listed yet')
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

  return { perform }
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
