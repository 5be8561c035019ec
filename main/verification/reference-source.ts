/**
 * The reference photo a verification uses when no ticket names one: the photo staff chose at a staffed
 * desk (kept in memory only, never on disk), else demo mode's bundled photo, else none.
 */
import type { ImageBytes } from '../lib/images'

export interface ReferenceSource {
  current(): Promise<{ image: ImageBytes; source: 'staff-file' | 'demo' } | null>
  choose(image: ImageBytes): void
  clear(): void
  describe(): { source: 'staff-file' | 'demo' | 'none'; bytes: number }
}

export function createReferenceSource(options: { demo?: () => Promise<ImageBytes> }): ReferenceSource {
  let chosen: ImageBytes | null = null
  return {
    async current() {
      if (chosen) return { image: chosen, source: 'staff-file' }
      return options.demo ? { image: await options.demo(), source: 'demo' } : null
    },
    choose(image) {
      chosen = image
    },
    clear() {
      chosen = null
    },
    describe: () =>
      chosen
        ? { source: 'staff-file', bytes: chosen.bytes.length }
        : options.demo
          ? { source: 'demo', bytes: 0 }
          : { source: 'none', bytes: 0 }
  }
}
