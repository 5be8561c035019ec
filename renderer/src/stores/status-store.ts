/** The kiosk's own status (mode, version, connectivity) as main reports it. */
import { create } from 'zustand'
import type { AppStatus, KioskApi } from '../../../preload/api'
import { unwrap } from '../kiosk-api'

export interface StatusState {
  status: AppStatus | null
  /** Set when the status could not be fetched at all. */
  failed: boolean
  /** Fetches the status once and follows main's pushed updates; returns the unsubscribe function. */
  connect: (api: Pick<KioskApi, 'getStatus' | 'onStatusChanged'>) => () => void
}

export const createStatusStore = () =>
  create<StatusState>()((set) => ({
    status: null,
    failed: false,
    connect(api) {
      const unsubscribe = api.onStatusChanged((status) => set({ status, failed: false }))
      api
        .getStatus()
        .then(unwrap)
        .then((status) => set({ status, failed: false }))
        .catch(() => set({ failed: true }))
      return unsubscribe
    }
  }))

/** The app's status store. */
export const useStatusStore = createStatusStore()
