/**
 * Main's services as the app composes them (main/compose.ts), against a sandbox over real HTTP, and
 * called through the real IPC router exactly as the renderer calls them: for tests of what main does
 * over whole visits without a browser.
 */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { composeMain, type MainDependencies, type MainServices } from '../../main/compose'
import { createEventPublisher } from '../../main/ipc/event-publisher'
import { appOriginOf } from '../../main/ipc/sender-policy'
import type { Clock } from '../../main/lib/clock'
import type { Logger } from '../../main/log/logger'
import type { Sandbox } from '../../main/sandbox/server'
import { parseConfig } from '../../main/config/config'
import { kioskSetupFrom } from '../../main/config/kiosk-setup'
import { readOperatorSettings } from '../../main/config/operator'
import { staticKeyProvider } from '../../main/storage/crypto-box'
import type { KioskTelemetry } from '../../main/telemetry/observers'
import { invokeContract, type InputOf, type InvokeName, type OutputOf } from '../../preload/api'
import { referencePhoto, sandboxConnection } from './assure'
import { watchJobs, type JobWatch } from './job-watch'
import { memoryBacking } from './memory-backing'

const APP_URL = 'assure-kiosk://app/index.html'

/**
 * A demo kiosk offering English and Norwegian, otherwise on production's defaults: its config file
 * mapped to services the way main/index.ts maps it.
 */
const configOf = (referenceSource: 'configured' | 'ticket') =>
  parseConfig({ mode: 'demo', kioskId: 'oslo-storgata-01', journey: { languages: ['en', 'nb'], referenceSource } })
const operator = (await readOperatorSettings(configOf('configured'))).settings

export interface KioskMain {
  services: MainServices
  /** Every job the engine holds, and when one has nothing more to do by itself. */
  jobs: JobWatch
  dataDir: string
  /** A bridge call as the renderer makes it; throws with the bridge's error when main refuses it. */
  invoke<K extends InvokeName>(
    name: K,
    ...input: undefined extends InputOf<K> ? [] : [InputOf<K>]
  ): Promise<OutputOf<K>>
  close(): Promise<void>
}

export async function startKioskMain(options: {
  /** An empty folder the kiosk may use as its data folder (`<dataDir>/data`). */
  dataDir: string
  sandbox: Sandbox
  clock: Clock
  log: Logger
  telemetry?: KioskTelemetry
  /** Where the reference photo comes from: the configured one (default), or a ticket the visitor brings. */
  referenceSource?: 'configured' | 'ticket'
  sdkRoot?: string | null
  connectivity?: MainDependencies['connectivity']
  verification?: MainDependencies['verification']
}): Promise<KioskMain> {
  const { dataDir } = options
  const sdk = { root: options.sdkRoot ?? null, simulated: true, allowEval: false, problem: null }
  const { csp: _csp, ...setup } = kioskSetupFrom(configOf(options.referenceSource ?? 'configured'), {
    mode: 'demo',
    sdk,
    operator
  })
  const jobs = watchJobs()
  const services = composeMain({
    ...setup,
    version: '1.4.0',
    assure: sandboxConnection(options.sandbox),
    appOrigin: appOriginOf(APP_URL),
    events: createEventPublisher(options.log),
    clock: options.clock,
    log: options.log,
    dataDir: join(dataDir, 'data'),
    keys: staticKeyProvider(randomBytes(32)),
    demoReference: async () => referencePhoto,
    connectivity: options.connectivity,
    verification: { ...setup.verification, ...options.verification },
    jobObserver: jobs.observer,
    telemetry: options.telemetry,
    staff: {
      ...setup.staff,
      dialogs: { saveFile: async () => null, openImage: async () => null },
      secrets: null,
      overrides: memoryBacking(),
      sdk: { simulated: true, root: options.sdkRoot ?? null, problem: null }
    }
  })
  await services.start()
  return {
    services,
    jobs,
    dataDir: join(dataDir, 'data'),
    async invoke(name, ...input) {
      const result = await services.router.dispatch(
        invokeContract[name].channel,
        { senderFrame: { url: APP_URL, parent: null } },
        input
      )
      if (!result.ok) throw new Error(`${name} refused: ${result.error.code} ${result.error.message}`)
      return result.value as never
    },
    async close() {
      await services.stop()
    }
  }
}
