/**
 * Spoken instructions through the Web Speech API, i.e. the operating system's own speech engine
 * (SAPI voices on Windows, speech-dispatcher on Linux): no voice files in the app, nothing sent over
 * the network. Where the machine has no voice for the kiosk's language the kiosk stays silent rather
 * than read Finnish with an English voice, and says so beside the control; where the API is missing
 * altogether the control says audio guidance is not available here. Everything else works without it.
 */
import type { Language } from '../i18n'

export interface Speaker {
  /** Says `text` in `language`, cutting off whatever was being said. False when no voice could say it. */
  speak(text: string, language: Language): boolean
  /** Stops at once (audio switched off, the visit reset). */
  stop(): void
  /** Whether a voice for the language is installed (the list arrives asynchronously at start). */
  hasVoice(language: Language): boolean
  /** Whether this machine can speak at all. */
  readonly available: boolean
  /** Tells `listener` when the installed voices become known; returns the unsubscribe function. */
  onVoicesChanged(listener: () => void): () => void
}

/** The BCP 47 primary tags a voice for each kiosk language may carry (Norwegian voices are often `no`). */
const VOICE_TAGS: Record<Language, readonly string[]> = {
  en: ['en'],
  nb: ['nb', 'no', 'nn'],
  sv: ['sv'],
  da: ['da'],
  fi: ['fi']
}

/** The utterance's language tag, which also picks the engine's pronunciation rules. */
const UTTERANCE_LANG: Record<Language, string> = { en: 'en-GB', nb: 'nb-NO', sv: 'sv-SE', da: 'da-DK', fi: 'fi-FI' }

export function voiceFor(voices: readonly SpeechSynthesisVoice[], language: Language): SpeechSynthesisVoice | null {
  const tags = VOICE_TAGS[language]
  const matching = voices.filter((voice) => tags.includes(voice.lang.toLowerCase().split(/[-_]/)[0] ?? ''))
  // A local voice works without a network; the OS's default among them is the one people chose.
  return (
    matching.find((voice) => voice.localService && voice.default) ??
    matching.find((voice) => voice.localService) ??
    matching[0] ??
    null
  )
}

/** `null`: a machine without speech (tests pass it; the kiosk passes nothing and gets the page's). */
export function createSpeaker(synth: SpeechSynthesis | null = globalThis.speechSynthesis ?? null): Speaker {
  const voices = (): readonly SpeechSynthesisVoice[] => {
    try {
      return synth?.getVoices() ?? []
    } catch {
      return []
    }
  }
  return {
    available: synth !== null && typeof globalThis.SpeechSynthesisUtterance === 'function',
    speak(text, language) {
      if (!synth || !text.trim()) return false
      const voice = voiceFor(voices(), language)
      if (!voice) return false
      try {
        synth.cancel()
        const utterance = new SpeechSynthesisUtterance(text)
        utterance.voice = voice
        utterance.lang = UTTERANCE_LANG[language]
        utterance.rate = 0.95
        synth.speak(utterance)
        return true
      } catch {
        return false
      }
    },
    stop() {
      try {
        synth?.cancel()
      } catch {
        // Nothing was being said.
      }
    },
    hasVoice: (language) => voiceFor(voices(), language) !== null,
    onVoicesChanged(listener) {
      if (!synth || typeof synth.addEventListener !== 'function') return () => undefined
      synth.addEventListener('voiceschanged', listener)
      return () => synth.removeEventListener('voiceschanged', listener)
    }
  }
}
