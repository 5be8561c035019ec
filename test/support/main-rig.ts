/**
 * Main as the renderer meets it: the real services from `composeMain`, reached only through the real
 * IPC router from the app's own top-level frame, against a sandbox over real HTTP. Security tests send
 * hostile payloads through `call` exactly as a compromised renderer would; `restart` composes main again
 * over the same data folder and staff settings, as a power cycle or a relaunch does.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseConfig } from '../../main/config/config'
import { readOperatorSettings } from '../../main/config/operator'
import { composeMain, type MainDependencies, type MainServices } from '../../main/compose'
import { createEventPublisher } from '../../main/ipc/event-publisher'
import type { IpcCallEvent } from '../../main/ipc/router'
import { systemClock, type Clock } from '../../main/lib/clock'
import { createLogger, type LogRecord } from '../../main/log/logger'
import type { Sandbox } from '../../main/sandbox/server'
import { staticKeyProvider } from '../../main/storage/crypto-box'
import type { OverridesBacking } from '../../main/storage/staff-overrides'
import { invokeContract, type BridgeResult, type InvokeName, type JourneySettings } from '../../preload/api'
import { referencePhoto } from './assure'
import { memorySink } from './log'
import { watchJobs, type JobWatch } from './job-watch'
import { memoryBacking } from './memory-backing'

export const RIG_JOURNEY: JourneySettings = {
  languages: ['en'],
  defaultLanguage: 'en',
  idleTimeoutSeconds: 60,
  idleCountdownSeconds: 15,
  maxLivenessAttempts: 3,
  referenceSource: 'configured',
  resultSeconds: 30,
  prepareAhead: true,
  sdk: { baseUrl: 'assure-kiosk://app/facetec-sdk/', simulated: true },
  processingHandOverSeconds: 45,
  operator: (await readOperatorSettings(parseConfig({}))).settings
}

const topFrame: IpcCallEvent = { senderFrame: { url: 'assure-kiosk://app/index.html', parent: null } }

export interface MainRig {
  services: MainServices
  dataDir: string
  /** Every event pushed to the renderer, in order. */
  pushed: Array<{ channel: string; payload: unknown }>
  logs: LogRecord[]
  /** The engine's jobs as they change (`settled(jobId)` resolves when a job has nothing more to do). */
  jobs: JobWatch
  /** A bridge call, as the renderer sends it (any payload: hostile ones too). */
  call(name: InvokeName, input?: unknown): Promise<BridgeResult<unknown>>
  /** Stops main and composes it again over the same data folder, key and staff settings. */
  restart(): Promise<void>
  close(): Promise<void>
}

export interface MainRigOptions {
  sandbox: Sandbox
  clock?: Clock
  mode?: MainDependencies['mode']
  pinHash?: string
  journey?: Partial<JourneySettings>
  verification?: MainDependencies['verification']
  overrides?: OverridesBacking
  dataDir?: string
  preparesPerMinute?: number
  /** A new data key at every (re)start, as demo mode without a key store has. */
  ephemeralKeys?: boolean
}

export async function startMainRig(options: MainRigOptions): Promise<MainRig> {
  const { sandbox } = options
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'kiosk-main-rig-')))
  let keys = staticKeyProvider(randomBytes(32))
  const overrides = options.overrides ?? memoryBacking()
  const sink = memorySink()
  const log = createLogger({ sink, level: 'debug' })
  const pushed: MainRig['pushed'] = []
  const jobs = watchJobs()

  const compose = (): MainServices => {
    if (options.ephemeralKeys) keys = staticKeyProvider(randomBytes(32))
    const events = createEventPublisher(log)
    events.attach({ send: (channel, payload) => pushed.push({ channel, payload }) })
    return composeMain({
      mode: options.mode ?? 'demo',
      version: '0.0.0-test',
      kioskId: 'rig-kiosk',
      assure: {
        baseUrl: sandbox.url,
        tokenUrl: sandbox.tokenUrl,
        scope: 'signicat-api',
        clientId: sandbox.credentials.clientId,
        clientSecret: async () => sandbox.credentials.clientSecret,
        timeouts: { headersMs: 2_000, bodyMs: 2_000, totalMs: 5_000 }
      },
      appOrigin: { protocol: 'assure-kiosk:', host: 'app' },
      events,
      clock: options.clock ?? systemClock,
      log,
      dataDir,
      keys,
      keysAreEphemeral: options.ephemeralKeys,
      verification: {
        outbox: { baseDelayMs: 20, maxDelayMs: 200 },
        poll: { intervalsMs: [20, 40, 80] },
        fullResult: { intervalsMs: [20, 40, 80], deadlineMs: 10_000 },
        ...options.verification
      },
      journeySettings: { ...RIG_JOURNEY, ...options.journey },
      jobObserver: jobs.observer,
      demoReference: async () => referencePhoto,
      preparesPerMinute: options.preparesPerMinute,
      staff: {
        pinHash: options.pinHash,
        sessionMinutes: 10,
        dialogs: { saveFile: async () => null, openImage: async () => null },
        secrets: null,
        overrides,
        sdk: { simulated: true, root: null, problem: null }
      }
    })
  }

  let services = compose()
  await services.start()
  const rig: MainRig = {
    get services() {
      return services
    },
    dataDir,
    pushed,
    logs: sink.records,
    jobs,
    call: (name, input) => services.router.dispatch(invokeContract[name].channel, topFrame, [input]),
    async restart() {
      await services.stop()
      services = compose()
      await services.start()
    },
    close: () => services.stop()
  }
  return rig
}
