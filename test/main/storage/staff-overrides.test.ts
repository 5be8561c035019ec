import { describe, expect, it } from 'vitest'
import { createLogger } from '../../../main/log/logger'
import { memorySink } from '../../support/log'
import { createStaffOverrides } from '../../../main/storage/staff-overrides'
import { memoryBacking } from '../../support/memory-backing'
import type { JourneySettings } from '../../../preload/api'

const base: JourneySettings = {
  languages: ['en', 'nb'],
  defaultLanguage: 'en',
  idleTimeoutSeconds: 60,
  idleCountdownSeconds: 15,
  maxLivenessAttempts: 3,
  referenceSource: 'configured',
  resultSeconds: 30,
  prepareAhead: true,
  sdk: { baseUrl: '/facetec-sdk/', simulated: true },
  processingHandOverSeconds: 45,
  operator: {
    name: null,
    logo: null,
    accent: { color: '#ffd23f', text: '#0b1f33' },
    privacy: { notice: {}, moreInfoUrl: null, retentionDays: 30 },
    nextSteps: {}
  }
}

describe('staff’s runtime settings', () => {
  it('apply on top of the config’s journey settings and persist', () => {
    const backing = memoryBacking()
    const settings = createStaffOverrides(backing, createLogger({ sink: () => {} }))
    settings.updateSettings({ maxLivenessAttempts: 5, defaultLanguage: 'nb' })
    settings.setClientId('prod-round-apple-7')
    const again = createStaffOverrides(backing, createLogger({ sink: () => {} }))
    expect(again.stored()).toEqual({
      settings: { maxLivenessAttempts: 5, defaultLanguage: 'nb' },
      clientId: 'prod-round-apple-7'
    })
    expect(again.journeySettings(base)).toMatchObject({
      maxLivenessAttempts: 5,
      defaultLanguage: 'nb',
      idleTimeoutSeconds: 60
    })
  })

  it('does not apply a default language the config no longer offers', () => {
    const settings = createStaffOverrides(
      memoryBacking({ settings: { defaultLanguage: 'fi' } }),
      createLogger({ sink: () => {} })
    )
    expect(settings.journeySettings(base).defaultLanguage).toBe('en')
  })

  it('ignores, with a warning, a stored value that does not validate', () => {
    const sink = memorySink()
    const settings = createStaffOverrides(
      memoryBacking({ settings: { maxLivenessAttempts: 'lots' }, surprise: true }),
      createLogger({ sink })
    )
    expect(settings.journeySettings(base)).toEqual(base)
    expect(sink.records.some((record) => record.level === 'warn')).toBe(true)
  })
})
