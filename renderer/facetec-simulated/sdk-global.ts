/**
 * The simulated `FaceTecSDK`: the real 9.7.27 global as measured (test/fixtures/facetec-9.7.27-surface.json),
 * member for member and in its order, with the same parameter counts, plain data properties (no
 * getters) and plain functions (no `class` syntax). Every call is recorded for tests.
 */
import {
  FaceTecAuditTrailImagesToReturn,
  FaceTecAuditTrailType,
  FaceTecCancelButtonLocation,
  FaceTecExitAnimationStyle,
  FaceTecIDScanNextStep,
  FaceTecIDScanStatus,
  FaceTecLoggingMode,
  FaceTecRetryScreen,
  FaceTecSDKStatus,
  FaceTecSecurityWatermarkImage,
  FaceTecSessionStatus,
  type FaceTecCustomization as CustomizationShape,
  type FaceTecFaceScanProcessor,
  type FaceTecSDKGlobal,
  type FaceTecSession
} from '../src/facetec/sdk-types'
import { core } from './core'
import {
  FaceTecCancelButtonCustomization,
  FaceTecCustomization,
  FaceTecEnterFullScreenCustomization,
  FaceTecExitAnimationCustomization,
  FaceTecFeedbackBarCustomization,
  FaceTecFrameCustomization,
  FaceTecGuidanceCustomization,
  FaceTecOvalCustomization,
  FaceTecOverlayCustomization,
  FaceTecResultScreenCustomization,
  FaceTecSecurityWatermarkCustomization
} from './customization'
import { userAgentString } from './ids'
import { dropPendingInitialization, initialize } from './initialization'
import { startSession } from './session'
import { later } from './timing'
import { SIMULATED_SDK_VERSION } from './version'

type InitCallback = (initializedSuccessfully: boolean) => void

function record(name: string, args: unknown[]): void {
  core.records.call(name, args)
}

function release(name: string, callback: () => void): void {
  record(name, [callback])
  dropPendingInitialization()
  core.deinitialize()
  void later().then(() => {
    if (typeof callback === 'function') callback()
  })
}

/** A plain constructor function with a name, as the real bundle's are. */
function named<T extends (...args: never[]) => unknown>(name: string, fn: T): T {
  Object.defineProperty(fn, 'name', { value: name })
  return fn
}

// Integrations call these with `new`; both return what the real ones do: nothing useful.
const FaceTecSessionFunction = named(
  'FaceTecSession',
  function (this: FaceTecSession, processor: FaceTecFaceScanProcessor, sessionToken: string) {
    record('FaceTecSession', [processor, sessionToken])
    startSession(processor, sessionToken)
  }
) as unknown as FaceTecSDKGlobal['FaceTecSession']

const FaceTecSessionFromIFrameFunction = named(
  'FaceTecSessionFromIFrame',
  function (this: FaceTecSession, processor: FaceTecFaceScanProcessor, sessionToken: string) {
    record('FaceTecSessionFromIFrame', [processor, sessionToken])
    // The iframe constructor needs a permission from FaceTec that a simulated licence never has.
    void later().then(() => {
      const result = {
        faceScan: null,
        auditTrail: [],
        lowQualityAuditTrail: [],
        sessionId: null,
        status: FaceTecSessionStatus.IFrameNotAllowedWithoutPermission,
        isCompletelyDone: false
      }
      processor.processSessionResultWhileFaceTecSDKWaits(result, {
        proceedToNextStep: () => undefined,
        succeed: () => undefined,
        retry: () => undefined,
        cancel: () => void later().then(() => processor.onFaceTecSDKCompletelyDone()),
        uploadProgress: () => undefined,
        uploadMessageOverride: () => undefined
      })
    })
  }
) as unknown as FaceTecSDKGlobal['FaceTecSessionFromIFrame']

/**
 * The SDK's processor and callback interfaces also exist at run time, as empty constructors
 * integrations may extend. Nothing in the SDK requires a processor to be an instance of them.
 */
const interfaceClass = (name: string): FaceTecSDKGlobal['FaceTecFaceScanProcessor'] =>
  named(name, function () {
    // An interface: nothing to set up.
  }) as unknown as FaceTecSDKGlobal['FaceTecFaceScanProcessor']

/**
 * The deprecated `getFriendlyDescriptionFor…` functions. FaceTec's own wording is not known (the
 * measurement recorded names and arities only), so the simulator answers the status's name.
 */
const describe =
  (names: Readonly<Record<number, string>>, kind: string) =>
  (enumValue: number): string =>
    names[enumValue] ?? `Unknown ${kind} (${String(enumValue)})`

export function createSimulatedSdk(): FaceTecSDKGlobal {
  const sdk: FaceTecSDKGlobal = {
    initializeInDevelopmentMode(
      deviceKeyIdentifier: string,
      publicEncryptionKey: string,
      callback: InitCallback
    ): void {
      record('initializeInDevelopmentMode', [deviceKeyIdentifier, publicEncryptionKey, callback])
      initialize(undefined, deviceKeyIdentifier, publicEncryptionKey, callback)
    },
    initializeInProductionMode(
      productionKey: unknown,
      deviceKeyIdentifier: string,
      publicEncryptionKey: string,
      callback: InitCallback
    ): void {
      record('initializeInProductionMode', [productionKey, deviceKeyIdentifier, publicEncryptionKey, callback])
      initialize(productionKey, deviceKeyIdentifier, publicEncryptionKey, callback)
    },
    getStatus(): FaceTecSDKStatus {
      return core.status
    },
    FaceTecSDKStatus,
    getFriendlyDescriptionForFaceTecSDKStatus: describe(FaceTecSDKStatus, 'FaceTecSDKStatus'),
    FaceTecSession: FaceTecSessionFunction,
    FaceTecSessionFromIFrame: FaceTecSessionFromIFrameFunction,
    FaceTecFaceScanProcessor: interfaceClass('FaceTecFaceScanProcessor'),
    FaceTecIDScanProcessor: interfaceClass('FaceTecIDScanProcessor'),
    FaceTecLoggingMode,
    FaceTecSessionStatus,
    FaceTecIDScanStatus,
    getFriendlyDescriptionForFaceTecIDScanStatus: describe(FaceTecIDScanStatus, 'FaceTecIDScanStatus'),
    FaceTecIDScanNextStep,
    FaceTecFaceScanResultCallback: interfaceClass('FaceTecFaceScanResultCallback'),
    FaceTecIDScanResultCallback: interfaceClass('FaceTecIDScanResultCallback'),
    getFriendlyDescriptionForFaceTecSessionStatus: describe(FaceTecSessionStatus, 'FaceTecSessionStatus'),
    FaceTecCustomization,
    FaceTecOvalCustomization,
    FaceTecCancelButtonCustomization,
    FaceTecExitAnimationCustomization,
    FaceTecFeedbackBarCustomization,
    FaceTecFrameCustomization,
    FaceTecOverlayCustomization,
    FaceTecGuidanceCustomization,
    FaceTecResultScreenCustomization,
    FaceTecEnterFullScreenCustomization,
    setCustomization(customization: CustomizationShape): void {
      record('setCustomization', [customization])
      core.customization = customization
    },
    setLowLightCustomization(customization: CustomizationShape | null): void {
      record('setLowLightCustomization', [customization])
    },
    setDynamicDimmingCustomization(customization: CustomizationShape | null): void {
      record('setDynamicDimmingCustomization', [customization])
    },
    FaceTecExitAnimationStyle,
    FaceTecCancelButtonLocation,
    FaceTecSecurityWatermarkCustomization,
    FaceTecSecurityWatermarkImage,
    // A data property, as in the real SDK: the core keeps it current (see lockout in core.ts).
    getLockoutEndTime: null,
    isLockedOut(): boolean {
      return core.isLockedOut()
    },
    FaceTecAuditTrailType,
    FaceTecRetryScreen,
    configureLocalization(localizationDictionary: Readonly<Record<string, string>>): void {
      record('configureLocalization', [localizationDictionary])
      if (core.status !== FaceTecSDKStatus.Initialized) {
        core.records.violation('configureLocalization() before a successful initialization; ignored')
        return
      }
      core.strings = { ...localizationDictionary }
    },
    configureOCRLocalization(localizationJSON: unknown): void {
      record('configureOCRLocalization', [localizationJSON])
    },
    // What kind of audit trail the SDK produces; how many images is setMaxAuditTrailImages' business.
    auditTrailType: FaceTecAuditTrailType.FullResolution,
    setMaxAuditTrailImages(count: FaceTecAuditTrailImagesToReturn): void {
      record('setMaxAuditTrailImages', [count])
      core.maxAuditTrailImages =
        count === FaceTecAuditTrailImagesToReturn.UP_TO_SIX ? count : FaceTecAuditTrailImagesToReturn.ONE
    },
    FaceTecAuditTrailImagesToReturn,
    unload(callback: () => void): void {
      release('unload', callback)
    },
    deinitialize(callback: () => void): void {
      release('deinitialize', callback)
    },
    setFaceTecLoggingMode(mode: FaceTecLoggingMode): void {
      record('setFaceTecLoggingMode', [mode])
    },
    version(): string {
      return SIMULATED_SDK_VERSION
    },
    setResourceDirectory(resourceDirectory: string): void {
      record('setResourceDirectory', [resourceDirectory])
      core.resourceDirectory = resourceDirectory
    },
    setImagesDirectory(imagesDirectory: string): void {
      record('setImagesDirectory', [imagesDirectory])
      core.imagesDirectory = imagesDirectory
    },
    createFaceTecAPIUserAgentString(sessionID: string): string {
      return userAgentString(sessionID)
    }
  }
  core.onLockoutChange = (until) => {
    ;(sdk as { getLockoutEndTime: number | null }).getLockoutEndTime = until
  }
  return sdk
}
