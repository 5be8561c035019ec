/** The bridge calls about the kiosk itself: its status, and the settings its journey runs on. */
import type { JourneySettings } from '../../preload/api'
import type { IpcHandlers } from '../ipc/router'
import type { StatusService } from './status-service'

export function statusHandlers(deps: {
  status: StatusService
  /** The config's journey settings with staff's changes applied (main/storage/staff-overrides.ts). */
  journeySettings: () => JourneySettings
}): Pick<IpcHandlers, 'getStatus' | 'getJourneySettings'> {
  return {
    getStatus: () => deps.status.getStatus(),
    getJourneySettings: () => deps.journeySettings()
  }
}
