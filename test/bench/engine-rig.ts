/** A real engine, client and sandbox for the main-side benchmarks (P1, P5), with production schedules. */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Agent } from 'undici'
import { createAssureClient } from '../../main/assure/client'
import { systemClock } from '../../main/lib/clock'
import { createLogger } from '../../main/log/logger'
import { startSandbox, type Sandbox } from '../../main/sandbox/fault-control'
import type { SandboxBehaviour } from '../../main/sandbox/state'
import { createBlobStore } from '../../main/storage/blob-store'
import { staticKeyProvider } from '../../main/storage/crypto-box'
import {
  createVerificationEngine,
  DEFAULT_ENGINE_OPTIONS,
  type EngineOptions,
  type VerificationEngine
} from '../../main/verification/engine'
import { createJobJournal } from '../../main/verification/journal'
import { createProcessingEstimate, type ProcessingEstimate } from '../../main/verification/processing-estimate'
import type { JobView } from '../../preload/api'
import { referencePhoto, sandboxConnection } from '../support/assure'
import { manualConnectivity } from '../support/engine'
import { watchJobs } from '../support/job-watch'

export interface Rig {
  sandbox: Sandbox
  engine: VerificationEngine
  /** Resolves when the job has nothing more to do by itself. */
  settled(jobId: string): Promise<JobView>
  /** What the engine has learned of Assure's processing time. */
  processing: ProcessingEstimate
  connectivity: ReturnType<typeof manualConnectivity>
  /** Resolves with the first update of `jobId` that satisfies `test`. */
  until(jobId: string, test: (view: JobView) => boolean): Promise<JobView>
  close(): Promise<void>
}

export async function startRig(
  options: { sandbox?: Partial<SandboxBehaviour>; engine?: Partial<EngineOptions>; maxRequestsPerSecond?: number } = {}
): Promise<Rig> {
  const sandbox = await startSandbox({ behaviour: options.sandbox })
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-bench-'))
  const keys = staticKeyProvider(randomBytes(32))
  const dispatcher = new Agent({ connections: 16 })
  const log = createLogger({ sink: () => {} })
  const waiters = new Set<{ jobId: string; test: (view: JobView) => boolean; resolve: (view: JobView) => void }>()
  const connectivity = manualConnectivity()
  const watch = watchJobs()
  const processing = createProcessingEstimate()
  const engine = createVerificationEngine({
    client: createAssureClient({
      ...sandboxConnection(sandbox),
      dispatcher,
      clock: systemClock,
      log,
      maxRequestsPerSecond: options.maxRequestsPerSecond
    }),
    journal: createJobJournal(join(dir, 'jobs')),
    captures: createBlobStore(join(dir, 'captures'), keys),
    archive: createBlobStore(join(dir, 'archive'), keys),
    archiveKeys: keys,
    connectivity,
    clock: systemClock,
    log,
    options: { ...DEFAULT_ENGINE_OPTIONS, kioskId: 'bench', ...options.engine },
    defaultReference: async () => ({ image: referencePhoto, source: 'demo' }),
    onUpdate: (view) => {
      for (const waiter of [...waiters]) {
        if (waiter.jobId === view.jobId && waiter.test(view)) {
          waiters.delete(waiter)
          waiter.resolve(view)
        }
      }
    },
    observer: watch.observer,
    processing
  })
  await engine.start()
  return {
    sandbox,
    engine,
    settled: watch.settled,
    processing,
    connectivity,
    until: (jobId, test) => new Promise((resolve) => waiters.add({ jobId, test, resolve })),
    async close() {
      await engine.stop()
      await dispatcher.close()
      await sandbox.close()
      await rm(dir, { recursive: true, force: true })
    }
  }
}

/** A capture like the one the SDK hands over (a real JPEG audit trail, a realistic face scan). */
export function captureFor(jobId: string) {
  const jpeg = Buffer.from(referencePhoto.bytes).toString('base64')
  return {
    jobId,
    faceScan: randomBytes(300_000).toString('base64'),
    auditTrailImage: jpeg,
    lowQualityAuditTrailImage: jpeg,
    userAgent: 'bench'
  }
}
