/**
 * The camera check screen shows live frames from the kiosk webcam. Chromium plays a fixture file as
 * the webcam; the test reads the video's pixels and finds the fixture's picture in them.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeChecked, FIXTURES, startKioskHarness, type KioskHarness } from './harness/kiosk-harness'
import { framesPresented, meanDifference, thumbnailOfImage, thumbnailOfVideo } from './harness/pixels'

describe('camera check', () => {
  let kiosk: KioskHarness

  beforeAll(async () => {
    kiosk = await startKioskHarness({ camera: { file: join(FIXTURES, 'webcam-face-still.mjpeg') } })
  })
  afterAll(async () => {
    if (kiosk) await closeChecked(kiosk)
  })

  it('shows live frames whose pixels are the fixture’s picture', async () => {
    const { page } = kiosk
    await kiosk.expectScreen('attract')
    await page.getByTestId('start').click()
    await page.getByTestId('accept').click()
    await expect.poll(() => page.getByTestId('camera-state').getAttribute('data-state')).toBe('live')
    await kiosk.expectScreen('camera-check')

    const video = page.getByTestId('camera-video')
    // Live: new frames keep arriving.
    await expect.poll(() => framesPresented(video, 5), { timeout: 10_000 }).toBeGreaterThanOrEqual(5)

    const shown = await thumbnailOfVideo(video)
    const face = await thumbnailOfImage(page, await readFile(join(FIXTURES, 'webcam-face-still.mjpeg')))
    const noFace = await thumbnailOfImage(page, await readFile(join(FIXTURES, 'webcam-no-face.mjpeg')))
    // Close to the fixture the camera plays (the fake device's YUV round trip shifts levels a little,
    // measured ~14/255), far from a different picture (measured ~104/255).
    expect(meanDifference(shown, face)).toBeLessThan(25)
    expect(meanDifference(shown, noFace)).toBeGreaterThan(60)
    await kiosk.screenshot('camera-check-en-portrait')
    expect(kiosk.pageErrors).toEqual([])
  })
})
