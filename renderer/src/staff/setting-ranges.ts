/**
 * The numbers staff may choose, read off the contract's schema that main checks them against, so the
 * form's limits and main's cannot drift apart. Reading the schema means importing the contract's zod
 * schemas at run time: only the staff screen, loaded when staff mode opens, imports this file, so zod
 * stays out of the JavaScript every visitor's kiosk loads first.
 */
import { StaffJourneySettings } from '../../../preload/api'

export const NUMERIC_SETTINGS = ['idleTimeoutSeconds', 'maxLivenessAttempts', 'resultSeconds'] as const
export type NumericSetting = (typeof NUMERIC_SETTINGS)[number]

export interface SettingRange {
  min: number
  max: number
}

function rangeOf(setting: NumericSetting): SettingRange {
  const { minValue, maxValue } = StaffJourneySettings.shape[setting]
  // The contract bounds every setting staff may change; a schema without bounds is a mistake there.
  if (minValue === null || maxValue === null || !Number.isFinite(minValue) || !Number.isFinite(maxValue))
    throw new Error(`The contract's StaffJourneySettings.${setting} has no range`)
  return { min: minValue, max: maxValue }
}

export const SETTING_RANGES = Object.fromEntries(
  NUMERIC_SETTINGS.map((setting) => [setting, rangeOf(setting)])
) as Record<NumericSetting, SettingRange>
