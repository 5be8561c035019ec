/**
 * Audio guidance: off until a visitor turns it on with the visible control, and off again for the next
 * visitor (the journey's reset turns it off, like it resets the language).
 */
import { create } from 'zustand'
import { createSpeaker, type Speaker } from './speech'

interface AudioState {
  enabled: boolean
  /** Bumped when the OS reports its voices, so the control can say whether this language has one. */
  voicesVersion: number
  toggle: () => void
  setEnabled: (enabled: boolean) => void
}

let speaker: Speaker | null = null
/** The one speaker of the page (created on first use, so tests can install a speechSynthesis first). */
export function kioskSpeaker(): Speaker {
  if (!speaker) {
    speaker = createSpeaker()
    speaker.onVoicesChanged(() => useAudioStore.setState((state) => ({ voicesVersion: state.voicesVersion + 1 })))
  }
  return speaker
}

export const useAudioStore = create<AudioState>()((set, get) => ({
  enabled: false,
  voicesVersion: 0,
  toggle: () => get().setEnabled(!get().enabled),
  setEnabled(enabled) {
    if (!enabled) kioskSpeaker().stop()
    set({ enabled })
  }
}))
