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
import { staticKeyProvider } from '../../main/storage/crypto-box'
import { memoryBacking } from '../../main/storage/runtime-settings'
import type { KioskTelemetry } from '../../main/telemetry/observers'
import { invokeContract, type InputOf, type InvokeName, type KioskSettings, type OutputOf } from '../../preload/api'
import { referencePhoto, sandboxConnection } from './assure'

const APP_URL = 'assure-kiosk://app/index.html'

export const KIOSK_SETTINGS: KioskSettings = {
  languages: ['en', 'nb'],
  defaultLanguage: 'en',
  idleTimeoutSeconds: 60,
  idleCountdownSeconds: 15,
  maxLivenessAttempts: 3,
  referenceSource: 'configured',
  resultSeconds: 30,
  prepareAhead: true,
  sdk: { baseUrl: '/facetec-sdk/', simulated: true }
}

export interface KioskMain {
  services: MainServices
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
  sdkRoot?: string | null
  connectivity?: MainDependencies['connectivity']
  verification?: MainDependencies['verification']
}): Promise<KioskMain> {
  const { dataDir } = options
  const services = composeMain({
    mode: 'demo',
    version: '1.4.0',
    kioskId: 'oslo-storgata-01',
    assure: sandboxConnection(options.sandbox),
    appOrigin: appOriginOf(APP_URL),
    events: createEventPublisher(options.log),
    clock: options.clock,
    log: options.log,
    dataDir: join(dataDir, 'data'),
    keys: staticKeyProvider(randomBytes(32)),
    kioskSettings: KIOSK_SETTINGS,
    demoReference: async () => referencePhoto,
    connectivity: options.connectivity,
    verification: options.verification,
    telemetry: options.telemetry,
    staff: {
      sessionMinutes: 10,
      dialogs: { saveFile: async () => null, openImage: async () => null },
      secrets: null,
      settings: memoryBacking(),
      sdk: { simulated: true, root: options.sdkRoot ?? null, problem: null }
    }
  })
  await services.start()
  return {
    services,
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
