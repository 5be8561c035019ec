/**
 * The first vertical slice through all three processes: the attract screen shows what main's status
 * service reports (mode, version, kiosk id, connectivity), fetched and pushed through window.kiosk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventContract, invokeContract } from '../../preload/api'
import { closeChecked, startKioskHarness, type KioskHarness } from './harness/kiosk-harness'

describe('attract screen', () => {
  let kiosk: KioskHarness

  beforeAll(async () => {
    kiosk = await startKioskHarness({ kioskId: 'branch-042-kiosk-1' })
  })
  afterAll(async () => {
    if (kiosk) await closeChecked(kiosk)
  })

  it('shows the mode, version, kiosk id and connectivity that main reported', async () => {
    const { page, services } = kiosk
    await kiosk.expectScreen('attract')
    // The first probe of the Assure host answers; main pushes the change to the renderer.
    await expect.poll(() => services.status.getStatus().connectivity, { timeout: 10_000 }).toBe('online')
    await expect.poll(() => page.getByTestId('status-connectivity').getAttribute('data-state')).toBe('online')
    await kiosk.expectScreen('attract')

    const status = services.status.getStatus()
    expect(await page.getByTestId('status-mode').textContent()).toBe('DEMO')
    expect(await page.getByTestId('status-bar-mode').textContent()).toBe('DEMO')
    expect(await page.getByTestId('status-version').textContent()).toBe(`Version ${status.version}`)
    expect(await page.getByTestId('status-kiosk').textContent()).toBe('Kiosk branch-042-kiosk-1')
    expect(await page.getByTestId('status-connectivity').textContent()).toBe('Connected')
  })

  it('follows a connectivity change that main pushes', async () => {
    const { page, services } = kiosk
    services.connectivity.reportFailure('network')
    services.connectivity.reportFailure('network')
    await expect.poll(() => page.getByTestId('status-connectivity').getAttribute('data-state')).toBe('offline')
    expect(await page.getByTestId('status-connectivity').textContent()).toBe('No connection')
    // Offline on the attract screen means out of service, until the probes find Assure again.
    await kiosk.expectScreen('out-of-service', 'out-of-service-offline-en-portrait')
    await expect
      .poll(() => page.getByTestId('status-connectivity').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('online')
    await kiosk.expectScreen('attract')
  })

  it('answers the page through the real router, and refuses what the contract does not allow', async () => {
    const { page } = kiosk
    const answers = await page.evaluate(async () => {
      const api = window.kiosk as unknown as Record<string, (input?: unknown) => Promise<unknown>>
      return {
        status: await api.getStatus?.(),
        withArgument: await api.getStatus?.({ sneaky: true }),
        keys: Object.keys(window.kiosk).sort(),
        writable: Object.getOwnPropertyDescriptor(window, 'kiosk')?.writable
      }
    })
    expect(answers.status).toMatchObject({ ok: true, value: { mode: 'demo', kioskId: 'branch-042-kiosk-1' } })
    expect(answers.withArgument).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(answers.keys).toEqual([...Object.keys(invokeContract), ...Object.keys(eventContract)].sort())
    expect(answers.writable).toBe(false)
  })

  it('switches the language of every string on the screen', async () => {
    const { page } = kiosk
    await page.getByTestId('language-nb').click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Bekreft identiteten din')
    expect(await page.getAttribute('html', 'lang')).toBe('nb')
    await kiosk.expectScreen('attract')
    await page.getByTestId('language-en').click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Check your identity')
    expect(kiosk.pageErrors).toEqual([])
  })
})

describe('attract screen in live mode', () => {
  it('says Live in the status bar and shows no DEMO badge', async () => {
    const kiosk = await startKioskHarness({ mode: 'live' })
    try {
      await kiosk.expectScreen('attract', false)
      await expect.poll(() => kiosk.page.getByTestId('status-bar-mode').textContent()).toBe('Live')
      expect(await kiosk.page.getByTestId('status-bar-mode').getAttribute('data-mode')).toBe('live')
      expect(await kiosk.page.getByTestId('status-mode').count()).toBe(0)
    } finally {
      await closeChecked(kiosk)
    }
  })
})
