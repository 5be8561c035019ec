/** A real verification engine for tests: real client over HTTP to a sandbox, real files in a temp folder. */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type { AssureClient, AssureClientOptions } from '../../main/assure/client'
import type { ConnectivitySnapshot } from '../../main/connectivity/monitor'
import type { Connectivity } from '../../preload/api'
import { createBlobStore, type BlobStore } from '../../main/storage/blob-store'
import { staticKeyProvider, type KeyProvider } from '../../main/storage/crypto-box'
import {
  createVerificationEngine,
  DEFAULT_ENGINE_OPTIONS,
  type EngineDependencies,
  type EngineOptions,
  type VerificationEngine
} from '../../main/verification/engine'
import { createJobJournal, type JobJournal } from '../../main/verification/journal'
import { createProcessingEstimate, type ProcessingEstimate } from '../../main/verification/processing-estimate'
import { systemClock, type Clock } from '../../main/lib/clock'
import { createLogger, type LogRecord } from '../../main/log/logger'
import { memorySink } from './log'
import type { JobView } from '../../preload/api'
import type { Sandbox } from '../../main/sandbox/server'
import { clientFor, referencePhoto, type TestClient } from './assure'
import { watchJobs } from './job-watch'

/** Connectivity the test decides. */
export function manualConnectivity(initial: Connectivity = 'online') {
  let snapshot: ConnectivitySnapshot = { state: initial, since: Date.now() }
  const listeners = new Set<(s: ConnectivitySnapshot) => void>()
  return {
    current: () => snapshot,
    subscribe(listener: (s: ConnectivitySnapshot) => void) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    set(state: Connectivity) {
      snapshot = { state, since: Date.now() }
      for (const listener of [...listeners]) listener(snapshot)
    }
  }
}

export const FAST_ENGINE_OPTIONS: Omit<EngineOptions, 'kioskId'> = {
  ...DEFAULT_ENGINE_OPTIONS,
  outbox: { baseDelayMs: 20, maxDelayMs: 200 },
  poll: { intervalsMs: [20, 40, 80] },
  fullResult: { intervalsMs: [20, 40, 80], deadlineMs: 10_000 },
  prepareRetryDelaysMs: [20, 50],
  // A dossier whose creation lost its answer is looked for a little while, not the kiosk's minutes.
  strayDossierLookupMs: 300,
  maxConcurrentJobs: 8
}

export interface TestEngine {
  engine: VerificationEngine
  /** Resolves when the job has nothing more to do by itself (ended, or waiting for a capture). */
  settled(jobId: string): Promise<JobView>
  /** Every job the engine holds, the newest first. */
  list(): JobView[]
  /** What the engine has learned of Assure's processing time. */
  processing: ProcessingEstimate
  journal: JobJournal
  dir: string
  http: TestClient
  connectivity: ReturnType<typeof manualConnectivity>
  updates: JobView[]
  logs: LogRecord[]
  key: Buffer
  close(): Promise<void>
}

export function makeEngine(
  sandbox: Sandbox,
  dir: string,
  setup: {
    options?: Partial<EngineOptions>
    key?: Buffer
    clock?: Clock
    /** The Assure client's own options (its clock defaults to `clock`). */
    client?: Partial<AssureClientOptions> & { clock?: Clock }
    clientSecret?: () => Promise<string>
    keys?: KeyProvider
    /** Puts something between the engine and its client (a stale read, say). */
    wrapClient?: (client: AssureClient) => AssureClient
    /** Puts something between the engine and its capture store (a write held back, say). */
    wrapCaptures?: (store: BlobStore) => BlobStore
    /** The engine's durable-point hook (a kill landing exactly there). */
    durable?: EngineDependencies['durable']
  } = {}
): TestEngine {
  const key = setup.key ?? randomBytes(32)
  const keys = setup.keys ?? staticKeyProvider(key)
  const http = clientFor(sandbox, {
    ...(setup.clientSecret ? { clientSecret: setup.clientSecret } : {}),
    ...(setup.clock ? { clock: setup.clock } : {}),
    ...setup.client
  })
  const journal = createJobJournal(join(dir, 'jobs'))
  const connectivity = manualConnectivity()
  const updates: JobView[] = []
  const sink = memorySink()
  const watch = watchJobs()
  const processing = createProcessingEstimate()
  const engine = createVerificationEngine({
    client: setup.wrapClient ? setup.wrapClient(http.client) : http.client,
    journal,
    captures: (setup.wrapCaptures ?? ((store: BlobStore) => store))(createBlobStore(join(dir, 'captures'), keys)),
    archive: createBlobStore(join(dir, 'archive'), keys),
    archiveKeys: keys,
    connectivity,
    clock: setup.clock ?? systemClock,
    log: createLogger({ sink, level: 'debug' }),
    options: { kioskId: 'test-kiosk', ...FAST_ENGINE_OPTIONS, ...setup.options },
    defaultReference: async () => ({ image: referencePhoto, source: 'demo' }),
    onUpdate: (view) => updates.push(view),
    ...(setup.durable ? { durable: setup.durable } : {}),
    observer: watch.observer,
    processing
  })
  return {
    engine,
    settled: watch.settled,
    list: watch.list,
    processing,
    journal,
    dir,
    http,
    connectivity,
    updates,
    logs: sink.records,
    key,
    async close() {
      await engine.stop()
      await http.dispatcher.close()
    }
  }
}

/** What the simulated FaceTec SDK hands over: bare base64 JPEG audit images and an opaque scan. */
export function captureFor(jobId: string) {
  const jpeg = Buffer.from(referencePhoto.bytes).toString('base64')
  return {
    jobId,
    faceScan: randomBytes(3000).toString('base64'),
    auditTrailImage: jpeg,
    lowQualityAuditTrailImage: jpeg,
    userAgent: 'facetec-test-agent',
    sessionId: 'session-1'
  }
}
