import { describe, expect, it } from 'vitest'
import { dictionaries, LANGUAGES, translate, useLanguageStore } from '../../renderer/src/i18n'

describe('i18n', () => {
  it('has every key in every language, none of them empty', () => {
    const reference = Object.keys(dictionaries.en).sort()
    for (const language of LANGUAGES) {
      const messages = dictionaries[language] as Record<string, string>
      expect(Object.keys(messages).sort()).toEqual(reference)
      for (const key of reference) expect(messages[key]?.trim(), `${language}:${key}`).not.toBe('')
    }
  })

  it('keeps the same placeholders in every translation', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort()
    for (const language of LANGUAGES) {
      for (const [key, text] of Object.entries(dictionaries.en)) {
        expect(
          placeholders((dictionaries[language] as Record<string, string>)[key] ?? ''),
          `${language}:${key}`
        ).toEqual(placeholders(text))
      }
    }
  })

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('nb', 'status.version', { version: '1.2.3' })).toBe('Versjon 1.2.3')
    expect(translate('en', 'status.version')).toBe('Version {version}')
  })

  it('resets the language with the session', () => {
    useLanguageStore.getState().setLanguage('nb')
    expect(useLanguageStore.getState().language).toBe('nb')
    useLanguageStore.getState().reset()
    expect(useLanguageStore.getState().language).toBe('en')
  })
})
