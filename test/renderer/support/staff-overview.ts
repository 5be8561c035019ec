import type { StaffOverview } from '../../../preload/api'

/** What main answers for a live kiosk's staff overview, with a visitor waiting for staff and no secret yet. */
export const STAFF_OVERVIEW: StaffOverview = {
  kioskId: 'kiosk-branch-12',
  mode: 'live',
  version: '0.1.0',
  connectivity: 'online',
  credentials: { clientId: 'client-1', secretStored: false, problem: null },
  reference: { source: 'demo', bytes: 17_846 },
  settings: { defaultLanguage: 'en', idleTimeoutSeconds: 60, maxLivenessAttempts: 3, resultSeconds: 30 },
  sdk: { simulated: false, problem: null, packageVersion: '9.7.27' },
  storageProblems: [],
  today: { visits: 4, accepted: 2, rejected: 1, inconclusive: 0, sentToStaff: 1, queued: 0, failed: 1 },
  sentToStaffWaiting: 1,
  closed: false,
  staffPhoto: null,
  faceTecUpdateDueInDays: 61,
  lastFaceTec: null
}
