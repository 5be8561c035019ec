/**
 * The journey's settings from main's configuration (languages, idle times, retry limit, ...). Not
 * staff mode's settings form: that is the staff store's, and what staff save there reaches this store
 * when staff mode closes and the settings are loaded again.
 */
import { create } from 'zustand'
import type { KioskApi, JourneySettings } from '../../../preload/api'
import { unwrap } from '../kiosk-api'

export interface JourneySettingsState {
  settings: JourneySettings | null
  failed: boolean
  load: (api: Pick<KioskApi, 'getJourneySettings'>) => Promise<JourneySettings | null>
}

export const useJourneySettingsStore = create<JourneySettingsState>()((set) => ({
  settings: null,
  failed: false,
  async load(api) {
    try {
      const settings = unwrap(await api.getJourneySettings())
      set({ settings, failed: false })
      return settings
    } catch {
      set({ failed: true })
      return null
    }
  }
}))
