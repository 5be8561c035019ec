/**
 * What staff changed at this kiosk (a few journey settings, the Assure client id), on top of the config
 * file. Kept in electron-store in the app (main/shell/electron-settings.ts); anything that does not
 * validate is ignored with a warning rather than taking the kiosk down.
 */
import { z } from 'zod'
import { StaffSettingsPatch, type KioskSettings, type StaffSettings } from '../../preload/api'
import type { Logger } from '../log/logger'

export const RuntimeOverrides = z.strictObject({
  settings: StaffSettingsPatch.default({}),
  clientId: z.string().min(1).max(256).optional()
})
export type RuntimeOverrides = z.infer<typeof RuntimeOverrides>

/** Where the overrides live: electron-store in the app, memory in tests. */
export interface SettingsBacking {
  read(): unknown
  write(value: RuntimeOverrides): void
}

export function memoryBacking(initial: unknown = {}): SettingsBacking {
  let value = initial
  return { read: () => value, write: (next) => (value = next) }
}

export interface RuntimeSettings {
  overrides(): RuntimeOverrides
  updateSettings(patch: Partial<StaffSettings>): RuntimeOverrides
  setClientId(clientId: string): void
  /** The journey settings the renderer gets: the config's, with staff's changes applied. */
  kioskSettings(base: KioskSettings): KioskSettings
}

export function createRuntimeSettings(backing: SettingsBacking, log: Logger): RuntimeSettings {
  const read = (): RuntimeOverrides => {
    const parsed = RuntimeOverrides.safeParse(backing.read() ?? {})
    if (parsed.success) return parsed.data
    log.warn('staff settings do not validate and are ignored', {
      issues: parsed.error.issues.map((issue) => issue.path.join('.'))
    })
    return { settings: {} }
  }
  return {
    overrides: read,
    updateSettings(patch) {
      const next = { ...read(), settings: { ...read().settings, ...patch } }
      backing.write(next)
      return next
    },
    setClientId(clientId) {
      backing.write({ ...read(), clientId })
    },
    kioskSettings(base) {
      const { settings } = read()
      const merged = { ...base, ...settings }
      // A staff default language the config no longer offers is not applied.
      if (!merged.languages.includes(merged.defaultLanguage)) merged.defaultLanguage = base.defaultLanguage
      return merged
    }
  }
}
