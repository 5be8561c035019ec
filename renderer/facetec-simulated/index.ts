/**
 * Entry of the simulated FaceTec Browser SDK, built to out/facetec-simulated/core-sdk/FaceTecSDK.js/FaceTecSDK.js
 * (laid out like FaceTec's own folder) in the real file's shape: loaded as a classic <script> it sets
 * `window.FaceTecSDK` (and the separate control surface `window.FaceTecSimulator`); imported through a
 * bundler, as FaceTec's sample processors import the real one (`import { FaceTecSDK } from
 * ".../FaceTecSDK.js"`), it exports both and sets no global. See electron.vite.config.ts.
 */
import { createSimulatorControl } from './control'
import { createSimulatedSdk } from './sdk-global'

export const FaceTecSDK = createSimulatedSdk()
export const FaceTecSimulator = createSimulatorControl()
