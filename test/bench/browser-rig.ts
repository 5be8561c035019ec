/**
 * The end-to-end harness, set up for measuring: no screenshots or checks, and only warnings kept of
 * main's log (the tests keep every record, which would read as main's memory growing).
 */
import type { Page } from 'playwright-core'
import { startKioskHarness, type KioskHarness, type KioskHarnessOptions } from '../e2e/harness/kiosk-harness'

export function openKiosk(options: KioskHarnessOptions = {}): Promise<KioskHarness> {
  return startKioskHarness({ inspect: false, logLevel: 'warn', ...options })
}

/** The start time (ms since navigation) of the first performance entry (a User Timing mark, a paint) of that name, or null. */
export function markTime(page: Page, name: string): Promise<number | null> {
  return page.evaluate((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? null, name)
}

export async function waitForMark(page: Page, name: string, timeout = 30_000): Promise<number> {
  const handle = await page.waitForFunction((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? null, name, {
    timeout,
    polling: 20
  })
  return (await handle.jsonValue()) as number
}

export async function clickWhenEnabled(page: Page, testId: string): Promise<void> {
  const target = page.getByTestId(testId)
  await page.waitForFunction(
    (id) => {
      const element = document.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)
      return element !== null && !element.disabled
    },
    testId,
    { polling: 10, timeout: 30_000 }
  )
  await target.click()
}
