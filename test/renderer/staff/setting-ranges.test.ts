/** The settings form's limits are the contract's: what the form allows, main accepts, and no more. */
import { describe, expect, it } from 'vitest'
import { StaffJourneySettings } from '../../../preload/api'
import { NUMERIC_SETTINGS, SETTING_RANGES } from '../../../renderer/src/staff/setting-ranges'

describe('the staff settings ranges', () => {
  it.each(NUMERIC_SETTINGS)('lets staff choose for %s exactly what main accepts', (setting) => {
    const { min, max } = SETTING_RANGES[setting]
    const schema = StaffJourneySettings.shape[setting]
    expect(min).toBeLessThan(max)
    expect(schema.safeParse(min).success).toBe(true)
    expect(schema.safeParse(max).success).toBe(true)
    expect(schema.safeParse(min - 1).success).toBe(false)
    expect(schema.safeParse(max + 1).success).toBe(false)
  })

  it('covers every number staff may change', () => {
    const numbers = Object.entries(StaffJourneySettings.shape)
      .filter(([, schema]) => schema.def.type === 'number')
      .map(([name]) => name)
    expect([...NUMERIC_SETTINGS].sort()).toEqual(numbers.sort())
  })
})
