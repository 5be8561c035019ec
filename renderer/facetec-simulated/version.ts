/** What `version()` answers: a 9.x version (so adapters accept it) that says it is not FaceTec's. */
export const SIMULATED_SDK_VERSION = '9.7.27-simulated'
