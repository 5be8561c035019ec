/**
 * A kiosk main process reduced to its job engine, run as a child process by the crash tests. It uses
 * the real engine, journal, encrypted files and HTTP client, so a SIGKILL hits exactly what it would
 * hit in the kiosk.
 *   MODE=new     start, prepare one verification, submit its capture, wait until it is done
 *   MODE=resume  start (resuming whatever the journal holds), wait until every job is done
 *   KILL_AT=n    SIGKILL itself right after the n-th journal write
 * Prints one line of JSON with the jobs' views on success.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Agent } from 'undici'
import { createAssureClient } from '../../main/assure/client'
import { systemClock } from '../../main/lib/clock'
import { validateImage } from '../../main/lib/images'
import { createLogger } from '../../main/log/logger'
import { createBlobStore } from '../../main/storage/blob-store'
import { staticKeyProvider } from '../../main/storage/crypto-box'
import { createVerificationEngine, DEFAULT_ENGINE_OPTIONS } from '../../main/verification/engine'
import { createJobJournal } from '../../main/verification/journal'
import { watchJobs } from './job-watch'

const env = (name: string): string => {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is required`)
  return value
}

const dir = env('DATA_DIR')
const killAt = Number(process.env.KILL_AT ?? 0)
const keys = staticKeyProvider(Buffer.from(env('KEY_HEX'), 'hex'))
const reference = validateImage(new Uint8Array(readFileSync(env('REFERENCE_PHOTO'))))

const journal = createJobJournal(join(dir, 'jobs'))
let writes = 0
const save = journal.save.bind(journal)
journal.save = (job) => {
  save(job)
  writes++
  process.stdout.write(`WRITE ${writes} ${job.step} ${job.inFlight?.operation ?? '-'}\n`)
  if (writes === killAt) process.kill(process.pid, 'SIGKILL')
}

const jobs = watchJobs()
const dispatcher = new Agent({ connect: { timeout: 1_000 } })
const client = createAssureClient({
  baseUrl: env('SANDBOX_URL'),
  tokenUrl: `${env('SANDBOX_URL')}/auth/open/connect/token`,
  scope: 'signicat-api',
  clientId: env('CLIENT_ID'),
  clientSecret: async () => env('CLIENT_SECRET'),
  dispatcher,
  clock: systemClock,
  log: createLogger({ sink: () => {} }),
  timeouts: { headersMs: 2_000, bodyMs: 2_000, totalMs: 5_000 },
  retry: { baseDelayMs: 10, maxDelayMs: 50 }
})
const engine = createVerificationEngine({
  client,
  journal,
  captures: createBlobStore(join(dir, 'captures'), keys),
  archive: createBlobStore(join(dir, 'archive'), keys),
  archiveKeys: keys,
  connectivity: { current: () => ({ state: 'online', since: 0 }), subscribe: () => () => {} },
  clock: systemClock,
  log: createLogger({ sink: () => {} }),
  options: {
    ...DEFAULT_ENGINE_OPTIONS,
    kioskId: 'crash-kiosk',
    deleteDossierWhenDone: true,
    outbox: { baseDelayMs: 20, maxDelayMs: 200 },
    poll: { intervalsMs: [20, 40] },
    // A dossier whose creation lost its answer is looked for a little while, not the kiosk's minutes.
    strayDossierLookupMs: 300
  },
  defaultReference: async () => ({ image: reference, source: 'demo' }),
  observer: jobs.observer
})

// The engine's timers are unref'd (they must not keep a quitting app alive); a kiosk's main process
// has its window to keep it running, this child has only this.
const keepAlive = setInterval(() => {}, 1_000)
await engine.start()
if (process.env.MODE === 'new') {
  const { jobId } = await engine.prepare()
  await jobs.settled(jobId)
  const jpeg = Buffer.from(reference.bytes).toString('base64')
  await engine.submitCapture({
    jobId,
    faceScan: Buffer.from('facescan-'.repeat(100)).toString('base64'),
    auditTrailImage: jpeg,
    lowQualityAuditTrailImage: jpeg,
    userAgent: 'crash-test'
  })
  await jobs.settled(jobId)
} else {
  await Promise.all(jobs.list().map((view) => jobs.settled(view.jobId)))
}
process.stdout.write(`RESULT ${JSON.stringify(jobs.list())}\n`)
await engine.stop()
await dispatcher.close()
clearInterval(keepAlive)
