/**
 * The staff controller: the one place staff mode talks to main. The PIN pad and the tabs only read the
 * staff store and call these functions; a failed call is never thrown at React but said on the notice
 * line, in the words its error code calls for.
 *
 * Answers can outlive what asked for them (staff switch tabs, or staff mode closes, while main is still
 * busy): a tab's data is kept only if that tab is still the one shown, and nothing at all is kept once
 * staff mode has closed.
 */
import type { BridgeErrorCode, BridgeResult, KioskApi, StaffJourneySettings, UnlockResult } from '../../../preload/api'
import { BridgeCallError, unwrap } from '../kiosk-api'
import type { MessageKey } from '../i18n'
import {
  INITIAL_STAFF,
  QUEUE_PAGE,
  type QueueView,
  type StaffNotice,
  type StaffState,
  type StaffStore,
  type StaffTab
} from './staff-store'

export interface StaffDependencies {
  /** Main's staff calls (the preload's `window.kiosk` in the app). */
  api: Pick<
    KioskApi,
    | 'unlockStaff'
    | 'getStaffOverview'
    | 'chooseReferencePhoto'
    | 'clearReferencePhoto'
    | 'confirmReferencePhoto'
    | 'setKioskClosed'
    | 'acknowledgeSentToStaff'
    | 'setCredentials'
    | 'listJobs'
    | 'retryJob'
    | 'discardJob'
    | 'exportResult'
    | 'runDiagnostics'
    | 'getFaceTecOutcome'
    | 'updateStaffSettings'
    | 'quitKiosk'
    | 'listAuditLog'
    | 'exportAuditLog'
    | 'onJobUpdated'
  >
  store: StaffStore
}

export interface StaffController {
  /** Main checks the PIN (and limits attempts); null when the check itself failed (main or the bridge broke). */
  unlock(pin: string): Promise<UnlockResult | null>
  /** Staff mode is on screen: the overview, and main's job updates followed. Returns `close`, which forgets it all. */
  open(): () => void
  showTab(tab: StaffTab): Promise<void>
  chooseReferencePhoto(): Promise<void>
  clearReferencePhoto(): Promise<void>
  /** The chosen photo is for the next visitor only (it clears itself after that visit, or after a while). */
  confirmReferencePhoto(): Promise<void>
  /** Closes the kiosk to visitors ("please go to the counter") or reopens it. */
  setClosed(closed: boolean): Promise<void>
  /** Staff have seen the visitors sent to them. */
  acknowledgeSentToStaff(): Promise<void>
  /** The secret is write-only: main stores it and never answers it back. An empty client id keeps the current one. */
  saveCredentials(input: { clientId: string; clientSecret: string }): Promise<void>
  retryJob(jobId: string): Promise<void>
  discardJob(jobId: string): Promise<void>
  exportResult(jobId: string): Promise<void>
  runDiagnostics(): Promise<void>
  /** Changes the settings form; nothing reaches main until `saveSettings`. */
  editSettings(change: Partial<StaffJourneySettings>): void
  saveSettings(): Promise<void>
  exportAuditLog(): Promise<void>
  /** Another page of the queue. */
  showQueuePage(page: number): Promise<void>
  /** The queue's jobs of one visit, by the short reference the person shows ('' for every job). */
  findVisit(reference: string): Promise<void>
  /** Quits the kiosk app (main checks the staff session and records it in the audit log). */
  quitKiosk(): Promise<void>
}

/** Wording for the error codes an action can meet, where the general one would say too little. */
export type ErrorWording = Partial<Record<BridgeErrorCode, MessageKey>>

/** A failed staff call in words; main's own message (English, technical) stays in its log. */
export function errorNotice(error: unknown, wording: ErrorWording = {}): StaffNotice {
  // Not a BridgeCallError: the bridge itself failed (the call never got an answer).
  const code: BridgeErrorCode = error instanceof BridgeCallError ? error.code : 'internal'
  return { key: wording[code] ?? `staff.error.${code}` }
}

const savedAs = (saved: { saved: boolean; fileName: string | null }): StaffNotice | null =>
  saved.saved ? { key: 'staff.queue.saved', params: { fileName: saved.fileName ?? '' } } : null

interface CallOptions<T> {
  /** What a successful action says (null clears the notice); a load says nothing. */
  done?: (value: T) => StaffNotice | null
  wording?: ErrorWording
  /** A tab's data: dropped if staff have moved on to another tab meanwhile. */
  forTab?: boolean
}

export function createStaffController({ api, store }: StaffDependencies): StaffController {
  /** Bumped whenever staff mode opens or closes: answers for an earlier opening are dropped. */
  let opening = 0
  /** Bumped whenever another tab is shown: a tab's late data is dropped. */
  let shown = 0

  const set = (partial: Partial<StaffState>): void => store.setState(partial)

  /**
   * Runs one call to main. Resolves with `{ value }`, or with null when the call failed (said on the
   * notice line) or its answer is no longer wanted.
   */
  async function call<T>(
    work: () => Promise<BridgeResult<T>>,
    options: CallOptions<T> = {}
  ): Promise<{ value: T } | null> {
    const startedIn = { opening, shown }
    const current = () => startedIn.opening === opening && (!options.forTab || startedIn.shown === shown)
    try {
      const value = unwrap(await work())
      if (!current()) return null
      if (options.done) set({ notice: options.done(value) })
      return { value }
    } catch (error) {
      if (current()) set({ notice: errorNotice(error, options.wording) })
      return null
    }
  }

  async function loadOverview(): Promise<void> {
    const answer = await call(() => api.getStaffOverview(), { forTab: true })
    if (answer) set({ overview: answer.value })
  }

  /** The page of the queue staff asked for; main pages and filters it (issue 16: a year of jobs). */
  async function loadJobs(wanted: Pick<QueueView, 'page' | 'reference'> = store.getState().queue): Promise<void> {
    const { page, reference } = wanted
    const answer = await call(() => api.listJobs({ page, pageSize: QUEUE_PAGE, ...(reference ? { reference } : {}) }), {
      forTab: true
    })
    if (!answer) return
    const { jobs, page: shownPage, pages, total } = answer.value
    set({ jobs, queue: { page: shownPage, pages, total, reference } })
  }

  async function loadFaceTecOutcome(): Promise<void> {
    const answer = await call(() => api.getFaceTecOutcome(), { forTab: true })
    if (answer) set({ facetec: answer.value })
  }

  /** Each tab loads afresh when shown, so staff never act on an old picture of the kiosk. */
  const loads: Record<StaffTab, () => Promise<void>> = {
    overview: loadOverview,
    queue: loadJobs,
    diagnostics: loadFaceTecOutcome,
    settings: async () => {
      const answer = await call(() => api.getStaffOverview(), { forTab: true })
      if (answer) set({ settings: answer.value.settings })
    },
    audit: async () => {
      const answer = await call(() => api.listAuditLog(), { forTab: true })
      if (answer) set({ audit: answer.value })
    }
  }

  function showTab(tab: StaffTab): Promise<void> {
    shown++
    const { tab: _tab, notice: _notice, ...data } = INITIAL_STAFF
    set({ ...data, tab, notice: null })
    return loads[tab]()
  }

  return {
    async unlock(pin) {
      try {
        return unwrap(await api.unlockStaff({ pin }))
      } catch {
        return null
      }
    },

    open() {
      opening++
      // Rows follow main's job events without asking main again: a staff call would extend the staff
      // session, and a queued job retrying every few seconds would then keep staff mode open for ever.
      const stopJobs = api.onJobUpdated((view) => {
        const { jobs } = store.getState()
        if (jobs) set({ jobs: jobs.map((job) => (job.jobId === view.jobId ? { ...job, ...view } : job)) })
      })
      void showTab('overview')
      return () => {
        stopJobs()
        opening++
        shown++
        store.setState({ ...INITIAL_STAFF })
      }
    },

    showTab,

    async chooseReferencePhoto() {
      await call(() => api.chooseReferencePhoto(), { wording: { 'invalid-input': 'staff.error.photo' } })
      await loadOverview()
    },

    async clearReferencePhoto() {
      await call(() => api.clearReferencePhoto())
      await loadOverview()
    },

    async confirmReferencePhoto() {
      await call(() => api.confirmReferencePhoto(), { done: () => ({ key: 'staff.photo.confirmed' }) })
      await loadOverview()
    },

    async setClosed(closed) {
      await call(() => api.setKioskClosed({ closed }), {
        done: (view) => ({ key: view.closed ? 'staff.closed.done' : 'staff.reopened.done' })
      })
      await loadOverview()
    },

    async acknowledgeSentToStaff() {
      await call(() => api.acknowledgeSentToStaff())
      await loadOverview()
    },

    async saveCredentials({ clientId, clientSecret }) {
      await call(() => api.setCredentials({ clientSecret, ...(clientId ? { clientId } : {}) }), {
        done: () => ({ key: 'staff.credentials.saved' }),
        wording: {
          'invalid-input': 'staff.error.secret',
          conflict: 'staff.error.demoCredentials',
          misconfigured: 'staff.credentials.keyStore'
        }
      })
      await loadOverview()
    },

    async retryJob(jobId) {
      await call(() => api.retryJob({ jobId }), { wording: { conflict: 'staff.error.retry' } })
      await loadJobs()
    },

    async discardJob(jobId) {
      await call(() => api.discardJob({ jobId }))
      await loadJobs()
    },

    async exportResult(jobId) {
      await call(() => api.exportResult({ jobId }), { done: savedAs, wording: { 'not-found': 'staff.error.noResult' } })
    },

    async runDiagnostics() {
      await Promise.all([
        call(() => api.runDiagnostics(), { forTab: true }).then((answer) => {
          if (answer) set({ diagnostics: answer.value })
        }),
        loadFaceTecOutcome()
      ])
    },

    editSettings(change) {
      const { settings } = store.getState()
      if (settings) set({ settings: { ...settings, ...change } })
    },

    async saveSettings() {
      const { settings } = store.getState()
      if (!settings) return
      await call(() => api.updateStaffSettings(settings), { done: () => ({ key: 'staff.settings.saved' }) })
    },

    async exportAuditLog() {
      await call(() => api.exportAuditLog(), { done: savedAs })
    },

    showQueuePage(page) {
      return loadJobs({ page: Math.max(0, page), reference: store.getState().queue.reference })
    },

    findVisit(reference) {
      return loadJobs({ page: 0, reference })
    },

    async quitKiosk() {
      await call(() => api.quitKiosk())
    }
  }
}
