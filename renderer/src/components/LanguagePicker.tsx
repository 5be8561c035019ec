import { translate, useLanguageStore, useT } from '../i18n'
import { useJourneySettingsStore } from '../stores/journey-settings-store'
import { Globe } from './icons'

/** Each language is offered in its own name, so a visitor finds theirs without reading the current one. */
export function LanguagePicker() {
  const t = useT()
  const language = useLanguageStore((state) => state.language)
  const setLanguage = useLanguageStore((state) => state.setLanguage)
  const languages = useJourneySettingsStore((state) => state.settings?.languages ?? [])
  if (languages.length < 2) return null
  return (
    <nav className="language-picker" aria-label={t('attract.chooseLanguage')}>
      <Globe className="language-picker__icon" aria-hidden="true" />
      {languages.map((code) => (
        <button
          key={code}
          type="button"
          className="button button--chip"
          aria-pressed={code === language}
          lang={code}
          data-testid={`language-${code}`}
          onClick={() => setLanguage(code)}
        >
          {translate(code, 'language.name')}
        </button>
      ))}
    </nav>
  )
}
