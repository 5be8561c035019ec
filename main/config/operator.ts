/**
 * The operator's branding and texts as the renderer gets them (`OperatorSettings` in the contract):
 * main reads the logo file itself, checks its type by its bytes and its size, and hands the picture
 * over as a data: URL, so the renderer never sees a path; the accent colour comes with a text colour
 * and AA contrast; the privacy notice is cut into paragraphs.
 */
import { readFile, stat } from 'node:fs/promises'
import type { OperatorSettings } from '../../preload/api'
import { sniffImageType } from '../lib/images'
import { ConfigError, paragraphsOf, type KioskConfig } from './config'
import { accessibleAccent } from './contrast'

/** Small enough to cross the bridge in every settings answer; a logo needs far less. */
export const MAX_LOGO_BYTES = 256 * 1024

export interface OperatorSettingsResult {
  settings: OperatorSettings
  /** What the operator may want to know (an accent lightened for contrast), for main's log. */
  warnings: string[]
}

export async function readOperatorSettings(config: KioskConfig): Promise<OperatorSettingsResult> {
  const { operator } = config
  const warnings: string[] = []
  const accent = accessibleAccent(operator.accentColor)
  if (accent.adjusted)
    warnings.push(
      `operator.accentColor ${operator.accentColor} is too dark on the kiosk's background; ${accent.color} is used instead`
    )
  const notice: OperatorSettings['privacy']['notice'] = {}
  for (const [language, text] of Object.entries(operator.privacyNotice.text) as Array<
    [keyof OperatorSettings['privacy']['notice'], string]
  >)
    notice[language] = paragraphsOf(text)
  return {
    settings: {
      name: operator.name ?? null,
      logo: operator.logoFile ? await readLogo(operator.logoFile) : null,
      accent: { color: accent.color, text: accent.text },
      privacy: {
        notice,
        moreInfoUrl: operator.privacyNotice.moreInfoUrl ?? null,
        retentionDays: Math.ceil(config.verification.retentionDays)
      },
      nextSteps: operator.nextSteps
    },
    warnings
  }
}

async function readLogo(path: string): Promise<string> {
  let size: number
  try {
    size = (await stat(path)).size
  } catch (error) {
    throw new ConfigError(`operator.logoFile ${path} cannot be read: ${(error as Error).message}`)
  }
  if (size > MAX_LOGO_BYTES)
    throw new ConfigError(`operator.logoFile ${path} is ${size} bytes; at most ${MAX_LOGO_BYTES} are allowed`)
  const bytes = new Uint8Array(await readFile(path))
  const type = sniffImageType(bytes)
  if (!type) throw new ConfigError(`operator.logoFile ${path} is neither a PNG nor a JPEG`)
  return `data:${type};base64,${Buffer.from(bytes).toString('base64')}`
}
