/** The bridge call through which the renderer reports how a visit ended: counted for the operator's collector. */
import type { IpcHandlers } from '../ipc/router'
import type { KioskTelemetry } from './observers'

export function telemetryHandlers(telemetry: Pick<KioskTelemetry, 'visit'>): Pick<IpcHandlers, 'reportVisit'> {
  return {
    reportVisit: (report) => {
      telemetry.visit(report)
      return null
    }
  }
}
