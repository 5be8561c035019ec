/** Steps of the kiosk journey as a person does them, for the end-to-end tests. */
import { expect } from 'vitest'
import type { KioskHarness } from './kiosk-harness'

/** The simulated SDK at a brisk but real pace: it still opens the camera and takes real frames. */
export const BRISK_FACETEC = { delays: { initMs: 50, readyMs: 150, captureMs: 700, resultMs: 150, retryMs: 150 } }

export async function clickWhenEnabled(kiosk: KioskHarness, testId: string): Promise<void> {
  const target = kiosk.page.getByTestId(testId)
  await expect.poll(() => target.isEnabled(), { timeout: 15_000 }).toBe(true)
  await target.click()
}

/** Attract -> consent (preparation runs) -> accept -> camera check -> the face check starts. */
export async function throughToLiveness(
  kiosk: KioskHarness,
  options: {
    faceTec?: Record<string, unknown>
    sessions?: Array<Record<string, unknown>>
    language?: string
    beforeCapture?: () => Promise<void>
  } = {}
): Promise<void> {
  const { page } = kiosk
  await kiosk.expectScreen('attract')
  if (options.language) {
    await page.getByTestId(`language-${options.language}`).click()
    await kiosk.expectScreen('attract')
  }
  await page.getByTestId('start').click()
  await kiosk.expectScreen('consent')
  await kiosk.scriptFaceTec(options.faceTec ?? BRISK_FACETEC, options.sessions)
  await expect.poll(() => page.getByTestId('preparation').getAttribute('data-state'), { timeout: 15_000 }).toBe('ready')
  await kiosk.expectScreen('consent')
  await page.getByTestId('accept').click()
  await kiosk.expectScreen('camera-check')
  await expect.poll(() => page.getByTestId('camera-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('live')
  await kiosk.expectScreen('camera-check')
  await options.beforeCapture?.()
  await page.getByTestId('camera-continue').click()
  // The FaceTec overlay appears a moment after the screen: the README's liveness screenshots are taken
  // where a test holds the overlay still (see the accepted journey), not here.
  await kiosk.expectScreen('liveness', false)
}

/** The one job the kiosk's engine knows about. */
export function onlyJob(kiosk: KioskHarness) {
  const [job, ...others] = kiosk.jobs.list()
  if (!job || others.length > 0) throw new Error(`expected one job, found ${kiosk.jobs.list().length}`)
  return job
}
