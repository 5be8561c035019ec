/**
 * Main as the renderer meets it, without a browser: the real services from `composeMain`, configured
 * from a config file the way main/index.ts configures them (main/config/kiosk-setup.ts, so production's
 * defaults), reached only through the real IPC router from the app's own top-level frame, against a
 * sandbox over real HTTP. Tests of whole visits call `invoke` as the renderer does; security tests send
 * hostile payloads through `call` as a compromised renderer would; `restart` composes main again over
 * the same data folder and staff settings, as a power cycle or a relaunch does.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { composeMain, type MainDependencies, type MainServices } from '../../main/compose'
import { parseConfig } from '../../main/config/config'
import { kioskSetupFrom } from '../../main/config/kiosk-setup'
import { readOperatorSettings } from '../../main/config/operator'
import { sandboxConnection } from '../../main/demo-backend'
import { createEventPublisher } from '../../main/ipc/event-publisher'
import type { IpcCallEvent } from '../../main/ipc/router'
import { appOriginOf } from '../../main/ipc/sender-policy'
import { systemClock, type Clock } from '../../main/lib/clock'
import { createLogger, type LogRecord, type Logger } from '../../main/log/logger'
import type { Sandbox } from '../../main/sandbox/server'
import { staticKeyProvider } from '../../main/storage/crypto-box'
import type { OverridesBacking } from '../../main/storage/staff-overrides'
import type { KioskTelemetry } from '../../main/telemetry/observers'
import {
  invokeContract,
  type AppMode,
  type BridgeResult,
  type InputOf,
  type InvokeName,
  type JourneySettings,
  type OutputOf
} from '../../preload/api'
import { referencePhoto } from './assure'
import { watchJobs, type JobWatch } from './job-watch'
import { memorySink } from './log'
import { memoryBacking } from './memory-backing'

const APP_URL = 'assure-kiosk://app/index.html'
const topFrame: IpcCallEvent = { senderFrame: { url: APP_URL, parent: null } }

/** Engine tunables for tests that wait for whole jobs over real time: the outbox and polls in milliseconds. */
export const BRISK_ENGINE = {
  outbox: { baseDelayMs: 20, maxDelayMs: 200 },
  poll: { intervalsMs: [20, 40, 80] },
  fullResult: { intervalsMs: [20, 40, 80], deadlineMs: 10_000 }
} satisfies MainDependencies['verification']

export interface MainRig {
  services: MainServices
  /** Main's data folder (jobs/, captures/, archive/, audit/ ...). */
  dataDir: string
  /** Every event pushed to the renderer, in order. */
  pushed: Array<{ channel: string; payload: unknown }>
  /** What main logged (when the rig made the logger; empty when the test passed its own `log`). */
  logs: LogRecord[]
  /** The engine's jobs as they change (`settled(jobId)` resolves when a job has nothing more to do). */
  jobs: JobWatch
  /** A bridge call as the renderer makes it; throws with the bridge's error when main refuses it. */
  invoke<K extends InvokeName>(
    name: K,
    ...input: undefined extends InputOf<K> ? [] : [InputOf<K>]
  ): Promise<OutputOf<K>>
  /** A bridge call with any payload (hostile ones too), answered as the renderer would see it. */
  call(name: InvokeName, input?: unknown): Promise<BridgeResult<unknown>>
  /** Stops main and composes it again over the same data folder, key and staff settings. */
  restart(): Promise<void>
  close(): Promise<void>
}

export interface MainRigOptions {
  sandbox: Sandbox
  /** The config file's contents beyond `mode` and `kioskId` (journey languages, reference source, ...). */
  config?: Record<string, unknown>
  mode?: AppMode
  clock?: Clock
  /** Main's logger; by default one the rig keeps in `logs`. */
  log?: Logger
  /** The staff PIN's hash (the config file's `staff.pinHash`). */
  pinHash?: string
  /** Changes to the journey's settings beyond what a config file may. */
  journey?: Partial<JourneySettings>
  /** The engine's tunables on top of the config's (a fast outbox, say). */
  verification?: MainDependencies['verification']
  connectivity?: MainDependencies['connectivity']
  telemetry?: KioskTelemetry
  overrides?: OverridesBacking
  /** Main's data folder; a fresh temporary one by default. */
  dataDir?: string
  sdkRoot?: string | null
  preparesPerMinute?: number
  /** A new data key at every (re)start, as demo mode without a key store has. */
  ephemeralKeys?: boolean
}

export async function startMainRig(options: MainRigOptions): Promise<MainRig> {
  const { sandbox } = options
  const mode = options.mode ?? 'demo'
  const config = parseConfig({
    kioskId: 'oslo-storgata-01',
    ...options.config,
    mode,
    ...(options.pinHash ? { staff: { ...(options.config?.staff as object), pinHash: options.pinHash } } : {})
  })
  const sdk = { root: options.sdkRoot ?? null, simulated: true, allowEval: false, problem: null }
  const operator = (await readOperatorSettings(config)).settings
  const { csp: _csp, ...setup } = kioskSetupFrom(config, { mode, sdk, operator })

  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'kiosk-main-rig-')))
  let keys = staticKeyProvider(randomBytes(32))
  const overrides = options.overrides ?? memoryBacking()
  const sink = memorySink()
  const log = options.log ?? createLogger({ sink, level: 'debug' })
  const pushed: MainRig['pushed'] = []
  const jobs = watchJobs()

  const compose = (): MainServices => {
    if (options.ephemeralKeys) keys = staticKeyProvider(randomBytes(32))
    const events = createEventPublisher(log)
    events.attach({ send: (channel, payload) => pushed.push({ channel, payload }) })
    return composeMain({
      ...setup,
      version: '1.4.0',
      assure: sandboxConnection(sandbox),
      appOrigin: appOriginOf(APP_URL),
      events,
      clock: options.clock ?? systemClock,
      log,
      dataDir,
      keys,
      keysAreEphemeral: options.ephemeralKeys,
      verification: { ...setup.verification, ...options.verification },
      journeySettings: { ...setup.journeySettings, ...options.journey },
      jobObserver: jobs.observer,
      connectivity: options.connectivity,
      telemetry: options.telemetry,
      demoReference: async () => referencePhoto,
      preparesPerMinute: options.preparesPerMinute,
      staff: {
        ...setup.staff,
        dialogs: { saveFile: async () => null, openImage: async () => null },
        secrets: null,
        overrides,
        sdk
      }
    })
  }

  let services = compose()
  await services.start()
  const call: MainRig['call'] = (name, input) =>
    services.router.dispatch(invokeContract[name].channel, topFrame, [input])
  return {
    get services() {
      return services
    },
    dataDir,
    pushed,
    logs: sink.records,
    jobs,
    call,
    async invoke(name, ...input) {
      const result = await call(name, input[0])
      if (!result.ok) throw new Error(`${name} refused: ${result.error.code} ${result.error.message}`)
      return result.value as never
    },
    async restart() {
      await services.stop()
      services = compose()
      await services.start()
    },
    close: () => services.stop()
  }
}
