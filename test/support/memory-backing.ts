/** Staff's overrides kept in memory, where the app keeps them in electron-store. */
import type { OverridesBacking } from '../../main/storage/staff-overrides'

export function memoryBacking(initial: unknown = {}): OverridesBacking {
  let value = initial
  return { read: () => value, write: (next) => (value = next) }
}
