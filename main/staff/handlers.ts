/**
 * The staff calls of the bridge. Every one but `unlockStaff`, `lockStaff`, `getDeskState` and
 * `reportSentToStaff` (the two every visitor screen makes) needs the staff session main holds,
 * checked here before the call reaches the service, so a compromised renderer cannot skip the PIN.
 */
import type { FaceTecOutcomeRecord } from '../../preload/api'
import type { IpcHandlers } from '../ipc/router'
import type { StaffService } from './staff-service'

type StaffCall =
  | 'unlockStaff'
  | 'lockStaff'
  | 'getStaffOverview'
  | 'updateStaffSettings'
  | 'setCredentials'
  | 'runDiagnostics'
  | 'listJobs'
  | 'retryJob'
  | 'discardJob'
  | 'exportResult'
  | 'listAuditLog'
  | 'exportAuditLog'
  | 'chooseReferencePhoto'
  | 'clearReferencePhoto'
  | 'getFaceTecOutcome'
  | 'quitKiosk'
  | 'confirmReferencePhoto'
  | 'setKioskClosed'
  | 'acknowledgeSentToStaff'
  | 'getDeskState'
  | 'reportSentToStaff'

export function staffHandlers(deps: {
  staff: StaffService
  /** How FaceTec last did, as the renderer reported it (main/facetec/outcomes.ts). */
  facetec: { last(): FaceTecOutcomeRecord | null }
}): Pick<IpcHandlers, StaffCall> {
  const { staff } = deps
  /** A call that needs the session: refused as `unauthorized` while staff mode is locked. */
  const unlocked = async <T>(work: () => Promise<T> | T): Promise<T> => {
    staff.requireSession()
    return work()
  }
  return {
    unlockStaff: ({ pin }) => staff.unlock(pin),
    lockStaff: () => staff.lock(),
    getStaffOverview: () => unlocked(() => staff.overview()),
    updateStaffSettings: (patch) => unlocked(() => staff.updateSettings(patch)),
    setCredentials: (input) => unlocked(() => staff.setCredentials(input)),
    runDiagnostics: () => unlocked(() => staff.runDiagnostics()),
    listJobs: (query) => unlocked(() => staff.jobs(query)),
    retryJob: ({ jobId }) => unlocked(() => staff.retryJob(jobId)),
    discardJob: ({ jobId }) => unlocked(() => staff.discardJob(jobId)),
    exportResult: ({ jobId }) => unlocked(() => staff.exportResult(jobId)),
    listAuditLog: () => unlocked(() => staff.auditLog()),
    exportAuditLog: () => unlocked(() => staff.exportAuditLog()),
    chooseReferencePhoto: () => unlocked(() => staff.chooseReferencePhoto()),
    clearReferencePhoto: () => unlocked(() => staff.clearReferencePhoto()),
    getFaceTecOutcome: () => unlocked(() => deps.facetec.last()),
    quitKiosk: () => unlocked(() => staff.quitKiosk()),
    confirmReferencePhoto: () => unlocked(() => staff.confirmReferencePhoto()),
    setKioskClosed: ({ closed }) => unlocked(() => staff.setClosed(closed)),
    acknowledgeSentToStaff: () => unlocked(() => staff.acknowledgeSentToStaff()),
    // The two calls every screen makes (no PIN): whether the kiosk is closed, and a visitor sent to staff.
    getDeskState: () => staff.desk(),
    reportSentToStaff: () => {
      staff.sentToStaff()
      return null
    }
  }
}
