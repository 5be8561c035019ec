/**
 * A visit as the person at the kiosk lives it (issue 18), end to end in Chromium: the ticket read by
 * a keyboard-wedge scanner and by the kiosk camera, a slow result handed over with the visit's
 * reference (which staff then find), audio guidance speaking every screen and the countdown, and
 * every screen of the journey in all five languages and both orientations.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox } from '../../main/sandbox/server'
import { dictionaries } from '../../renderer/src/i18n'
import { formatTicket } from '../../renderer/src/journey/ticket'
import { idDocumentCheck, otherPhoto, referencePhoto } from '../support/assure'
import { logoPng } from '../support/png'
import { qrRaster, y4mOf } from '../support/qr'
import { BRISK_FACETEC, clickWhenEnabled, onlyJob, throughToLiveness } from './harness/journey'
import {
  closeChecked,
  LANDSCAPE,
  PORTRAIT,
  startKioskHarness,
  STAFF_PIN,
  type KioskHarness,
  type KioskHarnessOptions
} from './harness/kiosk-harness'

let kiosk: KioskHarness | null = null
async function open(options: KioskHarnessOptions = {}): Promise<KioskHarness> {
  kiosk = await startKioskHarness(options)
  return kiosk
}
const alsoStop: Array<{ close(): Promise<void> }> = []
afterEach(async () => {
  const closing = kiosk
  kiosk = null
  try {
    if (closing) await closeChecked(closing)
  } finally {
    for (const thing of alsoStop.splice(0)) await thing.close()
  }
})

describe('the ticket', () => {
  it('is filled by a keyboard-wedge scanner (it types, then presses Enter) without a touch', async () => {
    const sandbox = await startSandbox({ behaviour: { processingDelayMs: 300 } })
    alsoStop.push(sandbox)
    const earlier = await idDocumentCheck(sandbox, { portrait: referencePhoto, front: otherPhoto })
    // The screens on the way are checked by the journey's tests: here only what the scanner does.
    const k = await open({ sandbox, journey: { referenceSource: 'ticket' }, inspect: false })
    await k.expectScreen('attract')
    await k.page.getByTestId('start').click()
    await k.scriptFaceTec(BRISK_FACETEC)
    await clickWhenEnabled(k, 'accept')
    await k.expectScreen('reference', false)
    // The field has the focus from the start: the scanner's keystrokes land in it.
    expect(await k.page.getByTestId('ticket').evaluate((field) => field === document.activeElement)).toBe(true)
    await k.page.keyboard.type(formatTicket({ dossierId: earlier.dossierId, processId: earlier.processId }))
    await k.page.keyboard.press('Enter')
    await k.expectScreen('camera-check', false)
    expect(k.sandbox.control.dossierIds()).toEqual([earlier.dossierId])
  })

  it('is typed on the on-screen keypad, hex digits only', async () => {
    const sandbox = await startSandbox({ behaviour: { processingDelayMs: 300 } })
    alsoStop.push(sandbox)
    const earlier = await idDocumentCheck(sandbox, { portrait: referencePhoto, front: otherPhoto })
    const k = await open({ sandbox, journey: { referenceSource: 'ticket' }, viewport: LANDSCAPE, inspect: false })
    await k.expectScreen('attract')
    await k.page.getByTestId('start').click()
    await clickWhenEnabled(k, 'accept')
    await k.expectScreen('reference', false)
    await k.page.getByTestId('ticket-mode').click()
    await k.page.getByTestId('ticket-keypad').waitFor()
    for (const key of `${earlier.dossierId}${earlier.processId}`.replaceAll('-', '')) {
      await k.page.getByTestId(`ticket-key-${key}`).click()
    }
    expect(await k.page.getByTestId('ticket').inputValue()).toBe(`${earlier.dossierId} ${earlier.processId}`)
    await k.tour('reference', 'reference-keypad')
    await k.page.getByTestId('ticket-continue').click()
    await k.expectScreen('camera-check', false)
    expect(k.sandbox.control.dossierIds()).toEqual([earlier.dossierId])
  })

  it('is read from a QR code held up to the kiosk camera', async () => {
    const sandbox = await startSandbox({ behaviour: { processingDelayMs: 300 } })
    alsoStop.push(sandbox)
    const earlier = await idDocumentCheck(sandbox, { portrait: referencePhoto, front: otherPhoto })
    // The camera sees the ticket's QR code (a phone's screen held up to it): Chromium plays it as the webcam.
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-qr-'))
    alsoStop.push({ close: () => rm(dir, { recursive: true, force: true }) })
    const video = join(dir, 'ticket-qr.y4m')
    const text = formatTicket({ dossierId: earlier.dossierId, processId: earlier.processId })
    await writeFile(video, y4mOf(qrRaster(text, { scale: 4, width: 640, height: 480 })))
    const k = await open({ sandbox, camera: { file: video }, journey: { referenceSource: 'ticket' } })
    await k.expectScreen('attract')
    await k.page.getByTestId('start').click()
    await clickWhenEnabled(k, 'accept')
    await k.expectScreen('reference', false)
    // Nothing typed, nothing touched: the code is read from the picture.
    await k.expectScreen('camera-check', false)
    expect(k.sandbox.control.dossierIds()).toEqual([earlier.dossierId])
  })
})

describe('a slow result', () => {
  it('says "still checking", then hands the person over with their reference', async () => {
    // The screens on the way are checked elsewhere: the tour below checks the hand-over's screen.
    const k = await open({ journey: { processingHandOverSeconds: 5, resultSeconds: 600 }, inspect: false })
    // Assure takes far longer than anyone should stand waiting.
    k.sandbox.control.configure({ processingDelayMs: 120_000 })
    await throughToLiveness(k)
    await k.expectScreen('processing', false)
    await expect
      .poll(() => k.page.getByTestId('processing-stage').getAttribute('data-stage'), { timeout: 20_000 })
      .toBe('still')
    expect(await k.page.locator('h1').textContent()).toBe(dictionaries.en['processing.stillTitle'])
    // The language is fixed while the result is awaited (no language bar): both orientations, in English.
    await k.screenshot('processing-still-en-portrait')
    await k.page.setViewportSize(LANDSCAPE)
    await k.screenshot('processing-still-en-landscape')
    await k.page.setViewportSize(PORTRAIT)
    await k.expectScreen('queued', false)
    expect(await k.page.getByTestId('queued-reason').getAttribute('data-reason')).toBe('slow')
    const job = onlyJob(k)
    expect(job.phase).not.toBe('completed')
    const reference = await k.page.getByTestId('visit-reference').getAttribute('data-reference')
    expect(reference).toMatch(/^[A-Z0-9]{6}$/)
    expect(reference).toBe(job.visitReference)
    await k.tour('queued', 'queued-slow')
  })

  it('is findable by staff with the reference the visitor shows them', async () => {
    const k = await open({ journey: { processingHandOverSeconds: 5, resultSeconds: 600 }, inspect: false })
    k.sandbox.control.configure({ processingDelayMs: 120_000 })
    await throughToLiveness(k)
    await k.expectScreen('queued', false)
    const reference = await k.page.getByTestId('visit-reference').getAttribute('data-reference')
    expect(reference).toBe(onlyJob(k).visitReference)

    // At the desk, staff type the reference the visitor shows them and find the visit.
    await k.page.keyboard.press('Control+Alt+KeyS')
    await k.expectScreen('staff-pin', false)
    for (const digit of STAFF_PIN) await k.page.getByTestId(`pin-${digit}`).click()
    await k.page.getByTestId('pin-unlock').click()
    await k.expectScreen('staff', false)
    await k.page.getByTestId('staff-tab-queue').click()
    // Typed as a person copies it from the visitor's screen: any case, with its space.
    await k.page.getByTestId('queue-find').fill(`${reference?.slice(0, 3)} ${reference?.slice(3)}`.toLowerCase())
    await expect.poll(() => k.page.getByTestId('queue-row').count(), { timeout: 10_000 }).toBe(1)
    expect((await k.page.getByTestId('queue-reference').innerText()).replace(/\s/g, '')).toBe(reference)
    await k.page.getByTestId('queue-find').fill('XXXXXX')
    await expect.poll(() => k.page.getByTestId('queue-row').count()).toBe(0)
  })
})

/** A speech engine that records what the kiosk asks it to say (Chromium's own has no voices here). */
const RECORDING_SPEECH = `(() => {
  const spoken = []
  const voices = ['en-GB', 'nb-NO', 'sv-SE', 'da-DK', 'fi-FI'].map((lang) => ({
    lang, name: lang, voiceURI: lang, localService: true, default: false
  }))
  class Utterance {
    constructor(text) { this.text = text; this.lang = ''; this.voice = null; this.rate = 1 }
  }
  Object.defineProperty(window, '__spoken', { value: spoken })
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true, writable: true })
  Object.defineProperty(window, 'speechSynthesis', {
    configurable: true,
    value: {
      getVoices: () => voices,
      speak: (utterance) => spoken.push({ text: utterance.text, lang: utterance.lang }),
      cancel: () => {},
      addEventListener: () => {},
      removeEventListener: () => {}
    }
  })
})()`

describe('audio guidance', () => {
  it('speaks every screen in the kiosk’s language once turned on, and the countdown beside the result', async () => {
    const k = await open({
      initScripts: [RECORDING_SPEECH],
      journey: { resultSeconds: 9, idleCountdownSeconds: 5 }
    })
    const spoken = () =>
      k.page.evaluate(() => (window as unknown as { __spoken: Array<{ text: string; lang: string }> }).__spoken)
    /** Waits until the kiosk has said the screen's title (and so the screen), in `lang`. */
    const said = async (title: string, lang: string) =>
      expect
        .poll(async () => (await spoken()).some((u) => u.text.includes(title) && u.lang.startsWith(lang)), {
          timeout: 15_000
        })
        .toBe(true)

    await k.expectScreen('attract', false)
    expect(await spoken()).toEqual([])
    await k.page.getByTestId('audio-toggle').click()
    expect(await k.page.getByTestId('audio-toggle').getAttribute('aria-pressed')).toBe('true')
    await said(dictionaries.en['attract.title'], 'en')
    await k.page.getByTestId('language-nb').click()
    await said(dictionaries.nb['attract.title'], 'nb')
    await k.page.getByTestId('start').click()
    await said(dictionaries.nb['consent.title'], 'nb')
    // Its choices are said too, so a person who cannot see the buttons knows what to press.
    await said(dictionaries.nb['consent.accept'], 'nb')
    await k.scriptFaceTec(BRISK_FACETEC)
    await clickWhenEnabled(k, 'accept')
    await said(dictionaries.nb['camera.title'], 'nb')
    await clickWhenEnabled(k, 'camera-continue')
    await k.expectScreen('result', false)
    await said(dictionaries.nb['result.accepted.title'], 'nb')
    // The countdown appears beside the result, never over it, and is said aloud.
    await k.page.getByTestId('idle-banner').waitFor({ state: 'visible', timeout: 15_000 })
    expect(await k.page.getByTestId('result').isVisible()).toBe(true)
    await k.screenshot('result-countdown-nb-portrait')
    await said(dictionaries.nb['idle.spoken'].split('{seconds}')[0]?.trim() ?? '', 'nb')
    await k.page.getByTestId('idle-stay').click()
    await k.page.getByTestId('idle-banner').waitFor({ state: 'hidden' })
    await k.expectScreen('result', false)
  })
})

describe('every screen of the journey in every language, in both orientations', () => {
  // Each gets to its screen without the harness's checks on the way; the tour checks every picture it takes.
  it('attract and consent', async () => {
    const k = await open({ inspect: false })
    await k.expectScreen('attract')
    await k.tour('attract')
    await k.page.getByTestId('start').click()
    await k.expectScreen('consent')
    await expect
      .poll(() => k.page.getByTestId('preparation').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('ready')
    await k.tour('consent')
  })

  it('the camera check', async () => {
    const k = await open({ inspect: false })
    await k.expectScreen('attract', false)
    await k.page.getByTestId('start').click()
    await clickWhenEnabled(k, 'accept')
    await expect
      .poll(() => k.page.getByTestId('camera-state').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('live')
    await k.tour('camera-check')
  })

  it('an accepted result', async () => {
    // The result stays long enough for its tour (the idle countdown would otherwise join the pictures).
    const k = await open({ journey: { resultSeconds: 600 }, inspect: false })
    await throughToLiveness(k)
    await k.expectScreen('result', false)
    await k.tour('result', 'result-accepted')
  })
})

describe('an operator’s branding', () => {
  it('shows the operator’s name, logo and colour, its privacy notice and its next step', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-logo-'))
    alsoStop.push({ close: () => rm(dir, { recursive: true, force: true }) })
    const logoFile = join(dir, 'logo.png')
    await writeFile(logoFile, logoPng())
    const k = await open({
      journey: { resultSeconds: 600 },
      operator: {
        name: 'Nordvik Sparebank',
        logoFile,
        accentColor: '#0a6cff',
        privacyNotice: { moreInfoUrl: 'https://nordvik.example/privacy' },
        nextSteps: { accepted: { en: 'Please return to counter 3.', nb: 'Gå tilbake til skranke 3.' } }
      }
    })
    await k.expectScreen('attract', false)
    expect(await k.page.getByTestId('brand-name').textContent()).toBe('Nordvik Sparebank')
    expect(await k.page.getByTestId('brand-logo').getAttribute('src')).toMatch(/^data:image\/png;base64,/)
    await k.screenshot('attract-branded-en-portrait')
    await k.page.setViewportSize(LANDSCAPE)
    await k.expectScreen('attract', 'attract-branded-en-landscape')
    await k.page.getByTestId('start').click()
    await k.expectScreen('consent', 'consent-branded-en-landscape')
    expect(await k.page.getByTestId('privacy-notice').innerText()).toContain('Nordvik Sparebank')
    await k.page.getByTestId('privacy-qr').waitFor()
    await k.scriptFaceTec(BRISK_FACETEC)
    await clickWhenEnabled(k, 'accept')
    await clickWhenEnabled(k, 'camera-continue')
    await k.expectScreen('result', 'result-accepted-branded-en-landscape')
    expect(await k.page.getByTestId('next-step').innerText()).toContain('Please return to counter 3.')
  })
})
