/**
 * Staff mode as a branch employee uses it (issue 19), end to end: the staffed desk's photo (thumbnail,
 * confirmed, used by one visit only), the queue (the visit's reference, local time, plain words with the
 * detail a tap away, discard only after a yes, search), today's numbers and the visitors sent to staff,
 * the closed switch, and a staff screen that locks itself when left alone; the tab bar stays put and
 * every tab fits without scrolling, in every language and both orientations.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../../main/log/logger'
import { createSecretStore } from '../../main/storage/secret-store'
import { STAFF_CHIME } from '../../renderer/src/audio/chime'
import { dictionaries, LANGUAGES } from '../../renderer/src/i18n'
import { captureFor } from '../support/engine'
import { memorySink } from '../support/log'
import { fakeSafeStorage } from '../support/safe-storage'
import { tempDir } from '../support/temp-dir'
import { BRISK_FACETEC, clickWhenEnabled } from './harness/journey'
import { LANDSCAPE, PORTRAIT, type KioskHarness } from './harness/kiosk-harness'
import { kioskPerTest } from './harness/kiosk-per-test'
import { expectStaffPanelFits, unlockStaff } from './harness/staff'

const en = dictionaries.en

const kiosks = kioskPerTest()

/** Start → consent → camera check (no screenshots: the README's come from the journey tests). */
async function toCameraCheck(k: KioskHarness): Promise<void> {
  await k.expectScreen('attract', false)
  await k.page.getByTestId('start').click()
  await k.expectScreen('consent', false)
  await k.scriptFaceTec(BRISK_FACETEC)
  await expect
    .poll(() => k.page.getByTestId('preparation').getAttribute('data-state'), { timeout: 15_000 })
    .toBe('ready')
  await k.page.getByTestId('accept').click()
  await k.expectScreen('camera-check', false)
}

/**
 * Records what the page plays through Web Audio: the pitches of the tones each AudioContext starts (the
 * kiosk's chimes are oscillators; Chromium here has no sound card to listen to).
 */
const RECORDING_AUDIO = `(() => {
  const played = []
  Object.defineProperty(window, '__played', { value: played })
  const Original = window.AudioContext
  class Recording extends Original {
    constructor(...args) {
      super(...args)
      this.__tones = []
      played.push(this.__tones)
    }
    createOscillator() {
      const tone = super.createOscillator()
      const start = tone.start.bind(tone)
      tone.start = (...args) => {
        this.__tones.push(tone.frequency.value)
        return start(...args)
      }
      return tone
    }
  }
  Object.defineProperty(window, 'AudioContext', { value: Recording, configurable: true, writable: true })
})()`

/** How many times the page played the staff chime (and not, say, the idle countdown's). */
async function staffChimes(k: KioskHarness): Promise<number> {
  const played = await k.page.evaluate(() => (window as unknown as { __played: number[][] }).__played)
  const staff = JSON.stringify(STAFF_CHIME.map(([frequency]) => frequency))
  return played.filter((tones) => JSON.stringify(tones) === staff).length
}

/** A live kiosk's secret store whose OS key store works (a stand-in for Electron's safeStorage). */
async function workingSecretStore() {
  return createSecretStore({
    file: join(await tempDir('kiosk-secret'), 'assure-client-secret.bin'),
    safeStorage: fakeSafeStorage().storage,
    allowPlaintextBackend: false,
    platform: 'linux',
    log: createLogger({ sink: memorySink() })
  })
}

describe('staff mode at a branch', () => {
  it('uses a staff photo for the next visitor only, after staff saw its thumbnail and confirmed it', async () => {
    const k = await kiosks.open()
    await unlockStaff(k)
    const step = k.page.getByTestId('photo-step')
    await k.page.getByTestId('choose-reference').click()
    await expect.poll(() => step.getAttribute('data-state')).toBe('chosen')
    // A thumbnail of the photo itself, not a byte count; not in use until confirmed.
    const thumb = k.page.getByTestId('photo-thumb')
    await expect.poll(() => thumb.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0)
    expect(await k.page.getByTestId('photo-state').innerText()).toBe(en['staff.photo.state.chosen'])
    await k.page.getByTestId('use-reference').click()
    await expect.poll(() => step.getAttribute('data-state')).toBe('ready')
    expect(await k.page.getByTestId('photo-state').innerText()).toMatch(
      /^Ready for the next visitor, until \d\d:\d\d\.$/
    )
    await k.tour('staff', 'staff-overview-photo')
    await expectStaffPanelFits(k)

    // Visitor A is told the photo came from staff, and is compared with it.
    await k.page.getByTestId('staff-lock').click()
    await toCameraCheck(k)
    expect(await k.page.getByTestId('staff-photo-note').innerText()).toBe(en['camera.staffPhoto'])
    await expect
      .poll(() => k.page.getByTestId('camera-state').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('live')
    await k.page.getByTestId('camera-continue').click()
    await k.expectScreen('result', false)
    const [first] = k.jobs.list()
    expect(first?.result).toBe('accepted')
    await k.page.getByTestId('finish').click()

    // Visitor B is not: the photo cleared itself once A's capture was handed over.
    await toCameraCheck(k)
    expect(await k.page.getByTestId('staff-photo-note').count()).toBe(0)
    await k.page.getByRole('button', { name: en['common.back'] }).click()
    await k.expectScreen('attract', false)
    await unlockStaff(k)
    await expect.poll(() => step.getAttribute('data-state')).toBe('none')
    await k.page.getByTestId('staff-tab-audit').click()
    const entries = k.page.getByTestId('audit-entries')
    await expect.poll(() => entries.innerText()).toContain('Reference photo no longer used: its visit used it')
    expect(await entries.innerText()).toContain(en['staff.audit.action.reference.confirmed'])
  })

  it('finds a visit by its reference, says its state plainly with the detail a tap away, and discards only after a yes', async () => {
    const k = await kiosks.open({ verification: { outbox: { baseDelayMs: 200, maxDelayMs: 1_000 } } })
    const { engine } = k.services
    const done = await engine.prepare()
    await engine.submitCapture(captureFor(done.jobId))
    await k.jobs.settled(done.jobId)
    k.sandbox.control.addFault({ endpoint: 'startVerification', fault: { kind: 'reset' } })
    const waiting = await engine.prepare()
    await engine.submitCapture(captureFor(waiting.jobId))
    await expect.poll(() => engine.get(waiting.jobId)?.phase).toBe('queued')

    await unlockStaff(k)
    await k.page.getByTestId('staff-tab-queue').click()
    const row = k.page.locator(`[data-testid="queue-row"][data-job="${waiting.jobId}"]`)
    await expect.poll(() => row.getAttribute('data-phase')).toBe('queued')
    // The visit's reference as the visitor's screen shows it, and the time day first on a 24-hour clock.
    const shown = `${waiting.visitReference.slice(0, 3)} ${waiting.visitReference.slice(3)}`
    expect(await row.getByTestId('queue-reference').innerText()).toBe(shown)
    expect(await row.locator('.queue__when').innerText()).toMatch(/^\d\d\/\d\d\/\d{4}, \d\d:\d\d$/)
    expect(await row.getByTestId('queue-state').innerText()).toBe(en['staff.queue.state.queued'])
    // The network error's code is there for whoever needs it, one tap away.
    expect(await row.innerText()).not.toMatch(/ECONNRESET|UND_ERR|socket/i)
    await row.getByText(en['staff.queue.more']).click()
    await expect.poll(() => row.innerText()).toContain('Last network error: ')
    await k.tour('staff', 'staff-queue-details')

    // Search by the reference, typed as a visitor reads it out (lower case, no space).
    await k.page.getByTestId('queue-find').fill(waiting.visitReference.toLowerCase())
    await expect.poll(() => k.page.getByTestId('queue-row').count()).toBe(1)
    await k.page.getByTestId('queue-find').fill('')

    // Discard asks first; "Keep it" keeps it.
    await row.getByTestId('discard').click()
    expect(await row.getByTestId('discard-confirm').innerText()).toContain(en['staff.queue.discard.confirm'])
    await k.tour('staff', 'staff-queue-discard')
    await row.getByTestId('discard-no').click()
    expect(await row.getAttribute('data-phase')).toBe('queued')
    expect(engine.get(waiting.jobId)?.phase).toBe('queued')
    await row.getByTestId('discard').click()
    await row.getByTestId('discard-yes').click()
    await expect.poll(() => row.getAttribute('data-phase')).toBe('cancelled')
    k.sandbox.control.clearFaults()
  })

  it("chimes when a visitor is sent to staff, and shows today's numbers and who waits until someone saw them", async () => {
    const k = await kiosks.open({
      journey: { maxLivenessAttempts: 1 },
      // The kiosk's config turns the chime on (it is off by default).
      staff: { chimeOnSentToStaff: true },
      initScripts: [RECORDING_AUDIO]
    })
    const { engine } = k.services
    const done = await engine.prepare()
    await engine.submitCapture(captureFor(done.jobId))
    await k.jobs.settled(done.jobId)
    // A visitor runs out of attempts and is sent to staff.
    await toCameraCheck(k)
    await k.scriptFaceTec(BRISK_FACETEC, [{ outcome: 'timeout' }])
    await clickWhenEnabled(k, 'camera-continue')
    await k.expectScreen('call-staff', false)
    await expect.poll(() => staffChimes(k)).toBe(1)
    await k.page.getByTestId('finish').click()

    await unlockStaff(k)
    const today = (name: string) => k.page.getByTestId(`today-${name}`).getAttribute('data-count')
    await expect.poll(() => today('visits')).toBe('2')
    expect(await today('accepted')).toBe('1')
    expect(await today('sentToStaff')).toBe('1')
    expect(await today('failed')).toBe('0')
    expect(await k.page.getByTestId('sent-to-staff').innerText()).toContain('Visitors sent to you: 1')
    // The FaceTec SDK and its last status (demo mode: the simulated SDK, so no update date).
    expect(await k.page.getByTestId('overview-sdk').innerText()).toBe(en['staff.overview.sdk.simulated'])
    expect(await k.page.getByTestId('overview-facetec').innerText()).toContain('9.7.27')
    await k.tour('staff', 'staff-overview-waiting')
    await expectStaffPanelFits(k)
    await k.page.getByTestId('sent-to-staff-seen').click()
    await expect.poll(() => k.page.getByTestId('sent-to-staff').count()).toBe(0)
    expect(await today('sentToStaff')).toBe('1')
    // One visitor sent, one chime: neither the end of the visit nor staff mode played it again.
    expect(await staffChimes(k)).toBe(1)
  })

  it('closes the kiosk to visitors until staff reopen it, in their language, audited', async () => {
    const k = await kiosks.open()
    await unlockStaff(k)
    await k.page.getByTestId('desk-toggle').click()
    await expect.poll(() => k.page.getByTestId('desk-state').getAttribute('data-closed')).toBe('true')
    await k.page.getByTestId('staff-lock').click()
    await k.expectScreen('closed', false)
    expect(await k.page.getByTestId('start').count()).toBe(0)
    await k.tour('closed')
    await k.page.getByTestId('language-nb').click()
    expect(await k.page.locator('h1').innerText()).toBe(dictionaries.nb['closed.title'])
    await k.page.getByTestId('language-en').click()

    // Staff still get in through the hidden entry, and reopening brings Start back at once.
    await unlockStaff(k, 'closed')
    await k.page.getByTestId('desk-toggle').click()
    await expect.poll(() => k.page.getByTestId('desk-state').getAttribute('data-closed')).toBe('false')
    await k.page.getByTestId('staff-tab-audit').click()
    const actions = () =>
      k.page
        .getByTestId('audit-entries')
        .locator('li')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-action')))
    await expect.poll(actions).toEqual(expect.arrayContaining(['kiosk.closed', 'kiosk.reopened']))
    await k.page.getByTestId('staff-lock').click()
    await k.expectScreen('attract', false)
  })

  it('keeps the tab bar in one place and every tab within the screen, in every language and orientation', async () => {
    const k = await kiosks.open()
    await unlockStaff(k)
    const tabBar = k.page.getByRole('tablist')
    const places: string[] = []
    for (const [orientation, size] of [
      ['portrait', PORTRAIT],
      ['landscape', LANDSCAPE]
    ] as const) {
      await k.page.setViewportSize(size)
      for (const language of LANGUAGES) {
        await k.page.getByTestId(`language-${language}`).click()
        for (const tab of ['overview', 'queue', 'diagnostics', 'settings', 'audit']) {
          await k.page.getByTestId(`staff-tab-${tab}`).click()
          await k.page.getByTestId(`staff-panel-${tab}`).waitFor()
          const box = await tabBar.boundingBox()
          places.push(`${orientation} ${language} ${tab}: ${JSON.stringify(box)}`)
          // One row of tabs, none cut off.
          const clipped = await tabBar
            .getByRole('tab')
            .evaluateAll((tabs) =>
              tabs.filter((tab) => tab.scrollWidth > tab.clientWidth + 1).map((tab) => tab.textContent)
            )
          expect(clipped, `${orientation} ${language} ${tab}`).toEqual([])
          const overflow = await k.page
            .locator('[role="tabpanel"]')
            .evaluate((panel) => panel.scrollHeight - panel.clientHeight)
          expect(overflow, `${orientation} ${language} ${tab}`).toBeLessThanOrEqual(1)
        }
      }
    }
    // Within an orientation, the tab bar is at the same place on every tab and in every language.
    for (const orientation of ['portrait', 'landscape']) {
      const boxes = new Set(
        places.filter((place) => place.startsWith(orientation)).map((place) => place.split(': ')[1])
      )
      expect(boxes.size, orientation).toBe(1)
    }
  })

  it('changes numbers with steppers held to the contract’s range, and warns when screens would end too soon', async () => {
    const k = await kiosks.open()
    await unlockStaff(k)
    await k.page.getByTestId('staff-tab-settings').click()
    const result = k.page.getByTestId('setting-resultSeconds')
    await expect.poll(() => result.inputValue()).toBe('30')
    expect(await k.page.getByTestId('settings-warning-result').count()).toBe(0)
    for (let tap = 0; tap < 3; tap++) await k.page.getByTestId('setting-resultSeconds-less').click()
    expect(await result.inputValue()).toBe('15')
    expect(await k.page.getByTestId('settings-warning-result').count()).toBe(0)
    await k.page.getByTestId('setting-resultSeconds-less').click()
    expect(await k.page.getByTestId('settings-warning-result').innerText()).toBe(
      'A result shown for under 15 s ends before many people have read it.'
    )
    // The floor is the contract's: the stepper stops there.
    await k.page.getByTestId('setting-resultSeconds-less').click()
    expect(await result.inputValue()).toBe('5')
    expect(await k.page.getByTestId('setting-resultSeconds-less').isDisabled()).toBe(true)
    for (let tap = 0; tap < 4; tap++) await k.page.getByTestId('setting-idleTimeoutSeconds-less').click()
    expect(await k.page.getByTestId('settings-warning-idle').count()).toBe(1)
    await k.tour('staff', 'staff-settings-warning')
    for (const size of [PORTRAIT, LANDSCAPE]) {
      await k.page.setViewportSize(size)
      for (const language of LANGUAGES) {
        await k.page.getByTestId(`language-${language}`).click()
        const overflow = await k.page
          .locator('[role="tabpanel"]')
          .evaluate((panel) => panel.scrollHeight - panel.clientHeight)
        expect(overflow, `${language} ${size.width}x${size.height}`).toBeLessThanOrEqual(1)
      }
    }
    await k.page.getByTestId('language-en').click()
    await k.page.getByTestId('save-settings').click()
    await expect.poll(() => k.page.getByTestId('staff-notice').textContent()).toBe('Settings saved.')
  })

  it('takes the Assure credentials IT copied from a USB stick into the provisioning folder, and deletes the file', async () => {
    const secrets = await workingSecretStore()
    const k = await kiosks.open({
      mode: 'live',
      secrets,
      provisioning: JSON.stringify({ clientId: 'prod-branch-7', clientSecret: 'Zx9-from-the-stick' })
    })
    expect(await secrets.read()).toBe('Zx9-from-the-stick')
    expect(existsSync(join(k.dataDir, 'provisioning', 'assure-credentials.json'))).toBe(false)
    expect(JSON.stringify(k.logs)).not.toContain('Zx9-from-the-stick')
    // Staff mode shows it stored, with the file's client id, without anyone typing on the kiosk.
    await unlockStaff(k)
    await k.page.getByTestId('credentials-more').locator('summary').click()
    expect(await k.page.getByTestId('secret-state').innerText()).toContain(en['staff.credentials.stored'])
    expect(await k.page.getByTestId('client-id').inputValue()).toBe('prod-branch-7')
  })

  it('refuses a provisioning file that is not the expected JSON, and starts with what it had', async () => {
    const secrets = await workingSecretStore()
    await secrets.set('the-earlier-secret')
    const k = await kiosks.open({ mode: 'live', secrets, provisioning: '{ "clientSecret": ' })
    expect(await secrets.read()).toBe('the-earlier-secret')
    expect(k.logs).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'the provisioning file is refused and deleted; write a new one',
        fields: expect.objectContaining({ reason: 'not JSON' })
      })
    )
    expect(existsSync(join(k.dataDir, 'provisioning', 'assure-credentials.json'))).toBe(false)
    await unlockStaff(k)
    await k.page.getByTestId('credentials-more').locator('summary').click()
    expect(await k.page.getByTestId('secret-state').innerText()).toContain(en['staff.credentials.stored'])
  })

  it('takes the Assure client id and secret typed on the on-screen keyboard alone, which fits the screen', async () => {
    const secrets = await workingSecretStore()
    const k = await kiosks.open({ mode: 'live', secrets })
    await unlockStaff(k)
    await k.page.getByTestId('credentials-more').locator('summary').click()
    const tap = async (text: string) => {
      for (const character of text) {
        // Capitals by Shift, as on a phone; nothing here comes from a physical keyboard.
        if (character !== character.toLowerCase()) await k.page.getByTestId('key-shift').click()
        await k.page.getByTestId(`key-${character.toLowerCase()}`).click()
      }
    }
    expect(await k.page.getByTestId('keyboard-target').innerText()).toBe('Typing into: Client id')
    await k.page.getByTestId('key-clear').click()
    await tap('Branch-7.kiosk_A~1')
    await k.page.getByTestId('client-secret').click()
    await tap('zQ9-x_y.Z~42')
    await k.page.getByTestId('key-backspace').click()
    expect(await k.page.getByTestId('client-id').inputValue()).toBe('Branch-7.kiosk_A~1')
    expect(await k.page.getByTestId('client-secret').inputValue()).toBe('zQ9-x_y.Z~4')

    // Every key within the panel, which does not scroll, in every language and both orientations.
    await k.tour('staff', 'staff-credentials')
    const outside: string[] = []
    for (const [orientation, size] of [
      ['portrait', PORTRAIT],
      ['landscape', LANDSCAPE]
    ] as const) {
      await k.page.setViewportSize(size)
      for (const language of LANGUAGES) {
        await k.page.getByTestId(`language-${language}`).click()
        const problems = await k.page.locator('[role="tabpanel"]').evaluate((panel) => {
          const box = panel.getBoundingClientRect()
          const keys = [...panel.querySelectorAll('[data-testid="keyboard"] button, [data-testid="save-credentials"]')]
          return [
            ...(panel.scrollHeight - panel.clientHeight > 1 ? ['the panel scrolls'] : []),
            ...keys
              .filter((key) => {
                const at = key.getBoundingClientRect()
                return at.top < box.top || at.bottom > box.bottom || at.left < box.left || at.right > box.right
              })
              .map((key) => `${key.textContent} is outside the panel`)
          ]
        })
        for (const problem of problems) outside.push(`${orientation} ${language}: ${problem}`)
      }
    }
    expect(outside).toEqual([])
    await k.page.getByTestId('language-en').click()

    await k.page.getByTestId('save-credentials').click()
    await expect.poll(() => k.page.getByTestId('staff-notice').textContent()).toBe(en['staff.credentials.saved'])
    expect(await secrets.read()).toBe('zQ9-x_y.Z~4')
    expect(await k.page.getByTestId('client-secret').inputValue()).toBe('')
    // Closed and opened again, the form shows the client id main now uses.
    await k.page.getByTestId('credentials-more').locator('summary').click()
    await k.page.getByTestId('credentials-more').locator('summary').click()
    expect(await k.page.getByTestId('client-id').inputValue()).toBe('Branch-7.kiosk_A~1')
    expect(await k.page.getByTestId('secret-state').innerText()).toContain(en['staff.credentials.stored'])
  })

  it('locks a staff screen left alone: a countdown, then back to the attract screen', async () => {
    const k = await kiosks.open({ journey: { idleTimeoutSeconds: 2, idleCountdownSeconds: 2 } })
    await unlockStaff(k)
    // Left alone, the unlocked staff screen counts down and locks itself, back to the attract screen.
    await k.page.getByTestId('idle-banner').waitFor({ state: 'visible', timeout: 20_000 })
    await k.expectScreen('attract', false)
    expect(await k.page.evaluate(async () => window.kiosk.listJobs({}))).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' }
    })
  })
})
