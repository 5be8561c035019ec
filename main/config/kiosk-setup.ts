/**
 * What the validated config file means for main's services, worked out once, in plain Node:
 * main/index.ts calls it inside Electron, and the end-to-end harness and the try-it script
 * (scripts/try.ts) call it in the test process, so the tests run on production's defaults rather than
 * on copies of them. What only
 * Electron can say (its paths, the OS key store, its dialogs) stays in main/index.ts.
 */
import { FACETEC_SDK_MOUNT, type AppMode, type JourneySettings, type OperatorSettings } from '../../preload/api'
import type { CspOptions } from '../app-origin/csp'
import type { SdkFolder } from '../app-origin/sdk-folder'
import type { AssureConnection } from '../assure/client'
import type { EngineOptions } from '../verification/engine'
import { tokenUrlOf, type KioskConfig, type KioskEnvironment } from './config'

/** The config's part of main's services (main/compose.ts takes these fields as they are). */
export interface KioskSetup {
  mode: AppMode
  kioskId: string
  /** The journey's settings as the renderer gets them, before staff's changes. */
  journeySettings: JourneySettings
  verification: Partial<Omit<EngineOptions, 'kioskId'>>
  /** Where archived results go; absent: the app's data folder. */
  archiveDir: string | undefined
  staff: { pinHash: string | undefined; sessionMinutes: number }
  /** The Content-Security-Policy the app origin sends in this mode. */
  csp: CspOptions
}

/**
 * `sdk`: the FaceTec SDK folder main chose for the mode (main/app-origin/sdk-folder.ts); `operator`: the
 * operator's branding as main/config/operator.ts read it (it reads the logo file, so it is asynchronous).
 */
export function kioskSetupFrom(
  config: KioskConfig,
  facts: { mode: AppMode; sdk: SdkFolder; operator: OperatorSettings }
): KioskSetup {
  const { verification, journey, facetec, staff } = config
  return {
    mode: facts.mode,
    kioskId: config.kioskId,
    journeySettings: {
      languages: journey.languages,
      defaultLanguage: journey.defaultLanguage,
      idleTimeoutSeconds: journey.idleTimeoutSeconds,
      idleCountdownSeconds: journey.idleCountdownSeconds,
      maxLivenessAttempts: journey.maxLivenessAttempts,
      referenceSource: journey.referenceSource,
      resultSeconds: journey.resultSeconds,
      prepareAhead: journey.prepareAhead,
      sdk: { baseUrl: FACETEC_SDK_MOUNT, simulated: facts.sdk.simulated },
      processingHandOverSeconds: journey.processingHandOverSeconds,
      operator: facts.operator,
      chimeOnSentToStaff: staff.chimeOnSentToStaff
    },
    verification: {
      archiveOn: verification.archiveOn,
      deleteDossierWhenDone: verification.deleteDossierWhenDone,
      retentionMs: verification.retentionDays * 24 * 3600_000,
      preparedTtlMs: verification.preparedTtlMinutes * 60_000,
      pollDeadlineMs: verification.resultDeadlineMinutes * 60_000,
      linkedReferencePlacement: verification.linkedReferencePlacement
    },
    archiveDir: verification.archiveFolder,
    staff: { pinHash: staff.pinHash, sessionMinutes: staff.sessionMinutes },
    csp:
      facts.mode === 'live'
        ? { mode: 'live', allowEval: facts.sdk.allowEval, faceTecServers: facetec.serverOrigins }
        : { mode: 'demo' }
  }
}

/**
 * Live mode's Assure: the configured API, the client id from the config or the environment, and the
 * secret read at each token request (`clientSecret`: the environment first, then the OS key store).
 */
export function liveConnection(
  config: KioskConfig,
  env: KioskEnvironment,
  clientSecret: () => Promise<string>
): AssureConnection {
  const { assure } = config
  return {
    baseUrl: assure.baseUrl,
    tokenUrl: tokenUrlOf(assure),
    scope: assure.scope,
    clientId: assure.clientId ?? env.ASSURE_CLIENT_ID ?? '',
    clientSecret,
    paths: assure.paths,
    timeouts: assure.timeouts,
    maxRequestsPerSecond: assure.maxRequestsPerSecond
  }
}
