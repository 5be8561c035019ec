/**
 * What staff mode shows: the open tab, the notice line, and each tab's data as main last answered it.
 * Only the staff controller (staff-controller.ts) changes it; the tabs read it and call the controller.
 * Emptied when staff mode closes, so nothing of it stays in the page while visitors use the kiosk.
 */
import { create, type StoreApi } from 'zustand'
import type {
  AuditEntry,
  Diagnostics,
  FaceTecOutcomeRecord,
  StaffJob,
  StaffOverview,
  StaffJourneySettings
} from '../../../preload/api'
import type { MessageKey, MessageParams } from '../i18n'

export const STAFF_TABS = ['overview', 'queue', 'diagnostics', 'settings', 'audit'] as const
export type StaffTab = (typeof STAFF_TABS)[number]

/** The notice line: a message and its parameters, worded when shown, so it follows the kiosk's language. */
export interface StaffNotice {
  key: MessageKey
  params?: MessageParams
}

/** Rows per queue page: what fits in the staff panel in every language and orientation (portrait wraps most). */
export const QUEUE_PAGE = 4

/** Which page of the queue is on screen, of how many, and the visit reference staff are looking for ('' for all). */
export interface QueueView {
  page: number
  pages: number
  total: number
  reference: string
}

export interface StaffState {
  tab: StaffTab
  notice: StaffNotice | null
  /** Each tab's data; null (or undefined for `facetec`) until main has answered since the tab was opened. */
  overview: StaffOverview | null
  /** One page of the queue, as main pages it (a year of jobs is too many to send whole). */
  jobs: StaffJob[] | null
  queue: QueueView
  diagnostics: Diagnostics | null
  /** The last FaceTec outcome main kept, null if there was none. */
  facetec: FaceTecOutcomeRecord | null | undefined
  /** The settings form: main's settings as staff edit them, until saved. */
  settings: StaffJourneySettings | null
  audit: AuditEntry[] | null
}

export const INITIAL_STAFF: StaffState = {
  tab: 'overview',
  notice: null,
  overview: null,
  jobs: null,
  queue: { page: 0, pages: 1, total: 0, reference: '' },
  diagnostics: null,
  facetec: undefined,
  settings: null,
  audit: null
}

export type StaffStore = StoreApi<StaffState>

export const createStaffStore = () => create<StaffState>()(() => ({ ...INITIAL_STAFF }))

/** The app's staff store: the staff controller writes it (it is handed in), the tabs read it. */
export const useStaffStore = createStaffStore()
