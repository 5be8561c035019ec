/**
 * The journey's settings from main's configuration (languages, idle times, retry limit, ...). Not
 * staff mode's settings form: that is the staff store's, and what staff save there reaches this store
 * when staff mode closes and the settings are loaded again.
 */
import { create } from 'zustand'
import type { KioskApi, KioskSettings } from '../../../preload/api'
import { unwrap } from '../kiosk-api'

export interface JourneySettingsState {
  settings: KioskSettings | null
  failed: boolean
  load: (api: Pick<KioskApi, 'getKioskSettings'>) => Promise<KioskSettings | null>
}

export const useJourneySettingsStore = create<JourneySettingsState>()((set) => ({
  settings: null,
  failed: false,
  async load(api) {
    try {
      const settings = unwrap(await api.getKioskSettings())
      set({ settings, failed: false })
      return settings
    } catch {
      set({ failed: true })
      return null
    }
  }
}))
