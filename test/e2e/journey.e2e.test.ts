/**
 * The whole kiosk journey, end to end: the built renderer in Chromium with a fixture webcam, the
 * simulated FaceTec SDK (demo mode), main's real services behind the real bridge, and the Assure
 * sandbox over HTTP. Every screen visited is screenshotted and checked with axe-core and the kiosk's
 * layout rules (no scrolling, touch targets of at least 48 px, no selectable text).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox } from '../../main/sandbox/fault-control'
import { faceTecStrings } from '../../renderer/src/facetec/strings'
import { dictionaries } from '../../renderer/src/i18n'
import { idDocumentCheck, otherPhoto, referencePhoto } from '../support/assure'
import { BRISK_FACETEC, clickWhenEnabled, onlyJob, throughToLiveness } from './harness/journey'
import {
  closeChecked,
  FIXTURES,
  LANDSCAPE,
  PORTRAIT,
  STAFF_PIN,
  startKioskHarness,
  type KioskHarness,
  type KioskHarnessOptions
} from './harness/kiosk-harness'
import { meanDifference, thumbnailOfImage } from './harness/pixels'

let kiosk: KioskHarness | null = null
async function open(options: KioskHarnessOptions = {}): Promise<KioskHarness> {
  kiosk = await startKioskHarness(options)
  return kiosk
}
/** What a test started beside the kiosk (a sandbox of its own), stopped after the kiosk is closed. */
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

const screenText = (k: KioskHarness) => k.page.locator('main').innerText()

describe('the journey, accepted', () => {
  it.each([
    ['en', PORTRAIT, 'portrait'],
    ['nb', PORTRAIT, 'portrait'],
    ['en', LANDSCAPE, 'landscape'],
    ['nb', LANDSCAPE, 'landscape']
  ] as const)(
    'in %s, %j (%s): capture, processing, accepted; the audit trail reaching Assure is the webcam picture',
    async (language, viewport, orientation) => {
      const k = await open({ viewport })
      // Long enough processing at Assure for the processing screen to be seen and checked.
      k.sandbox.control.configure({ processingDelayMs: 3_000 })
      // The simulated FaceTec waits 1.5 s on its "get ready" step so the overlay can be screenshotted.
      await throughToLiveness(k, { language, faceTec: { delays: { ...BRISK_FACETEC.delays, readyMs: 1_500 } } })
      await expect
        .poll(() => k.page.locator('[data-facetec-simulated]').innerText(), { timeout: 10_000 })
        .toContain(faceTecStrings[language].FaceTec_instructions_header_ready_desktop)
      await k.screenshot(`liveness-${language}-${orientation}`)
      // The DEMO badge stays on top of FaceTec's full-screen UI. It lets touches through (pointer-events:
      // none), so hit-testing, which follows the painting order, is asked with that switched off a moment.
      const badgeOnTop = await k.page.getByTestId('status-mode').evaluate((badge) => {
        const box = badge.getBoundingClientRect()
        badge.style.pointerEvents = 'auto'
        const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)
        badge.style.pointerEvents = ''
        return box.width > 0 && badge.matches(':popover-open') && badge.contains(hit)
      })
      expect(badgeOnTop).toBe(true)
      await k.expectScreen('processing')
      await k.expectScreen('result', `result-accepted-${language}-${orientation}`)
      expect(await k.page.getByTestId('result').getAttribute('data-result')).toBe('accepted')
      expect(await k.page.locator('h1').textContent()).toBe(dictionaries[language]['result.accepted.title'])

      const job = onlyJob(k)
      expect(job).toMatchObject({ phase: 'completed', result: 'accepted' })
      expect(k.sandbox.control.calls()).toMatchObject({
        createDossier: 1,
        createProcess: 1,
        setImages: 1,
        startVerification: 1
      })

      // The capture the simulated SDK took from the webcam is what reached Assure: a real JPEG of the fixture.
      // (The full result is archived once Assure has it ready: it answers 204 for a moment after the result.)
      await k.jobs.settled(job.jobId)
      const zip = unzipSync(new Uint8Array(await k.services.engine.archivedResult(job.jobId)))
      const audit = Buffer.from(zip['facetec/auditTrailImage.jpg'] ?? new Uint8Array())
      expect(audit.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]))
      const fixture = await thumbnailOfImage(k.page, await readFile(join(FIXTURES, 'webcam-face-still.mjpeg')))
      const other = await thumbnailOfImage(k.page, await readFile(join(FIXTURES, 'webcam-no-face.mjpeg')))
      const seen = await thumbnailOfImage(k.page, audit)
      expect(meanDifference(seen, fixture)).toBeLessThan(25)
      expect(meanDifference(seen, other)).toBeGreaterThan(60)

      await k.page.getByTestId('finish').click()
      await k.expectScreen('attract')
    }
  )
})

describe('preparing only at the capture (journey.prepareAhead: false)', () => {
  it('creates nothing at Assure for a visitor who reads and leaves, and still completes a capture', async () => {
    const k = await open({ journey: { prepareAhead: false } })
    const { page } = k
    await k.expectScreen('attract')
    await page.getByTestId('start').click()
    await k.expectScreen('consent')
    await page.getByTestId('decline').click()
    await k.expectScreen('attract')

    await page.getByTestId('start').click()
    await k.expectScreen('consent')
    await k.scriptFaceTec(BRISK_FACETEC)
    await page.getByTestId('accept').click()
    await expect
      .poll(() => page.getByTestId('camera-state').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('live')
    expect(k.sandbox.control.dossierIds()).toEqual([])

    await page.getByTestId('camera-continue').click()
    await k.expectScreen('result')
    expect(await page.getByTestId('result').getAttribute('data-result')).toBe('accepted')
    expect(k.sandbox.control.calls()).toMatchObject({ createDossier: 1, createProcess: 1, startVerification: 1 })
  })
})

describe('other results', () => {
  it.each(['rejected', 'inconclusive', 'failed', 'canceled'] as const)(
    'shows %s in plain words, with what to do next',
    async (outcome) => {
      // The result stays long enough for its tour (the idle countdown would otherwise join the pictures).
      const k = await open({ journey: { resultSeconds: 600 } })
      k.sandbox.control.queueOutcomes(outcome)
      await throughToLiveness(k)
      await k.expectScreen('result')
      expect(await k.page.getByTestId('result').getAttribute('data-result')).toBe(outcome)
      expect(await screenText(k)).toContain(dictionaries.en[`result.${outcome}.lead`])
      await k.tour('result', `result-${outcome}`)
    }
  )
})

describe('when the face check does not complete', () => {
  it('lets the person stop in FaceTec without counting it as a failed attempt, and cleans up on "stop here"', async () => {
    const k = await open({ journey: { maxLivenessAttempts: 3 } })
    await throughToLiveness(k, { sessions: [{ outcome: 'user-cancel' }] })
    await k.expectScreen('retry')
    expect(await k.page.getByTestId('retry-message').textContent()).toBe(
      dictionaries.en['facetec.session.userCancelled']
    )
    expect(await k.page.getByTestId('attempts-left').textContent()).toBe('Attempts left: 3')
    await k.tour('retry')
    await k.page.getByTestId('retry-stop').click()
    await k.expectScreen('attract')
    // Nothing of the visit stays at Assure: both the cancelled session's dossier and the one prepared for a retry.
    await expect.poll(() => k.sandbox.control.dossierIds(), { timeout: 10_000 }).toEqual([])
    expect(k.sandbox.control.calls().startVerification).toBe(0)
  })

  it('sends the person to staff after the configured number of failed attempts', async () => {
    const k = await open({ journey: { maxLivenessAttempts: 2, resultSeconds: 600 } })
    await throughToLiveness(k, { sessions: [{ outcome: 'timeout' }, { outcome: 'timeout' }] })
    await k.expectScreen('retry')
    expect(await k.page.getByTestId('attempts-left').textContent()).toBe('Attempts left: 1')
    await clickWhenEnabled(k, 'retry')
    await k.expectScreen('liveness', false)
    await k.expectScreen('call-staff')
    expect(await k.page.getByTestId('call-staff-reason').getAttribute('data-reason')).toBe('retry-limit')
    expect(await screenText(k)).toContain('The face check did not work after 2 tries.')
    await k.tour('call-staff')
    expect(k.sandbox.control.calls().startVerification).toBe(0)
  })
})

describe('out of service', () => {
  it('says the camera is not working when the kiosk has no camera', async () => {
    const k = await open({ camera: 'none' })
    await k.expectScreen('attract')
    await k.page.getByTestId('start').click()
    await k.page.getByTestId('accept').click()
    await k.expectScreen('out-of-service')
    expect(await k.page.getByTestId('out-of-service-reason').getAttribute('data-reason')).toBe('camera')
    expect(await screenText(k)).toContain(dictionaries.en['outOfService.camera'])
    await k.tour('out-of-service', 'out-of-service-camera')
  })

  it('says Assure cannot be reached at start, and recovers by itself when it comes back', async () => {
    // Assure is down before the kiosk starts: its very first probes fail.
    const sandbox = await startSandbox({ behaviour: { processingDelayMs: 300 } })
    alsoStop.push(sandbox)
    sandbox.control.addFault({ endpoint: '*', fault: { kind: 'reset' } })
    const k = await open({ sandbox })
    await k.expectScreen('out-of-service')
    expect(await k.page.getByTestId('out-of-service-reason').getAttribute('data-reason')).toBe('assure')
    expect(await screenText(k)).toContain(dictionaries.en['outOfService.assure'])
    await k.tour('out-of-service', 'out-of-service-assure')
    sandbox.control.clearFaults()
    await k.expectScreen('attract')
    expect(await k.page.getByTestId('status-connectivity').getAttribute('data-state')).toBe('online')
  })

  it('says the face check cannot start when the FaceTec SDK cannot be loaded', async () => {
    const k = await open({ sdkRoot: null })
    await k.expectScreen('attract')
    await k.page.getByTestId('start').click()
    await clickWhenEnabled(k, 'accept')
    await clickWhenEnabled(k, 'camera-continue')
    await k.expectScreen('out-of-service')
    expect(await k.page.getByTestId('out-of-service-reason').getAttribute('data-reason')).toBe('sdk')
    expect(await screenText(k)).toContain(dictionaries.en['outOfService.sdk'])
    await k.tour('out-of-service', 'out-of-service-sdk')
    // What Chromium and the adapter logged about the missing script is expected here, and only that.
    expect(k.pageErrors.length).toBeGreaterThan(0)
    expect(
      k.pageErrors.filter((error) => !/404 \(Not Found\)|facetec-sdk\/core-sdk|FaceTec SDK script/.test(error))
    ).toEqual([])
    k.pageErrors.length = 0
  })

  it('says the kiosk is not set up, offering the visitor nothing, with main’s reason in staff mode', async () => {
    const problem =
      'Linux offers only the plaintext key store here (no GNOME keyring or KWallet), which protects nothing.'
    const k = await open({ setupProblem: problem })
    await k.expectScreen('out-of-service')
    expect(await k.page.getByTestId('out-of-service-reason').getAttribute('data-reason')).toBe('configuration')
    expect(await screenText(k)).toContain(dictionaries.en['outOfService.configuration'])
    // Nothing offered that a visitor cannot do, and main's technical reason is not theirs to read.
    expect(await k.page.locator('main button').count()).toBe(0)
    expect(await screenText(k)).not.toContain(problem)
    // No focus box around the title at boot: the heading takes the focus without a ring.
    expect(await k.page.locator('h1').evaluate((title) => title.matches(':focus-visible'))).toBe(false)
    await k.tour('out-of-service', 'out-of-service-configuration')
    // Staff find main's reason in staff mode.
    await k.page.keyboard.press('Control+Alt+KeyS')
    await k.expectScreen('staff-pin', false)
    for (const digit of STAFF_PIN) await k.page.getByTestId(`pin-${digit}`).click()
    await k.page.getByTestId('pin-unlock').click()
    await k.expectScreen('staff', false)
    expect(await k.page.getByTestId('setup-problem').textContent()).toBe(problem)
  })
})

describe('the network drops after the capture', () => {
  it('shows the queued screen, and the result arrives when Assure is back', async () => {
    const k = await open({
      verification: { outbox: { baseDelayMs: 200, maxDelayMs: 1_000 } },
      journey: { resultSeconds: 600 }
    })
    await throughToLiveness(k, {
      beforeCapture: async () => {
        // The cable is pulled: Start verification and the probe both fail from now on.
        k.sandbox.control.addFault({ endpoint: 'startVerification', fault: { kind: 'reset' } })
        k.sandbox.control.addFault({ endpoint: 'probe', fault: { kind: 'reset' } })
      }
    })
    await k.expectScreen('queued')
    expect(onlyJob(k).phase).toBe('queued')
    await k.tour('queued')
    k.sandbox.control.clearFaults()
    await k.expectScreen('result')
    expect(await k.page.getByTestId('result').getAttribute('data-result')).toBe('accepted')
    expect(k.sandbox.control.duplicateStarts()).toBe(0)
  })
})

describe('idle reset', () => {
  it('counts down on a user-facing screen, then wipes the visit: attract, language reset, job cancelled, dossier deleted', async () => {
    const k = await open({ journey: { idleTimeoutSeconds: 2, idleCountdownSeconds: 3 } })
    await k.expectScreen('attract')
    await k.page.getByTestId('language-nb').click()
    await k.page.getByTestId('start').click()
    await k.expectScreen('consent')
    await expect
      .poll(() => k.page.getByTestId('preparation').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('ready')
    const overlay = k.page.getByTestId('idle-banner')
    await overlay.waitFor({ state: 'visible', timeout: 10_000 })
    await k.screenshot('idle-countdown-nb-portrait')
    expect(Number(await k.page.getByTestId('idle-countdown').getAttribute('data-seconds'))).toBeGreaterThan(0)
    await k.expectScreen('attract')
    expect(await k.page.getAttribute('html', 'lang')).toBe('en')
    await expect.poll(() => onlyJob(k).phase).toBe('cancelled')
    await expect.poll(() => k.sandbox.control.dossierIds(), { timeout: 10_000 }).toEqual([])
  })

  it('returns from the staff PIN pad to attract when nobody unlocks it', async () => {
    const k = await open({ journey: { idleTimeoutSeconds: 2, idleCountdownSeconds: 2 } })
    await k.expectScreen('attract')
    await k.page.keyboard.press('Control+Alt+KeyS')
    await k.expectScreen('staff-pin', false)
    await k.page.getByTestId('idle-banner').waitFor({ state: 'visible', timeout: 10_000 })
    await k.expectScreen('attract')
  })

  it('stays when the person says so', async () => {
    const k = await open({ journey: { idleTimeoutSeconds: 2, idleCountdownSeconds: 5 } })
    await k.expectScreen('attract')
    await k.page.getByTestId('start').click()
    await k.page.getByTestId('idle-banner').waitFor({ state: 'visible', timeout: 10_000 })
    await k.page.getByTestId('idle-stay').click()
    await k.page.getByTestId('idle-banner').waitFor({ state: 'hidden' })
    await k.expectScreen('consent')
  })

  it('never fires during the capture or while the result is awaited', async () => {
    const k = await open({ journey: { idleTimeoutSeconds: 2, idleCountdownSeconds: 3, resultSeconds: 5 } })
    // A capture and a wait at Assure both far longer than the idle time.
    k.sandbox.control.configure({ processingDelayMs: 5_000 })
    await k.expectScreen('attract')
    await k.page.getByTestId('start').click()
    await k.scriptFaceTec({ delays: { ...BRISK_FACETEC.delays, captureMs: 5_000 } })
    await clickWhenEnabled(k, 'accept')
    await clickWhenEnabled(k, 'camera-continue')
    // The screen the kiosk is on when the countdown first appears (polled every 100 ms from now on).
    const firstCountdownOn = await k.page
      .waitForFunction(
        () =>
          document.querySelector('[data-testid="idle-banner"]')
            ? document.querySelector('.kiosk')?.getAttribute('data-screen')
            : null,
        undefined,
        { polling: 100, timeout: 40_000 }
      )
      .then((handle) => handle.jsonValue())
    // Only on the result screen may the countdown start: not during the capture, not while waiting.
    expect(firstCountdownOn).toBe('result')
    expect(onlyJob(k)).toMatchObject({ phase: 'completed', result: 'accepted' })
  })
})

describe('with a keyboard only', () => {
  /** Tabs (forwards) until the control is focused, showing a focus ring, then presses Enter on it. */
  async function activateByKeyboard(k: KioskHarness, testId: string): Promise<void> {
    const target = k.page.getByTestId(testId)
    await expect.poll(() => target.isEnabled(), { timeout: 15_000 }).toBe(true)
    for (let presses = 0; presses < 20; presses++) {
      if (await target.evaluate((element) => element === document.activeElement)) break
      await k.page.keyboard.press('Tab')
    }
    // Visible where it is: a kiosk keyboard user cannot guess which button Enter will press.
    expect(
      await target.evaluate(
        (element) => element.matches(':focus-visible') && getComputedStyle(element).outlineStyle !== 'none'
      ),
      testId
    ).toBe(true)
    await k.page.keyboard.press('Enter')
  }

  it('goes from attract to the result and back without a pointer', async () => {
    const k = await open()
    await k.expectScreen('attract', false)
    await activateByKeyboard(k, 'language-nb')
    await expect.poll(() => k.page.getAttribute('html', 'lang')).toBe('nb')
    await activateByKeyboard(k, 'start')
    await k.expectScreen('consent', false)
    await k.scriptFaceTec(BRISK_FACETEC)
    await activateByKeyboard(k, 'accept')
    await k.expectScreen('camera-check', false)
    await activateByKeyboard(k, 'camera-continue')
    await k.expectScreen('result', false)
    expect(await k.page.getByTestId('result').getAttribute('data-result')).toBe('accepted')
    await activateByKeyboard(k, 'finish')
    await k.expectScreen('attract', false)
  })
})

describe('languages', () => {
  it('switches every string mid-journey, FaceTec’s own texts included', async () => {
    const k = await open()
    await k.expectScreen('attract')
    await k.page.getByTestId('start').click()
    await k.expectScreen('consent')
    await k.page.getByTestId('language-sv').click()
    await expect.poll(() => k.page.locator('h1').textContent()).toBe(dictionaries.sv['consent.title'])
    expect(await k.page.getAttribute('html', 'lang')).toBe('sv')
    await k.page.getByTestId('language-fi').click()
    await expect.poll(() => k.page.locator('h1').textContent()).toBe(dictionaries.fi['consent.title'])
    await k.page.getByTestId('language-da').click()
    await k.expectScreen('consent')
    await k.scriptFaceTec({ delays: { ...BRISK_FACETEC.delays, readyMs: 3_000 } })
    await clickWhenEnabled(k, 'accept')
    await clickWhenEnabled(k, 'camera-continue')
    await k.expectScreen('liveness')
    // The simulated FaceTec UI shows the Danish text the adapter passed to configureLocalization.
    await expect
      .poll(() => k.page.locator('[data-facetec-simulated]').innerText(), { timeout: 10_000 })
      .toContain(faceTecStrings.da.FaceTec_instructions_header_ready_desktop)
    await k.screenshot('liveness-da-portrait')
  })
})

describe('a ticket names the reference photo', () => {
  it('refuses an incomplete ticket, then verifies against the portrait of the linked ID-document check', async () => {
    const k = await open({ journey: { referenceSource: 'ticket' } })
    // An earlier ID-document check at Assure (ReadID): its portrait is the reference.
    const earlier = await idDocumentCheck(k.sandbox, { portrait: referencePhoto, front: otherPhoto })
    await k.expectScreen('attract')
    await k.page.getByTestId('start').click()
    await k.scriptFaceTec(BRISK_FACETEC)
    await k.page.getByTestId('accept').click()
    await k.expectScreen('reference')
    await k.page.getByTestId('ticket').fill('123-not-a-ticket')
    await k.page.getByTestId('ticket-continue').click()
    await expect.poll(() => k.page.getByTestId('ticket-error').textContent()).toBe(dictionaries.en['reference.invalid'])
    await k.tour('reference')
    await k.page.getByTestId('ticket').fill(`${earlier.dossierId} ${earlier.processId}`)
    await k.page.getByTestId('ticket-continue').click()
    await k.expectScreen('camera-check')
    await clickWhenEnabled(k, 'camera-continue')
    await k.expectScreen('result')
    expect(await k.page.getByTestId('result').getAttribute('data-result')).toBe('accepted')
    // The FaceTec process was created in the ticket's dossier, with the linked portrait as its selfie.
    expect(k.sandbox.control.calls().getImage).toBe(1)
    expect(k.sandbox.control.dossierIds()).toEqual([earlier.dossierId])
  })

  it('says so when the code names a check that has no photo to compare with (a portrait of a face check)', async () => {
    const k = await open({ journey: { referenceSource: 'ticket' } })
    const earlier = await createFaceCheck(k)
    await k.expectScreen('attract')
    await k.page.getByTestId('start').click()
    await k.scriptFaceTec(BRISK_FACETEC)
    await k.page.getByTestId('accept').click()
    await k.expectScreen('reference')
    await k.page.getByTestId('ticket').fill(`${earlier.dossierId} ${earlier.processId}`)
    await k.page.getByTestId('ticket-continue').click()
    // Back on the code screen, told why, before anyone looks into the camera.
    await k.expectScreen('reference', false)
    await expect
      .poll(() => k.page.getByTestId('ticket-error').textContent(), { timeout: 15_000 })
      .toBe(dictionaries.en['reference.noPhoto'])
    expect(onlyJob(k)).toMatchObject({ phase: 'failed', failure: { reason: 'reference-not-provided' } })
    await k.tour('reference', 'reference-no-photo')
    expect(k.sandbox.control.calls().startVerification).toBe(0)
  })
})

/** An earlier FaceTec check (no ID document read): it has a selfie, but no portrait to give. */
async function createFaceCheck(k: KioskHarness): Promise<{ dossierId: string; processId: string }> {
  const token = (await (
    await fetch(k.sandbox.tokenUrl, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${k.sandbox.credentials.clientId}:${k.sandbox.credentials.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded'
      },
      body: 'grant_type=client_credentials&scope=signicat-api'
    })
  ).json()) as { access_token: string }
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${k.sandbox.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {})
    })
    return (response.status === 201 && path.endsWith('/images') ? {} : await response.json()) as Record<string, string>
  }
  const { dossierId } = await call('POST', '/assure/dossiers')
  const { processId } = await call('POST', `/assure/dossiers/${dossierId}/processes`, { provider: 'facetec' })
  const photo = (await readFile(join(FIXTURES, 'reference-photo.jpg'))).toString('base64')
  await call('POST', `/assure/dossiers/${dossierId}/processes/${processId}/images`, {
    selfie: `data:image/jpeg;base64,${photo}`
  })
  return { dossierId: dossierId ?? '', processId: processId ?? '' }
}
