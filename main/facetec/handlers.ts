/** The bridge call through which the renderer tells main how FaceTec did (staff read it: staff/handlers.ts). */
import type { IpcHandlers } from '../ipc/router'
import type { FaceTecOutcomes } from './outcomes'

export function faceTecHandlers(outcomes: FaceTecOutcomes): Pick<IpcHandlers, 'reportFaceTecOutcome'> {
  return {
    reportFaceTecOutcome: (outcome) => outcomes.report(outcome)
  }
}
