import { afterEach } from 'vitest'
import { closeChecked, startKioskHarness, type KioskHarness, type KioskHarnessOptions } from './kiosk-harness'

/**
 * One kiosk per test: `open` starts it, and after the test it is closed and checked (axe-core, layout,
 * page errors; see closeChecked), then whatever the test started beside it (`alsoStop`: its own
 * sandbox, a temporary folder) is stopped, even when the checks fail.
 */
export function kioskPerTest(): {
  open(options?: KioskHarnessOptions): Promise<KioskHarness>
  alsoStop(thing: { close(): Promise<void> }): void
} {
  let kiosk: KioskHarness | null = null
  const besides: Array<{ close(): Promise<void> }> = []
  afterEach(async () => {
    const closing = kiosk
    kiosk = null
    try {
      if (closing) await closeChecked(closing)
    } finally {
      for (const thing of besides.splice(0)) await thing.close()
    }
  })
  return {
    async open(options = {}) {
      kiosk = await startKioskHarness(options)
      return kiosk
    },
    alsoStop: (thing) => void besides.push(thing)
  }
}
