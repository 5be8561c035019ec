/**
 * The one i18n layer: typed dictionaries (a missing or extra key is a compile error), `{name}`
 * placeholders, and a zustand store for the current language, which resets with the session.
 * Hand-written rather than i18next: five static dictionaries need no loader, backend or ICU runtime,
 * and typed keys catch a missing translation at build time instead of at the kiosk.
 */
import { useCallback } from 'react'
import { create } from 'zustand'
import { en } from './messages/en'
import { da } from './messages/da'
import { fi } from './messages/fi'
import { nb } from './messages/nb'
import { sv } from './messages/sv'
import type { LanguageCode } from '../../../preload/api'
import type { MessageKey, Messages } from './types'

export type { MessageKey } from './types'

/**
 * The languages are the contract's `LanguageCode` (the one list main's config is checked against): a
 * language there without a dictionary here, or a dictionary for one it lacks, is a compile error. The
 * codes are BCP 47 tags, so they go into `lang` attributes and `Intl` as they are.
 */
export const dictionaries = { en, nb, sv, da, fi } as const satisfies Record<LanguageCode, Messages>
export type Language = LanguageCode
/** In the contract's order (a type-only import keeps the contract's zod out of the visitor's bundle). */
export const LANGUAGES = Object.keys(dictionaries) as Language[]
export const DEFAULT_LANGUAGE: Language = 'en'

export type MessageParams = Record<string, string | number>

export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const template = dictionaries[language][key]
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

interface LanguageState {
  language: Language
  setLanguage: (language: Language) => void
  reset: () => void
}

export const useLanguageStore = create<LanguageState>()((set) => ({
  language: DEFAULT_LANGUAGE,
  setLanguage: (language) => set({ language }),
  reset: () => set({ language: DEFAULT_LANGUAGE })
}))

export type Translate = (key: MessageKey, params?: MessageParams) => string

/**
 * The translate function for the current language; components re-render when it changes. The same
 * function while the language stays, so effects that depend on it do not re-run on every render.
 */
export function useT(): Translate {
  const language = useLanguageStore((state) => state.language)
  return useCallback<Translate>((key, params) => translate(language, key, params), [language])
}
