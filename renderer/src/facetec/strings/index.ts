/**
 * FaceTec's own UI texts in every kiosk language. Keyed by the app's `Language`, so adding a kiosk
 * language without a FaceTec dictionary is a compile error rather than an English FaceTec screen.
 */
import type { Language } from '../../i18n'
import { faceTecStringsEn, type FaceTecStrings } from './en'
import { faceTecStringsDa } from './da'
import { faceTecStringsFi } from './fi'
import { faceTecStringsNb } from './nb'
import { faceTecStringsSv } from './sv'

export type { FaceTecStringKey, FaceTecStrings } from './en'

export const faceTecStrings: Record<Language, FaceTecStrings> = {
  en: faceTecStringsEn,
  nb: faceTecStringsNb,
  sv: faceTecStringsSv,
  da: faceTecStringsDa,
  fi: faceTecStringsFi
}
