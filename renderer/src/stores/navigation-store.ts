/** Which screen the kiosk shows. Screens change only through this store. */
import { create } from 'zustand'

export type ScreenName = 'attract' | 'camera-check'

interface NavigationState {
  screen: ScreenName
  go: (screen: ScreenName) => void
}

export const useNavigationStore = create<NavigationState>()((set) => ({
  screen: 'attract',
  go: (screen) => set({ screen })
}))
