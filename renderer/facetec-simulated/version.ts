/**
 * What `version()` answers: the version of the real SDK whose surface the simulator reproduces, so
 * code that checks the version treats it like that SDK. `window.FaceTecSimulator` (or the module's
 * `FaceTecSimulator` export) is how a test or the kiosk's demo mode knows it is the simulated one.
 */
export const SIMULATED_SDK_VERSION = '9.7.27'
