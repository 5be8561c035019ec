/**
 * Staff mode from the outside, as a branch employee reaches it: the hidden key chord, the PIN pad, and
 * the panel that must fit the screen.
 */
import { expect } from 'vitest'
import { LANGUAGES } from '../../../renderer/src/i18n'
import { LANDSCAPE, PORTRAIT, STAFF_PIN, type KioskHarness } from './kiosk-harness'

/** Taps `pin` on the PIN pad and unlock. */
export async function typePin(k: KioskHarness, pin: string): Promise<void> {
  for (const digit of pin) await k.page.getByTestId(`pin-${digit}`).click()
  await k.page.getByTestId('pin-unlock').click()
}

/** The hidden key chord and the PIN, from `from` (the kiosk listens for the chord once it shows a screen). */
export async function unlockStaff(k: KioskHarness, from = 'attract'): Promise<void> {
  await k.expectScreen(from, false)
  await k.page.keyboard.press('Control+Alt+KeyS')
  await k.expectScreen('staff-pin', false)
  await typePin(k, STAFF_PIN)
  await k.expectScreen('staff', false)
}

/**
 * The staff panel hides what overflows it (the kiosk never scrolls): nothing of it may be cut off, in
 * any language (some words are longer) and either orientation, with what it shows at that moment.
 */
export async function expectStaffPanelFits(k: KioskHarness): Promise<void> {
  const panel = k.page.locator('[role="tabpanel"]')
  const cutOff: string[] = []
  for (const language of LANGUAGES) {
    await k.page.getByTestId(`language-${language}`).click()
    for (const [orientation, size] of [
      ['landscape', LANDSCAPE],
      ['portrait', PORTRAIT]
    ] as const) {
      await k.page.setViewportSize(size)
      const overflow = await panel.evaluate((element) => element.scrollHeight - element.clientHeight)
      if (overflow > 1) cutOff.push(`${language} ${orientation}: ${overflow} px`)
    }
  }
  await k.page.getByTestId('language-en').click()
  expect(cutOff).toEqual([])
}
