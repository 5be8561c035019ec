/** The kiosk's journey settings from main's configuration (languages, idle times, retry limit, ...). */
import { create } from 'zustand'
import type { KioskApi, JourneySettings } from '../../../preload/api'
import { unwrap } from '../bridge'

interface SettingsState {
  settings: JourneySettings | null
  failed: boolean
  load: (api: KioskApi) => Promise<JourneySettings | null>
}

export const useSettingsStore = create<SettingsState>()((set) => ({
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
