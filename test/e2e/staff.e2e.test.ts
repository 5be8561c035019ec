/**
 * Staff mode end to end: the hidden entry, the PIN pad, the kiosk's overview, its queue with a result
 * export through main's save dialog, diagnostics with the camera, settings that change the journey,
 * and the audit log. Main's file dialogs are answered by the harness; everything else is real.
 */
import { readFile } from 'node:fs/promises'
import { unzipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { dictionaries } from '../../renderer/src/i18n'
import { BRISK_FACETEC, clickWhenEnabled, throughToLiveness } from './harness/journey'
import { STAFF_PIN, startKioskHarness, type KioskHarness } from './harness/kiosk-harness'

let kiosk: KioskHarness | null = null
afterEach(async () => {
  if (!kiosk) return
  const { accessibility, layout, pageErrors } = kiosk
  await kiosk.close()
  kiosk = null
  expect(accessibility).toEqual([])
  expect(layout).toEqual([])
  expect(pageErrors).toEqual([])
})

async function typePin(k: KioskHarness, pin: string): Promise<void> {
  for (const digit of pin) await k.page.getByTestId(`pin-${digit}`).click()
  await k.page.getByTestId('pin-unlock').click()
}

describe('staff mode', () => {
  it('is reached by the hidden gesture, and refuses a wrong PIN with the attempts left', async () => {
    const k = (kiosk = await startKioskHarness())
    await k.expectScreen('attract')
    const { width } = k.page.viewportSize() ?? { width: 1080 }
    for (let tap = 0; tap < 5; tap++) await k.page.mouse.click(width - 20, 20)
    await k.expectScreen('staff-pin')
    await typePin(k, '111111')
    await expect.poll(() => k.page.getByTestId('pin-message').textContent()).toBe('Wrong PIN. Attempts left: 4')
    await k.tour('staff-pin')
    await k.page.getByRole('button', { name: dictionaries.en['common.back'] }).click()
    await k.expectScreen('attract')
  })

  it('shows the kiosk, exports a result, runs diagnostics, changes settings, and keeps an audit log', async () => {
    const k = (kiosk = await startKioskHarness())
    // One verification, so the queue has a result to export.
    await throughToLiveness(k)
    await k.expectScreen('result')
    await k.page.getByTestId('finish').click()
    await k.expectScreen('attract')

    await k.page.keyboard.press('Control+Alt+KeyS')
    await k.expectScreen('staff-pin')
    await typePin(k, STAFF_PIN)
    await k.expectScreen('staff', 'staff-overview-en-portrait')
    const panel = k.page.locator('[role="tabpanel"]')
    await expect.poll(() => panel.innerText()).toContain('e2e-kiosk')
    expect(await panel.innerText()).toContain('Simulated (demo mode)')
    await k.tour('staff', 'staff-overview')

    // A reference photo chosen from a file (main's open dialog answers with the fixture).
    await k.page.getByTestId('choose-reference').click()
    await expect.poll(() => panel.innerText()).toContain('Chosen by staff')

    // The queue: the finished verification, its result saved through main's save dialog.
    await k.page.getByTestId('staff-tab-queue').click()
    await expect.poll(() => k.page.getByTestId('queue-row').first().getAttribute('data-phase')).toBe('completed')
    await k.expectScreen('staff', 'staff-queue-en-portrait')
    await k.page.getByTestId('export-result').click()
    await expect.poll(() => k.page.getByTestId('staff-notice').textContent()).toMatch(/^Saved as assure-result-.+\.zip\.$/)
    const zip = unzipSync(new Uint8Array(await readFile(k.savedFiles[0] ?? '')))
    expect(Object.keys(zip)).toContain('facetec/auditTrailImage.jpg')

    // Diagnostics: Assure, a fresh token, the SDK folder, and the camera with a live picture.
    await k.page.getByTestId('staff-tab-diagnostics').click()
    await k.page.getByTestId('run-diagnostics').click()
    for (const check of ['assure', 'token', 'sdk']) await expect.poll(() => k.page.getByTestId(`diagnostic-${check}`).getAttribute('data-ok')).toBe('true')
    await expect.poll(() => k.page.getByTestId('diagnostic-camera').getAttribute('data-state')).toBe('live')
    await k.expectScreen('staff', 'staff-diagnostics-en-portrait')

    // Settings: one fewer face-check attempt from now on.
    await k.page.getByTestId('staff-tab-settings').click()
    await k.page.getByTestId('setting-maxLivenessAttempts').fill('2')
    await k.page.getByTestId('save-settings').click()
    await expect.poll(() => k.page.getByTestId('staff-notice').textContent()).toBe('Settings saved.')
    await k.expectScreen('staff', 'staff-settings-en-portrait')

    // The audit log says who did what, without personal data, and can be saved.
    await k.page.getByTestId('staff-tab-audit').click()
    const entries = k.page.getByTestId('audit-entries')
    await expect.poll(() => entries.innerText()).toContain('settings.changed')
    const actions = await entries.locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-action')))
    expect(actions).toEqual(expect.arrayContaining(['staff.unlocked', 'reference.chosen', 'result.exported', 'diagnostics.run', 'settings.changed']))
    await k.expectScreen('staff', 'staff-audit-en-portrait')
    await k.page.getByTestId('export-audit').click()
    await expect.poll(() => k.savedFiles.length).toBe(2)
    expect(await readFile(k.savedFiles[1] ?? '', 'utf8')).toContain('"action":"staff.unlocked"')

    // Locking returns to the kiosk, which now allows two attempts.
    await k.page.getByTestId('staff-lock').click()
    await k.expectScreen('attract')
    await k.page.getByTestId('start').click()
    await k.scriptFaceTec(BRISK_FACETEC, [{ outcome: 'timeout' }])
    await clickWhenEnabled(k, 'accept')
    await clickWhenEnabled(k, 'camera-continue')
    await k.expectScreen('retry')
    expect(await k.page.getByTestId('attempts-left').textContent()).toBe('Attempts left: 1')
    // And a locked staff mode answers nothing.
    expect(await k.page.evaluate(async () => window.kiosk.listJobs())).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
  })
})
