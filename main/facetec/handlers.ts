/** The bridge call through which the renderer tells main how FaceTec did (staff read it: staff/handlers.ts). */
import type { IpcHandlers } from '../ipc/router'
import type { KioskTelemetry } from '../telemetry/observers'
import type { FaceTecOutcomes } from './outcomes'

export function faceTecHandlers(
  outcomes: FaceTecOutcomes,
  telemetry: Pick<KioskTelemetry, 'faceTecOutcome'>
): Pick<IpcHandlers, 'reportFaceTecOutcome'> {
  return {
    reportFaceTecOutcome: (outcome) => {
      telemetry.faceTecOutcome(outcome)
      return outcomes.report(outcome)
    }
  }
}
