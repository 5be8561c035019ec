/**
 * Reads each screen aloud while audio guidance is on: what the screen marks `data-speak` (its title,
 * its text, the reference letter by letter), in the order a sighted person reads it, then the choices
 * its buttons offer. A screen is read again when its words change (another language, "still
 * checking"); a part marked `data-speak-update` (the camera's live feedback) is read alone when only
 * it changes, so a hint does not repeat the whole screen.
 */
import { useEffect, type RefObject } from 'react'
import { useLanguageStore, useT, type Translate } from '../i18n'
import { kioskSpeaker, useAudioStore } from './audio-store'

const visible = (element: HTMLElement): boolean => element.getClientRects().length > 0

const spokenText = (element: HTMLElement): string => (element.dataset.speak || element.innerText).trim()

/** What a screen says: its marked texts, then its choices. Exported for the tests. */
export function screenSpeech(root: HTMLElement, t: Translate): { base: string; updates: string[] } {
  const base = [...root.querySelectorAll<HTMLElement>('[data-speak]')]
    .filter((element) => visible(element) && !element.closest('[data-speak-update]'))
    .map(spokenText)
    .filter(Boolean)
  const choices = [...root.querySelectorAll<HTMLButtonElement>('.screen__actions button')]
    .filter((button) => visible(button) && !button.disabled)
    .map((button) => (button.getAttribute('aria-label') ?? button.innerText).trim())
    .filter(Boolean)
  if (choices.length > 0) base.push(t('audio.choices', { choices: choices.join(', ') }))
  const updates = [...root.querySelectorAll<HTMLElement>('[data-speak-update]')]
    .filter(visible)
    .map(spokenText)
    .filter(Boolean)
  return { base: base.join(' '), updates }
}

export function useScreenSpeech(container: RefObject<HTMLElement | null>, paused: boolean): void {
  const enabled = useAudioStore((state) => state.enabled)
  const language = useLanguageStore((state) => state.language)
  const t = useT()
  useEffect(() => {
    const root = container.current
    if (!enabled || paused || !root) return
    let lastBase = ''
    let lastUpdates: string[] = []
    let timer: ReturnType<typeof setTimeout> | undefined
    const say = (): void => {
      const { base, updates } = screenSpeech(root, t)
      if (base !== lastBase) {
        kioskSpeaker().speak([base, ...updates].join(' '), language)
      } else {
        const changed = updates.filter((text) => !lastUpdates.includes(text))
        if (changed.length > 0) kioskSpeaker().speak(changed.join(' '), language)
      }
      lastBase = base
      lastUpdates = updates
    }
    // Settle first: a screen renders in a few steps, and should be read once, complete.
    const schedule = (): void => {
      clearTimeout(timer)
      timer = setTimeout(say, 300)
    }
    const observer = new MutationObserver(schedule)
    observer.observe(root, { subtree: true, childList: true, characterData: true })
    schedule()
    return () => {
      observer.disconnect()
      clearTimeout(timer)
    }
  }, [container, enabled, paused, language, t])
}
