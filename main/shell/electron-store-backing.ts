/**
 * Where staff's overrides (main/storage/staff-overrides.ts) live in the app: electron-store (the
 * customer's choice for settings), a JSON file in userData, written atomically. A damaged file is moved aside and the kiosk carries on with the config file's
 * values, rather than refusing to start over a setting.
 */
import { renameSync } from 'node:fs'
import { join } from 'node:path'
import Store from 'electron-store'
import type { Logger } from '../log/logger'
import type { StoredOverrides, OverridesBacking } from '../storage/staff-overrides'

export function electronStoreBacking(options: { dir: string; log: Logger; now?: () => number }): OverridesBacking {
  const open = (): Store<StoredOverrides> =>
    new Store<StoredOverrides>({
      cwd: options.dir,
      name: 'staff-settings',
      clearInvalidConfig: false,
      // Staff's settings and the PIN attempt counter: for the kiosk's account only, like every file it writes.
      configFileMode: 0o600
    })
  let store: Store<StoredOverrides>
  try {
    store = open()
  } catch (error) {
    // Only a damaged file is set aside; anything else (no permission to the folder) is a real failure.
    if (!(error instanceof SyntaxError)) throw error
    const file = join(options.dir, 'staff-settings.json')
    const aside = `${file}.unreadable-${(options.now ?? Date.now)()}`
    renameSync(file, aside)
    options.log.error('staff settings could not be read; moved aside, config values apply', { error, movedTo: aside })
    store = open()
  }
  return {
    read: () => store.store,
    write: (value) => {
      store.store = value
    }
  }
}
