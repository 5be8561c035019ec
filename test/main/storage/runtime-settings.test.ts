import { describe, expect, it } from 'vitest'
import { createLogger, memorySink } from '../../../main/log/logger'
import { createRuntimeSettings, memoryBacking } from '../../../main/storage/runtime-settings'
import type { KioskSettings } from '../../../preload/api'

const base: KioskSettings = {
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
    const settings = createRuntimeSettings(backing, createLogger({ sink: () => {} }))
    settings.updateSettings({ maxLivenessAttempts: 5, defaultLanguage: 'nb' })
    settings.setClientId('prod-round-apple-7')
    const again = createRuntimeSettings(backing, createLogger({ sink: () => {} }))
    expect(again.overrides()).toEqual({
      settings: { maxLivenessAttempts: 5, defaultLanguage: 'nb' },
      clientId: 'prod-round-apple-7'
    })
    expect(again.kioskSettings(base)).toMatchObject({
      maxLivenessAttempts: 5,
      defaultLanguage: 'nb',
      idleTimeoutSeconds: 60
    })
  })

  it('does not apply a default language the config no longer offers', () => {
    const settings = createRuntimeSettings(
      memoryBacking({ settings: { defaultLanguage: 'fi' } }),
      createLogger({ sink: () => {} })
    )
    expect(settings.kioskSettings(base).defaultLanguage).toBe('en')
  })

  it('ignores, with a warning, a stored value that does not validate', () => {
    const sink = memorySink()
    const settings = createRuntimeSettings(
      memoryBacking({ settings: { maxLivenessAttempts: 'lots' }, surprise: true }),
      createLogger({ sink })
    )
    expect(settings.kioskSettings(base)).toEqual(base)
    expect(sink.records.some((record) => record.level === 'warn')).toBe(true)
  })
})
