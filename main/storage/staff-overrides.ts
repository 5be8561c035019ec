/**
 * What staff changed at this kiosk (a few journey settings, the Assure client id), on top of the config
 * file. Kept in electron-store in the app (main/shell/electron-store-backing.ts); anything that does not
 * validate is ignored with a warning rather than taking the kiosk down.
 */
import { z } from 'zod'
import { StaffJourneySettingsPatch, type JourneySettings, type StaffJourneySettings } from '../../preload/api'
import type { Logger } from '../log/logger'

export const StoredOverrides = z.strictObject({
  settings: StaffJourneySettingsPatch.default({}),
  clientId: z.string().min(1).max(256).optional(),
  /** The staff PIN's attempt counter (main/staff/pin-lockout-store.ts checks its HMAC). */
  pinLockout: z.unknown().optional()
})
export type StoredOverrides = z.infer<typeof StoredOverrides>

/** Where the overrides live: electron-store in the app (main/shell/electron-store-backing.ts), memory in tests. */
export interface OverridesBacking {
  read(): unknown
  write(value: StoredOverrides): void
}

export interface StaffOverrides {
  stored(): StoredOverrides
  updateSettings(patch: Partial<StaffJourneySettings>): StoredOverrides
  setClientId(clientId: string): void
  /** The staff PIN's attempt counter as stored (unchecked: its store checks it), and a new one. */
  pinLockout(): unknown
  setPinLockout(value: unknown): void
  /** The journey settings the renderer gets: the config's, with staff's changes applied. */
  journeySettings(base: JourneySettings): JourneySettings
}

export function createStaffOverrides(backing: OverridesBacking, log: Logger): StaffOverrides {
  const read = (): StoredOverrides => {
    const parsed = StoredOverrides.safeParse(backing.read() ?? {})
    if (parsed.success) return parsed.data
    log.warn('staff settings do not validate and are ignored', {
      issues: parsed.error.issues.map((issue) => issue.path.join('.'))
    })
    return { settings: {} }
  }
  return {
    stored: read,
    updateSettings(patch) {
      const next = { ...read(), settings: { ...read().settings, ...patch } }
      backing.write(next)
      return next
    },
    setClientId(clientId) {
      backing.write({ ...read(), clientId })
    },
    pinLockout: () => read().pinLockout,
    setPinLockout(pinLockout) {
      backing.write({ ...read(), pinLockout })
    },
    journeySettings(base) {
      const { settings } = read()
      const merged = { ...base, ...settings }
      // A staff default language the config no longer offers is not applied.
      if (!merged.languages.includes(merged.defaultLanguage)) merged.defaultLanguage = base.defaultLanguage
      return merged
    }
  }
}
