/**
 * Whether staff closed the kiosk: asked of main once, then followed through its `onDeskChanged` event,
 * so a kiosk closed before a restart comes back closed, and reopening shows the attract screen at once.
 */
import { create } from 'zustand'
import type { KioskApi } from '../../../preload/api'

export interface DeskStoreState {
  closed: boolean
  /** Follows main's desk state; returns the unsubscribe function. */
  connect(api: Pick<KioskApi, 'getDeskState' | 'onDeskChanged'>): () => void
}

export const useDeskStore = create<DeskStoreState>()((set) => ({
  closed: false,
  connect(api) {
    let changed = false
    const stop = api.onDeskChanged((desk) => {
      changed = true
      set({ closed: desk.closed })
    })
    void api.getDeskState().then((answer) => {
      // An event that came meanwhile is newer than this answer.
      if (answer.ok && !changed) set({ closed: answer.value.closed })
    })
    return stop
  }
}))
