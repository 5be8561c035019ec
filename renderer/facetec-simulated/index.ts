/**
 * Entry of the simulated FaceTec Browser SDK, built as ONE classic script (an IIFE) at
 * out/facetec-simulated/core-sdk/FaceTecSDK.js/FaceTecSDK.js, laid out like FaceTec's own folder.
 * Like the real bundle it defines `window.FaceTecSDK`; the control surface is a separate global.
 */
import { createSimulatorControl } from './control'
import { createSimulatedSdk } from './sdk-global'

window.FaceTecSDK = createSimulatedSdk()
window.FaceTecSimulator = createSimulatorControl()
