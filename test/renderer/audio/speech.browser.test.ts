/**
 * Audio guidance speaks through the OS's voices (Web Speech API): in the kiosk's language, with a voice
 * for it or not at all, and it reads what a screen marks for speech in reading order, then its choices.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSpeaker, voiceFor } from '../../../renderer/src/audio/speech'
import { screenSpeech } from '../../../renderer/src/audio/use-screen-speech'
import { translate, type Translate } from '../../../renderer/src/i18n'

const voice = (lang: string, extra: Partial<SpeechSynthesisVoice> = {}): SpeechSynthesisVoice => ({
  lang,
  name: lang,
  localService: true,
  default: false,
  voiceURI: lang,
  ...extra
})

// The browser's utterance refuses voices it did not make; the stand-in engine's voices need its stand-in utterance.
class Utterance {
  lang = ''
  voice: SpeechSynthesisVoice | null = null
  rate = 1
  constructor(readonly text: string) {}
}
beforeEach(() => {
  vi.stubGlobal('SpeechSynthesisUtterance', Utterance)
})
afterEach(() => {
  vi.unstubAllGlobals()
})

/** A speechSynthesis that records what it is asked to say. */
function recordingSynth(voices: SpeechSynthesisVoice[]) {
  const said: Array<{ text: string; lang: string; voice: string | undefined }> = []
  let cancels = 0
  const synth = {
    getVoices: () => voices,
    speak: (utterance: SpeechSynthesisUtterance) =>
      said.push({ text: utterance.text, lang: utterance.lang, voice: utterance.voice?.lang }),
    cancel: () => void cancels++,
    addEventListener: () => undefined,
    removeEventListener: () => undefined
  } as unknown as SpeechSynthesis
  return { synth, said, cancels: () => cancels }
}

describe('voices', () => {
  it('picks a voice of the language, a local default first; Norwegian voices may be tagged no or nb', () => {
    const voices = [
      voice('en-US'),
      voice('en-GB', { default: true }),
      voice('no-NO'),
      voice('sv-SE', { localService: false })
    ]
    expect(voiceFor(voices, 'en')?.lang).toBe('en-GB')
    expect(voiceFor(voices, 'nb')?.lang).toBe('no-NO')
    expect(voiceFor(voices, 'sv')?.lang).toBe('sv-SE')
    expect(voiceFor(voices, 'fi')).toBeNull()
  })

  it('speaks in the language’s voice, cutting off what was said, and stays silent where no voice exists', () => {
    const { synth, said, cancels } = recordingSynth([voice('en-GB'), voice('da-DK')])
    const speaker = createSpeaker(synth)
    expect(speaker.available).toBe(true)
    expect(speaker.speak('Tjek din identitet', 'da')).toBe(true)
    expect(said).toEqual([{ text: 'Tjek din identitet', lang: 'da-DK', voice: 'da-DK' }])
    expect(cancels()).toBe(1)
    expect(speaker.speak('Tarkista henkilöllisyytesi', 'fi')).toBe(false)
    expect(speaker.hasVoice('fi')).toBe(false)
    expect(said).toHaveLength(1)
  })

  it('says audio guidance is unavailable where the machine has no speech at all', () => {
    const speaker = createSpeaker(null)
    expect(speaker.available).toBe(false)
    expect(speaker.speak('Hello', 'en')).toBe(false)
  })
})

describe('what a screen says', () => {
  it('is its marked texts in reading order, then its choices; hidden parts and live hints apart', () => {
    const root = document.createElement('div')
    root.innerHTML = `
      <h1 data-speak="">Camera check</h1>
      <p data-speak="">Place your face inside the oval.</p>
      <p>Not read: no mark.</p>
      <p data-speak="" hidden>Not read: hidden.</p>
      <span data-speak="A C E 3 4 7">ACE 347</span>
      <p data-speak-update="">Looks good</p>
      <div class="screen__actions"><button>Back</button><button disabled>Not now</button><button>Start the face check</button></div>`
    document.body.append(root)
    try {
      const t: Translate = (key, params) => translate('en', key, params)
      expect(screenSpeech(root, t)).toEqual({
        base: 'Camera check Place your face inside the oval. A C E 3 4 7 Your choices: Back, Start the face check.',
        updates: ['Looks good']
      })
    } finally {
      root.remove()
    }
  })
})
