/**
 * Types of the simulated FaceTecSDK.js as a module, like the FaceTecSDK.d.ts FaceTec ships beside the
 * real one, for code that imports it the way FaceTec's sample processors do:
 * `import { FaceTecSDK } from ".../core-sdk/FaceTecSDK.js/FaceTecSDK.js"`. The renderer tests' dev
 * server hands out the built SDK under this path (electron.vite.config.ts, `facetecSimulatedSdk`).
 */
import type { FaceTecSimulatorControl } from '../../../control-types'
import type { FaceTecSDKGlobal } from '../../../../src/facetec/sdk-types'

export declare const FaceTecSDK: FaceTecSDKGlobal
/** Only in the simulated SDK: scripting and inspection for tests and demo mode. */
export declare const FaceTecSimulator: FaceTecSimulatorControl
