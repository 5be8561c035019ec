/**
 * Staff mode's codes in words. Main answers codes and safe parameters (job ids, file names, numbers,
 * technical error codes) rather than sentences, so one place here words them in the kiosk's language.
 */
import type {
  AuditEntry,
  Diagnostics,
  FaceTecOutcomeRecord,
  SdkProblem,
  StaffOverview,
  StaffJourneySettings
} from '../../../preload/api'
import { type Language, type MessageParams, type Translate } from '../i18n'

export function sdkText(
  t: Translate,
  sdk: { simulated: boolean; problem: SdkProblem | null; version: string | null }
): string {
  if (sdk.problem) return t(`staff.sdk.problem.${sdk.problem}`)
  return sdk.simulated
    ? t('staff.overview.sdk.simulated')
    : t('staff.overview.sdk.folder', { version: sdk.version ?? '?' })
}

export function storageProblemText(t: Translate, problem: StaffOverview['storageProblems'][number]): string {
  return problem.movedTo
    ? t('staff.overview.problem.moved', { file: problem.file, movedTo: problem.movedTo })
    : t('staff.overview.problem.unmoved', { file: problem.file })
}

export function diagnosticText(
  t: Translate,
  name: 'assure' | 'token' | 'dossier' | 'sdk',
  result: Diagnostics
): string {
  switch (name) {
    case 'dossier':
      if (result.dossier.ok) return t('staff.diagnostics.dossier.ok')
      return result.dossier.failure
        ? t(`staff.diagnostics.token.${result.dossier.failure}`)
        : t('staff.diagnostics.dossier.skipped')
    case 'assure':
      return result.assure.ok
        ? t('staff.diagnostics.assure.ok', { ms: result.assure.latencyMs ?? 0 })
        : t('staff.diagnostics.assure.failed', { error: result.assure.error ?? '?' })
    case 'token': {
      const { token } = result
      if (token.ok) return t('staff.diagnostics.token.ok')
      const words = t(`staff.diagnostics.token.${token.failure ?? 'other'}`)
      return token.status === null ? words : `${words} (${t('staff.diagnostics.httpStatus', { status: token.status })})`
    }
    case 'sdk':
      return sdkText(t, result.sdk)
  }
}

/**
 * The last FaceTec outcome in words: what happened, FaceTec's own status (technical, so not
 * translated), what the kiosk did about it, and with which SDK, key mode and when.
 */
export function faceTecOutcomeText(t: Translate, outcome: FaceTecOutcomeRecord | null, language: Language): string {
  if (!outcome) return t('staff.diagnostics.facetec.none')
  const what = t(`staff.diagnostics.facetec.${outcome.phase}.${outcome.ok ? 'ok' : 'failed'}`)
  const why = outcome.ok
    ? ''
    : `: ${outcome.status ? `${outcome.status.name} (${outcome.status.code})` : outcome.reason}`
  const then = outcome.action === 'continue' ? '' : ` — ${t(`staff.diagnostics.facetec.action.${outcome.action}`)}`
  const sdk = outcome.sdkVersion
    ? t('staff.diagnostics.facetec.sdk', { version: outcome.sdkVersion }) +
      (outcome.simulated ? ` (${t('staff.diagnostics.facetec.simulated')})` : '')
    : null
  const mode = outcome.mode ? t(`staff.diagnostics.facetec.mode.${outcome.mode}`) : null
  const details = [sdk, mode, formatWhen(outcome.at, language)].filter((part) => part !== null).join(', ')
  return `${what}${why}${then}. ${details}.`
}

const SETTINGS: ReadonlyArray<keyof StaffJourneySettings> = [
  'defaultLanguage',
  'idleTimeoutSeconds',
  'maxLivenessAttempts',
  'resultSeconds'
]
const isSetting = (name: string): name is keyof StaffJourneySettings => (SETTINGS as readonly string[]).includes(name)

/** What an audit entry says, with its parameters worded too where they are codes (settings, ok/failed). */
export function auditText(t: Translate, entry: AuditEntry): string {
  const params: MessageParams = { ...entry.params }
  if (entry.action === 'settings.changed') {
    params.settings = String(entry.params.settings ?? '')
      .split(',')
      .filter(Boolean)
      .map((name) => (isSetting(name) ? t(`staff.settings.${name}`) : name))
      .join(', ')
  }
  if (entry.action === 'reference.ended') {
    const because = String(entry.params.because ?? '')
    if (because === 'used' || because === 'other-visit' || because === 'expired')
      params.because = t(`staff.photo.ended.${because}`)
  }
  if (entry.action === 'diagnostics.run') {
    for (const check of ['assure', 'token', 'sdk'])
      params[check] = entry.params[check] === 'ok' ? t('staff.diagnostics.ok') : t('staff.diagnostics.failed')
  }
  return t(`staff.audit.action.${entry.action}`, params)
}

/**
 * The locale staff read dates in: the kiosk's language, with English as written in Europe (day first,
 * 24-hour clock) rather than the US default, since these kiosks stand in European branches.
 */
const staffLocale = (language: Language): string => (language === 'en' ? 'en-GB' : language)

/** A date and time as people in that language write it (Intl; the 24-hour clock throughout). */
export function formatWhen(at: string, language: Language): string {
  return new Date(at).toLocaleString(staffLocale(language), {
    dateStyle: 'short',
    timeStyle: 'short',
    hourCycle: 'h23'
  })
}

/** Just the time of day (for something later today). */
export function formatTime(at: string, language: Language): string {
  return new Date(at).toLocaleTimeString(staffLocale(language), { timeStyle: 'short', hourCycle: 'h23' })
}
