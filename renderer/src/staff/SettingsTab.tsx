import { dictionaries, LANGUAGES, useT, type Language } from '../i18n'
import { NUMERIC_SETTINGS, SETTING_RANGES } from './setting-ranges'
import { useStaff } from './staff-context'
import { useStaffStore } from './staff-store'

/** What staff may change at this kiosk, within the ranges the contract allows. */
export function SettingsTab() {
  const t = useT()
  const staff = useStaff()
  const settings = useStaffStore((state) => state.settings)
  if (!settings) return null
  return (
    <form
      className="form form--compact"
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
      {NUMERIC_SETTINGS.map((key) => (
        <label className="field" key={key}>
          <span className="field__label">{t(`staff.settings.${key}`)}</span>
          <input
            className="field__input"
            type="number"
            inputMode="numeric"
            min={SETTING_RANGES[key].min}
            max={SETTING_RANGES[key].max}
            data-testid={`setting-${key}`}
            value={settings[key]}
            onChange={(event) => staff.editSettings({ [key]: Number(event.target.value) })}
          />
        </label>
      ))}
      <button type="submit" className="button button--primary" data-testid="save-settings">
        {t('staff.settings.save')}
      </button>
    </form>
  )
}
