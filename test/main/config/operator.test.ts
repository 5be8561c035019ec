/**
 * The operator's branding and texts as main hands them to the renderer: the logo read and checked by
 * main (type by its bytes, size), the accent kept at WCAG AA contrast, the notice cut into paragraphs.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, parseConfig } from '../../../main/config/config'
import { accessibleAccent, contrastRatio, KIOSK_BACKGROUND } from '../../../main/config/contrast'
import { MAX_LOGO_BYTES, readOperatorSettings } from '../../../main/config/operator'
import { OperatorSettings } from '../../../preload/api'
import { logoPng } from '../../support/png'
import { tempDir } from '../../support/temp-dir'

describe('the accent colour', () => {
  it('keeps a colour that stands out, with the text that reads best on it', () => {
    const accent = accessibleAccent('#ffd23f')
    expect(accent).toEqual({ color: '#ffd23f', text: KIOSK_BACKGROUND, adjusted: false })
  })

  it.each(['#003366', '#000000', '#0b1f33', '#7a0019', '#0a6cff', '#1e7d32', '#fff', '#e30613', '#808080'])(
    'makes %s at least 3:1 on the background and its text at least 4.5:1 on it',
    (configured) => {
      const accent = accessibleAccent(configured)
      expect(contrastRatio(accent.color, KIOSK_BACKGROUND)).toBeGreaterThanOrEqual(3)
      expect(contrastRatio(accent.text, accent.color)).toBeGreaterThanOrEqual(4.5)
    }
  )

  it('lightens a dark brand colour only as far as needed, and says so', () => {
    const accent = accessibleAccent('#003366')
    expect(accent.adjusted).toBe(true)
    expect(accent.color).not.toBe('#003366')
    // One step less would not be enough: the colour is the first that passes, not white.
    expect(accent.color).not.toBe('#ffffff')
  })

  it('matches WCAG’s own figures', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
  })
})

describe('the operator settings main hands over', () => {
  it('default to the kiosk’s own branding and notice', async () => {
    const { settings, warnings } = await readOperatorSettings(parseConfig({}))
    expect(settings).toEqual({
      name: null,
      logo: null,
      accent: { color: '#ffd23f', text: '#0b1f33' },
      privacy: { notice: {}, moreInfoUrl: null, retentionDays: 30 },
      nextSteps: {}
    })
    expect(warnings).toEqual([])
    expect(() => OperatorSettings.parse(settings)).not.toThrow()
  })

  it('carry the name, the logo as a data: URL, the notice in paragraphs and the next steps, within the contract', async () => {
    const dir = await tempDir('operator')
    const logoFile = join(dir, 'logo.png')
    await writeFile(logoFile, logoPng())
    const { settings, warnings } = await readOperatorSettings(
      parseConfig({
        verification: { retentionDays: 14 },
        operator: {
          name: '  Nordvik Sparebank ',
          logoFile,
          accentColor: '#003366',
          privacyNotice: {
            text: { nb: 'Første avsnitt.\n\n  Andre avsnitt.\n \nTredje.' },
            moreInfoUrl: 'https://nordvik.example/personvern'
          },
          nextSteps: { accepted: { en: 'Please return to counter 3.' } }
        }
      })
    )
    expect(settings.name).toBe('Nordvik Sparebank')
    expect(settings.logo).toMatch(/^data:image\/png;base64,iVBORw0KGgo/)
    expect(settings.privacy).toEqual({
      notice: { nb: ['Første avsnitt.', 'Andre avsnitt.', 'Tredje.'] },
      moreInfoUrl: 'https://nordvik.example/personvern',
      retentionDays: 14
    })
    expect(settings.nextSteps).toEqual({ accepted: { en: 'Please return to counter 3.' } })
    expect(warnings).toEqual([expect.stringContaining('operator.accentColor #003366 is too dark')])
    expect(() => OperatorSettings.parse(settings)).not.toThrow()
  })

  it('refuse a logo that is not a PNG or JPEG by its bytes, or too large, naming the field', async () => {
    const dir = await tempDir('operator')
    const fake = join(dir, 'logo.png')
    await writeFile(fake, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    await expect(readOperatorSettings(parseConfig({ operator: { logoFile: fake } }))).rejects.toThrow(
      new ConfigError(`operator.logoFile ${fake} is neither a PNG nor a JPEG`)
    )
    const huge = join(dir, 'huge.png')
    await writeFile(huge, Buffer.concat([logoPng(), Buffer.alloc(MAX_LOGO_BYTES)]))
    await expect(readOperatorSettings(parseConfig({ operator: { logoFile: huge } }))).rejects.toThrow(
      /operator\.logoFile .* at most 262144 are allowed/
    )
    await expect(
      readOperatorSettings(parseConfig({ operator: { logoFile: join(dir, 'missing.png') } }))
    ).rejects.toThrow(/operator\.logoFile .*missing\.png cannot be read/)
  })

  it('are refused by the config schema when malformed, with the field named', () => {
    const refused = (operator: unknown): string => {
      try {
        parseConfig({ operator })
        return 'accepted'
      } catch (error) {
        return (error as Error).message
      }
    }
    expect(refused({ accentColor: 'blue' })).toMatch(/operator\.accentColor: must be a colour/)
    expect(refused({ logoFile: 'logo.png' })).toMatch(/operator\.logoFile: must be an absolute path/)
    expect(refused({ privacyNotice: { moreInfoUrl: 'http://insecure.example' } })).toMatch(
      /operator\.privacyNotice\.moreInfoUrl/
    )
    expect(refused({ privacyNotice: { text: { xx: 'Hi' } } })).toMatch(/operator\.privacyNotice\.text/)
    expect(refused({ privacyNotice: { text: { en: Array(9).fill('A paragraph.').join('\n\n') } } })).toMatch(
      /at most 8 paragraphs/
    )
    expect(refused({ nextSteps: { accepted: { en: 'x'.repeat(301) } } })).toMatch(/operator\.nextSteps\.accepted\.en/)
    expect(refused({ nextSteps: { sometimes: { en: 'Hi' } } })).toMatch(/operator\.nextSteps/)
    expect(refused({ colour: '#fff' })).toMatch(/unknown key "colour"/)
  })
})
