/** `window.FaceTecSimulator`: scripting and inspection for tests, benchmarks and demo mode. */
import type { FaceTecSimulatorControl } from './control-types'
import { core } from './core'
import { dropPendingInitialization } from './initialization'
import { SIMULATED_SDK_VERSION } from './version'

export function createSimulatorControl(): FaceTecSimulatorControl {
  return {
    version: SIMULATED_SDK_VERSION,
    configure(script) {
      core.configure(script)
    },
    queueSession(session) {
      core.queueSession(session)
    },
    reset() {
      dropPendingInitialization()
      core.reset()
    },
    get calls() {
      return core.records.calls
    },
    get violations() {
      return core.records.violations
    },
    get phase() {
      return core.phase
    },
    get sessionsStarted() {
      return core.sessionsStarted
    },
    pressCancel() {
      return core.active?.pressCancel() ?? false
    },
    pressReady() {
      return core.active?.pressReady() ?? false
    }
  }
}
