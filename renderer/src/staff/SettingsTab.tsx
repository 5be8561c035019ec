import { dictionaries, LANGUAGES, useT, type Language } from '../i18n'
import { NUMERIC_SETTINGS, SETTING_RANGES, type NumericSetting } from './setting-ranges'
import { useStaff } from './staff-context'
import { useStaffStore } from './staff-store'

/** One tap on a stepper: a step a person notices, without tapping twenty times. */
const STEPS: Record<NumericSetting, number> = { idleTimeoutSeconds: 10, maxLivenessAttempts: 1, resultSeconds: 5 }

/**
 * Below these, screens end before a person can read them: allowed (the contract's range is wider, for
 * kiosks with a reason), but staff are told what it will do.
 */
export const READING_SECONDS = { idleTimeoutSeconds: 30, resultSeconds: 15 } as const

/** What staff may change at this kiosk, within the ranges the contract allows, with a stepper each. */
export function SettingsTab() {
  const t = useT()
  const staff = useStaff()
  const settings = useStaffStore((state) => state.settings)
  if (!settings) return null
  return (
    <form
      className="form form--compact settings-form"
      data-testid="settings-form"
      onSubmit={(event) => {
        event.preventDefault()
        void staff.saveSettings()
      }}
    >
      <label className="field">
        <span className="field__label">{t('staff.settings.defaultLanguage')}</span>
        <select
          className="field__input"
          data-testid="setting-defaultLanguage"
          value={settings.defaultLanguage}
          onChange={(event) => staff.editSettings({ defaultLanguage: event.target.value as Language })}
        >
          {LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {dictionaries[code]['language.name']}
            </option>
          ))}
        </select>
      </label>
      {NUMERIC_SETTINGS.map((key) => {
        const { min, max } = SETTING_RANGES[key]
        const step = (direction: 1 | -1) =>
          staff.editSettings({ [key]: Math.min(max, Math.max(min, settings[key] + direction * STEPS[key])) })
        return (
          <div className="field" key={key}>
            <label className="field__label" htmlFor={`setting-${key}`}>
              {t(`staff.settings.${key}`)}
            </label>
            <div className="stepper">
              <button
                type="button"
                className="button button--ghost stepper__button"
                aria-label={`${t(`staff.settings.${key}`)}: ${t('staff.settings.less')}`}
                data-testid={`setting-${key}-less`}
                disabled={settings[key] <= min}
                onClick={() => step(-1)}
              >
                −
              </button>
              <input
                id={`setting-${key}`}
                className="field__input stepper__value"
                type="number"
                inputMode="numeric"
                min={min}
                max={max}
                data-testid={`setting-${key}`}
                value={settings[key]}
                onChange={(event) => staff.editSettings({ [key]: Number(event.target.value) })}
              />
              <button
                type="button"
                className="button button--ghost stepper__button"
                aria-label={`${t(`staff.settings.${key}`)}: ${t('staff.settings.more')}`}
                data-testid={`setting-${key}-more`}
                disabled={settings[key] >= max}
                onClick={() => step(1)}
              >
                +
              </button>
            </div>
          </div>
        )
      })}
      {settings.idleTimeoutSeconds < READING_SECONDS.idleTimeoutSeconds && (
        <p className="field__hint settings-warning" role="status" data-testid="settings-warning-idle">
          {t('staff.settings.warn.idle', { seconds: READING_SECONDS.idleTimeoutSeconds })}
        </p>
      )}
      {settings.resultSeconds < READING_SECONDS.resultSeconds && (
        <p className="field__hint settings-warning" role="status" data-testid="settings-warning-result">
          {t('staff.settings.warn.result', { seconds: READING_SECONDS.resultSeconds })}
        </p>
      )}
      <button type="submit" className="button button--primary" data-testid="save-settings">
        {t('staff.settings.save')}
      </button>
    </form>
  )
}
