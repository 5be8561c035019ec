/**
 * The simulated `window.FaceTecSDK`: the 9.7.27 global of reference §2, member for member, with the
 * same function names and parameter counts. Every call is recorded for tests.
 */
import {
  FaceTecAuditTrailImagesToReturn,
  FaceTecCancelButtonLocation,
  FaceTecLoggingMode,
  FaceTecSDKStatus,
  FaceTecSecurityWatermarkImage,
  FaceTecSessionStatus,
  type FaceTecCustomization as CustomizationShape,
  type FaceTecFaceScanProcessor,
  type FaceTecSDKGlobal,
  type FaceTecSession
} from '../src/facetec/sdk-types'
import { core } from './core'
import { FaceTecCustomization } from './customization'
import {
  FaceTecAuditTrailType,
  FaceTecExitAnimationStyle,
  FaceTecIDScanNextStep,
  FaceTecIDScanStatus,
  FaceTecRetryScreen
} from './enum-holders'
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

// Classes, because integrations call them with `new`. Both return the value the real ones do: nothing useful.
const FaceTecSessionClass = function FaceTecSession(
  this: FaceTecSession,
  processor: FaceTecFaceScanProcessor,
  sessionToken: string
) {
  if (!new.target) throw new TypeError("Class constructor FaceTecSession cannot be invoked without 'new'")
  record('FaceTecSession', [processor, sessionToken])
  startSession(processor, sessionToken)
} as unknown as FaceTecSDKGlobal['FaceTecSession']

const FaceTecSessionFromIFrameClass = function FaceTecSessionFromIFrame(
  this: FaceTecSession,
  processor: FaceTecFaceScanProcessor,
  sessionToken: string
) {
  if (!new.target) throw new TypeError("Class constructor FaceTecSessionFromIFrame cannot be invoked without 'new'")
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
      cancel: () => void later().then(() => processor.onFaceTecSDKCompletelyDone()),
      uploadProgress: () => undefined,
      uploadMessageOverride: () => undefined,
      succeed: () => undefined,
      retry: () => undefined
    })
  })
} as unknown as FaceTecSDKGlobal['FaceTecSessionFromIFrame']

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
    },
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
    setMaxAuditTrailImages(count: FaceTecAuditTrailImagesToReturn): void {
      record('setMaxAuditTrailImages', [count])
      core.maxAuditTrailImages =
        count === FaceTecAuditTrailImagesToReturn.UP_TO_SIX ? count : FaceTecAuditTrailImagesToReturn.ONE
      sdk.auditTrailType = core.maxAuditTrailImages
    },
    auditTrailType: FaceTecAuditTrailImagesToReturn.ONE,
    isLockedOut(): boolean {
      return core.isLockedOut()
    },
    get getLockoutEndTime(): number | null {
      return core.isLockedOut() ? core.lockedOutUntil : null
    },
    setFaceTecLoggingMode(mode: FaceTecLoggingMode): void {
      record('setFaceTecLoggingMode', [mode])
    },
    deinitialize(callback: () => void): void {
      release('deinitialize', callback)
    },
    unload(callback: () => void): void {
      release('unload', callback)
    },
    FaceTecSDKStatus,
    FaceTecSessionStatus,
    FaceTecAuditTrailImagesToReturn,
    FaceTecLoggingMode,
    FaceTecCancelButtonLocation,
    FaceTecSecurityWatermarkImage,
    FaceTecIDScanStatus,
    FaceTecIDScanNextStep,
    FaceTecAuditTrailType,
    FaceTecRetryScreen,
    FaceTecExitAnimationStyle,
    FaceTecSession: FaceTecSessionClass,
    FaceTecSessionFromIFrame: FaceTecSessionFromIFrameClass,
    FaceTecCustomization
  }
  return sdk
}
