/**
 * The kiosk's one handle on FaceTec: load the SDK, initialize it (idempotently), run captures one at
 * a time, keep FaceTec's texts in the kiosk's language, and forget everything on an idle reset.
 * It does not talk to main: the journey passes `submit`, which does.
 */
import { DEFAULT_LANGUAGE, type Language } from '../i18n'
import type { CaptureLivenessOptions, CaptureResult } from './capture-types'
import { startCapture, type RunningCapture } from './capture-liveness'
import { FaceTecError } from './facetec-error'
import { DEFAULT_INIT_TIMEOUT_MS, initializeSdk, type FaceTecKeys, type InitResult } from './initialize-sdk'
import { applyKioskCustomization, type KioskAccent } from './kiosk-customization'
import { loadFaceTecSdk, type LoadedSdk, type LoadSdkOptions } from './load-sdk'
import {
  initializationOutcome,
  loadFailureOutcome,
  reportableVersion,
  sessionOutcome,
  sessionRefusedOutcome,
  type FaceTecOutcomeReport,
  type OutcomeListener
} from './outcome-report'
import { describeSdkStatus, sdkStatusName } from './sdk-status'
import { FaceTecSDKStatus, type FaceTecSDKGlobal } from './sdk-types'
import { faceTecStrings } from './strings'

export interface FaceTecAdapterOptions extends LoadSdkOptions {
  initTimeoutMs?: number
  /** FaceTec's texts until `setLanguage` says otherwise. */
  language?: Language
  /**
   * Told how every initialization (the SDK asked, or the script failing to load) and every capture
   * ended, in codes only. The kiosk sends these to main's log and staff diagnostics.
   */
  onOutcome?: OutcomeListener
  /** The operator's accent and the text on it (main checked their contrast); the kiosk's own by default. */
  accent?: KioskAccent
  /** Asked before each session: whether the visitor turned audio guidance on (FaceTec's full vocal guidance). */
  vocalGuidance?: () => boolean
}

export interface FaceTecAdapter {
  /** Loads the SDK script once; rejects with FaceTecError (FaceTecUnsupportedVersionError for 10.x/unknown). */
  load(): Promise<{ version: string }>
  /** Loads if needed, then initializes; repeated calls return the same answer without re-initializing. */
  initialize(keys: FaceTecKeys): Promise<InitResult>
  /**
   * One FaceTec session. Rejects with FaceTecError `not-initialized`, `session-in-progress` or
   * `aborted` before any session starts; otherwise resolves once, when FaceTec is completely done.
   */
  captureLiveness(options: CaptureLivenessOptions): Promise<CaptureResult>
  /** FaceTec's own texts follow the kiosk language (applied now if initialized, else after init). */
  setLanguage(language: Language): void
  /** Idle reset: ends any capture as aborted, deinitializes the SDK, forgets all session state. */
  dispose(): Promise<void>
  /**
   * Between two visitors: ends any capture as aborted, and keeps a healthy initialization, so the
   * next visit whose keys are the same starts its session at once (FaceTec's initialization loads
   * megabytes of resources, seconds on kiosk hardware). Anything less than initialized is reset as
   * `dispose` does. `initialize` with other keys re-initializes.
   */
  endVisit(): Promise<void>
  readonly initialized: boolean
  readonly capturing: boolean
}

/** How long dispose waits for deinitialize's callback before forgetting the SDK anyway. */
const DEINITIALIZE_TIMEOUT_MS = 5_000

export function createFaceTecAdapter(options: FaceTecAdapterOptions = {}): FaceTecAdapter {
  let loading: Promise<LoadedSdk> | null = null
  let sdk: FaceTecSDKGlobal | null = null
  let initializing: Promise<InitResult> | null = null
  /** `keys`: which keys the SDK was initialized with (their fingerprint), so other keys re-initialize. */
  let initialized: { mode: 'development' | 'production'; keys: string } | null = null
  /** A failure that initializing again on this page cannot fix (licence, resources, ...). */
  let stickyFailure: Extract<InitResult, { ok: false }> | null = null
  let capture: RunningCapture | null = null
  let language = options.language ?? DEFAULT_LANGUAGE
  /** The last dispose; initialize waits for it. */
  let disposing: Promise<void> = Promise.resolve()
  /** What the loaded SDK's version() said, if it looks like a version. */
  let sdkVersion: string | null = null

  const emit = (outcome: FaceTecOutcomeReport): void => {
    try {
      options.onOutcome?.(outcome)
    } catch {
      // A listener's failure must not change how FaceTec goes for the person at the kiosk.
    }
  }

  const load = (): Promise<LoadedSdk> => {
    loading ??= loadFaceTecSdk(options).then(
      (loaded) => {
        sdk = loaded.sdk
        sdkVersion = reportableVersion(loaded.version)
        return loaded
      },
      (error: unknown) => {
        // Let a later call try again (the operator may fix the folder without restarting).
        loading = null
        throw error
      }
    )
    return loading
  }

  const applyLanguage = (target: FaceTecSDKGlobal): void => target.configureLocalization(faceTecStrings[language])

  /** Texts and colours after a successful init. Neither may fail the init: FaceTec still works without them. */
  const dress = (target: FaceTecSDKGlobal): void => {
    try {
      applyLanguage(target)
    } catch {
      // FaceTec then speaks its built-in English; the session itself is unaffected.
    }
    customize(target)
  }

  const customize = (target: FaceTecSDKGlobal): void => {
    try {
      applyKioskCustomization(target, { accent: options.accent, vocalGuidance: options.vocalGuidance?.() ?? false })
    } catch {
      // FaceTec's default colours and prompts: cosmetic only.
    }
  }

  async function initializeOnce(keys: FaceTecKeys): Promise<InitResult> {
    // A reset's deinitialize still under way must finish first, or it would undo this initialization.
    await disposing
    const mode = keys.productionKeyText?.trim() ? 'production' : 'development'
    let loaded: FaceTecSDKGlobal
    try {
      loaded = (await load()).sdk
    } catch (error) {
      if (error instanceof FaceTecError) emit(loadFailureOutcome(error, { mode, sdkVersion }))
      throw error
    }
    const fingerprint = keysFingerprint(keys)
    const ready = loaded.getStatus() === FaceTecSDKStatus.Initialized
    if (initialized && ready && initialized.keys === fingerprint) return { ok: true, mode: initialized.mode }
    // Assure handed out other keys: the SDK must be initialized with them, from scratch.
    if (initialized && ready) await deinitialize(loaded)
    // Deinitialized behind our back, or never: whatever we knew no longer holds.
    initialized = null
    // Every answer below is an initialization outcome someone acts on: it is reported.
    const answer = (result: InitResult, durationMs?: number): InitResult => {
      emit(initializationOutcome(result, { mode, sdkVersion, durationMs }))
      return result
    }
    if (stickyFailure) return answer(stickyFailure)
    const status = loaded.getStatus()
    if (
      status !== FaceTecSDKStatus.NeverInitialized &&
      status !== FaceTecSDKStatus.Initialized &&
      !describeSdkStatus(status).reinitializable
    ) {
      // Someone already failed on this page in a way that stays (reference §2): do not hammer the SDK.
      stickyFailure = {
        ok: false,
        code: 'sdk-status',
        status,
        statusName: sdkStatusName(status),
        detail: `FaceTec is in state ${sdkStatusName(status)} from an earlier initialization on this page.`,
        consoleErrors: [],
        ...describeSdkStatus(status)
      }
      return answer(stickyFailure)
    }
    // User Timing marks around FaceTec's own initialization (benchmark P2, performance traces).
    const started = performance.mark('facetec:init:start').startTime
    const result =
      status === FaceTecSDKStatus.Initialized
        ? ({ ok: true, mode } as const)
        : await initializeSdk(loaded, keys, options.initTimeoutMs ?? DEFAULT_INIT_TIMEOUT_MS)
    const durationMs = Math.round(performance.mark('facetec:init:end').startTime - started)
    if (result.ok) {
      initialized = { mode: result.mode, keys: fingerprint }
      // Localization needs a successfully initialized SDK (reference §2).
      dress(loaded)
    } else if (!result.reinitializable) {
      stickyFailure = result
    }
    return answer(result, durationMs)
  }

  const adapter: FaceTecAdapter = {
    get initialized() {
      return initialized !== null
    },
    get capturing() {
      return capture !== null
    },

    async load() {
      const { version } = await load()
      return { version }
    },

    initialize(keys) {
      if (!initializing) {
        const started = initializeOnce(keys).finally(() => {
          if (initializing === started) initializing = null
        })
        initializing = started
      }
      return initializing
    },

    async captureLiveness(captureOptions) {
      const context = { mode: initialized?.mode ?? null, sdkVersion }
      const refuse = (error: FaceTecError): never => {
        emit(sessionRefusedOutcome(error, context))
        throw error
      }
      // Checked before any await, so two calls in the same tick cannot both start a session.
      if (capture)
        refuse(
          new FaceTecError(
            'session-in-progress',
            'A FaceTec session is already running.',
            'facetec.session.busy',
            'retry'
          )
        )
      if (!sdk || !initialized || sdk.getStatus() !== FaceTecSDKStatus.Initialized) {
        return refuse(
          new FaceTecError(
            'not-initialized',
            'captureLiveness was called before FaceTec was initialized.',
            'facetec.session.notReady',
            'retry'
          )
        )
      }
      if (captureOptions.signal?.aborted)
        refuse(
          new FaceTecError(
            'aborted',
            'The capture was aborted before it started.',
            'facetec.session.interrupted',
            'retry'
          )
        )
      if (!Number.isInteger(captureOptions.maxAttempts) || captureOptions.maxAttempts < 1) {
        throw new RangeError(`maxAttempts must be a positive integer, got ${captureOptions.maxAttempts}`)
      }
      // Audio guidance may have been turned on since the initialization: FaceTec speaks in full then.
      customize(sdk)
      const running = startCapture(sdk, captureOptions)
      capture = running
      try {
        const result = await running.result
        emit(sessionOutcome(result, context))
        return result
      } finally {
        if (capture === running) capture = null
      }
    },

    setLanguage(next) {
      language = next
      if (!sdk || !initialized) return
      try {
        applyLanguage(sdk)
      } catch {
        // FaceTec keeps its previous texts; nothing else depends on them.
      }
    },

    endVisit() {
      const healthy = initialized !== null && initializing === null && sdk?.getStatus() === FaceTecSDKStatus.Initialized
      if (!healthy) return adapter.dispose()
      capture?.abandon('The kiosk was reset during the capture.')
      capture = null
      return disposing
    },

    dispose() {
      capture?.abandon('The kiosk was reset during the capture.')
      capture = null
      // Only what was started before this reset is undone: an initialization the next visitor starts
      // meanwhile waits for this dispose (initializeOnce) instead of being undone by it.
      const pendingInit = initializing
      initializing = null
      const previous = disposing
      disposing = (async () => {
        await previous
        await pendingInit?.catch(() => undefined)
        const target = sdk
        initialized = null
        stickyFailure = null
        if (target) await deinitialize(target)
      })()
      return disposing
    }
  }
  return adapter
}

/** The keys an initialization used, as one string: equal keys, equal fingerprints. */
function keysFingerprint(keys: FaceTecKeys): string {
  return JSON.stringify([keys.deviceKeyIdentifier, keys.publicFaceScanEncryptionKey, keys.productionKeyText ?? ''])
}

/** 9.7's deinitialize, else 9.6's unload; bounded, because a missing callback must not stall a reset. */
function deinitialize(sdk: FaceTecSDKGlobal): Promise<void> {
  const release = sdk.deinitialize?.bind(sdk) ?? sdk.unload?.bind(sdk)
  if (!release) return Promise.resolve()
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, DEINITIALIZE_TIMEOUT_MS)
    try {
      release(() => {
        clearTimeout(timer)
        resolve()
      })
    } catch {
      clearTimeout(timer)
      resolve()
    }
  })
}
