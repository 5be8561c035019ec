/** The kiosk speaks exactly the languages of the bridge contract, which main checks the config against. */
import { describe, expect, it } from 'vitest'
import { LanguageCode } from '../../preload/api'
import { dictionaries, LANGUAGES } from '../../renderer/src/i18n'

describe('the kiosk languages', () => {
  it('are the contract’s, in its order, each with a dictionary', () => {
    expect(LANGUAGES).toEqual(LanguageCode.options)
    for (const language of LANGUAGES) expect(dictionaries[language]['language.name']).not.toBe('')
  })

  it('are BCP 47 tags the browser knows, as the page’s lang attribute and dates use them', () => {
    for (const language of LANGUAGES) expect(Intl.getCanonicalLocales(language)).toEqual([language])
  })
})
