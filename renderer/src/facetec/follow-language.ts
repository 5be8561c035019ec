/** Keeps FaceTec's own texts in the language the customer picked on the kiosk. */
import { useLanguageStore, type Language } from '../i18n'

/** Applies the kiosk's current language now and on every change; returns the unsubscribe function. */
export function followKioskLanguage(target: { setLanguage(language: Language): void }): () => void {
  target.setLanguage(useLanguageStore.getState().language)
  return useLanguageStore.subscribe((state, previous) => {
    if (state.language !== previous.language) target.setLanguage(state.language)
  })
}
