/**
 * Staff mode end to end: the hidden entry, the PIN pad, the kiosk's overview, its queue (paged, with
 * retry, discard and a result export through main's save dialog), diagnostics with the camera,
 * settings that change the journey, and the audit log, each tab in both orientations in English and
 * Norwegian. Main's file dialogs are answered by the harness; everything else is real.
 */
import { readFile } from 'node:fs/promises'
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { invokeContract } from '../../preload/api'
import { dictionaries } from '../../renderer/src/i18n'
import { captureFor } from '../support/engine'
import { BRISK_FACETEC, clickWhenEnabled, onlyJob, throughToLiveness } from './harness/journey'
import { STAFF_PIN, type KioskHarness } from './harness/kiosk-harness'
import { kioskPerTest } from './harness/kiosk-per-test'
import { expectStaffPanelFits, typePin, unlockStaff } from './harness/staff'

const en = dictionaries.en

const kiosks = kioskPerTest()

/** Opens a tab, then screenshots and checks it in both orientations, in English and Norwegian. */
async function tourTab(k: KioskHarness, tab: string, ready: () => Promise<unknown>): Promise<void> {
  await k.page.getByTestId(`staff-tab-${tab}`).click()
  await ready()
  await k.tour('staff', `staff-${tab}`)
  await expectStaffPanelFits(k)
}

const rowOf = (k: KioskHarness, jobId: string) => k.page.locator(`[data-testid="queue-row"][data-job="${jobId}"]`)

describe('staff mode', () => {
  it('is reached by the hidden gesture, refuses a wrong PIN with the attempts left, and says so when the check itself fails', async () => {
    const k = await kiosks.open()
    await k.expectScreen('attract')
    const { width } = k.page.viewportSize() ?? { width: 1080 }
    for (let tap = 0; tap < 5; tap++) await k.page.mouse.click(width - 20, 20)
    await k.expectScreen('staff-pin')
    await typePin(k, '111111')
    await expect.poll(() => k.page.getByTestId('pin-message').textContent()).toBe('Wrong PIN. Attempts left: 4')
    await k.tour('staff-pin')

    // The bridge breaks under the PIN pad: staff read why, in their language, instead of a silent pad.
    const { router } = k.services
    const dispatch = router.dispatch.bind(router)
    router.dispatch = async (channel, event, args) => {
      if (channel === invokeContract.unlockStaff.channel) throw new Error('the IPC pipe broke')
      return dispatch(channel, event, args)
    }
    await typePin(k, STAFF_PIN)
    await expect.poll(() => k.page.getByTestId('pin-message').textContent()).toBe(en['staff.pin.failed'])
    expect(await k.page.getByTestId('pin-length').getAttribute('data-length')).toBe('0')
    router.dispatch = dispatch
    await typePin(k, STAFF_PIN)
    await k.expectScreen('staff', false)
    await k.page.getByTestId('staff-lock').click()
    await k.expectScreen('attract')
  })

  it('shows the kiosk and exports a result through main’s save dialog', async () => {
    const k = await kiosks.open()
    // One verification, so the queue has a result to export.
    await throughToLiveness(k)
    await k.expectScreen('result')
    // The person has the result; the full result is archived once Assure has it ready (204 until then).
    await k.jobs.settled(onlyJob(k).jobId)
    await k.page.getByTestId('finish').click()
    await k.expectScreen('attract')

    await unlockStaff(k)
    const panel = k.page.locator('[role="tabpanel"]')
    await expect.poll(() => panel.innerText()).toContain('e2e-kiosk')
    expect(await panel.innerText()).toContain(en['staff.overview.sdk.simulated'])
    await k.tour('staff', 'staff-overview')

    // A reference photo chosen from a file (main's open dialog answers with the fixture): shown, not yet used.
    await k.page.getByTestId('choose-reference').click()
    await expect.poll(() => k.page.getByTestId('photo-step').getAttribute('data-state')).toBe('chosen')

    // The queue: the finished verification, its result in words, saved through main's save dialog.
    await k.page.getByTestId('staff-tab-queue').click()
    const row = k.page.getByTestId('queue-row').first()
    await expect.poll(() => row.getAttribute('data-phase')).toBe('completed')
    expect(await row.innerText()).toContain(en['staff.result.accepted'])
    await k.expectScreen('staff', false)
    await k.page.getByTestId('export-result').click()
    await expect
      .poll(() => k.page.getByTestId('staff-notice').textContent())
      .toMatch(/^Saved as assure-result-.+\.zip\.$/)
    const zip = unzipSync(new Uint8Array(await readFile(k.savedFiles[0] ?? '')))
    expect(Object.keys(zip)).toContain('facetec/auditTrailImage.jpg')
  })

  // Separate tests, each short enough for a busy machine: diagnostics, then settings and the audit log.
  it('runs diagnostics: Assure, a fresh token, the SDK folder, and the camera with a live picture', async () => {
    const k = await kiosks.open()
    await k.expectScreen('attract', false)
    await unlockStaff(k)

    // Diagnostics: Assure, a fresh token, the SDK folder, and the camera with a live picture.
    await tourTab(k, 'diagnostics', async () => {
      await k.page.getByTestId('run-diagnostics').click()
      for (const check of ['assure', 'token', 'dossier', 'sdk'])
        await expect.poll(() => k.page.getByTestId(`diagnostic-${check}`).getAttribute('data-ok')).toBe('true')
      await expect.poll(() => k.page.getByTestId('diagnostic-camera').getAttribute('data-state')).toBe('live')
    })
    expect(await k.page.getByTestId('diagnostic-token').innerText()).toContain(en['staff.diagnostics.token.ok'])
    expect(await k.page.getByTestId('diagnostic-sdk').innerText()).toContain(en['staff.overview.sdk.simulated'])
    // The harness's main loaded no config file, and staff are told so rather than shown a path.
    expect(await k.page.getByTestId('diagnostic-config').innerText()).toContain(en['staff.diagnostics.config.none'])
    // When the checks last ran, on the kiosk's 24-hour clock.
    expect(await k.page.getByTestId('diagnostics-last-run').innerText()).toMatch(/^Last run: .*\d\d:\d\d/)

    // Assure refuses to create the test dossier: that line fails, in words and in another colour.
    const colour = (check: string) =>
      k.page.getByTestId(`diagnostic-${check}`).evaluate((line) => getComputedStyle(line).color)
    const passed = await colour('dossier')
    k.sandbox.control.addFault({ endpoint: 'createDossier', fault: { kind: 'status', status: 500 } })
    await k.page.getByTestId('run-diagnostics').click()
    await expect.poll(() => k.page.getByTestId('diagnostic-dossier').getAttribute('data-ok')).toBe('false')
    expect(await k.page.getByTestId('diagnostic-dossier').innerText()).toContain(en['staff.diagnostics.failed'])
    expect(await k.page.getByTestId('diagnostic-token').getAttribute('data-ok')).toBe('true')
    expect(await colour('dossier')).not.toBe(passed)
    expect(await colour('token')).toBe(passed)
    k.sandbox.control.clearFaults()
  })

  it('changes settings that change the journey, and keeps an audit log in words, without personal data', async () => {
    const k = await kiosks.open()
    await k.expectScreen('attract', false)
    await unlockStaff(k)
    await k.page.getByTestId('choose-reference').click()
    await expect.poll(() => k.page.getByTestId('photo-step').getAttribute('data-state')).toBe('chosen')
    await k.page.getByTestId('staff-tab-diagnostics').click()
    await k.page.getByTestId('run-diagnostics').click()
    await expect.poll(() => k.page.getByTestId('diagnostic-sdk').getAttribute('data-ok')).toBe('true')

    // Settings: one fewer face-check attempt from now on.
    await k.page.getByTestId('staff-tab-settings').click()
    await k.page.getByTestId('setting-maxLivenessAttempts').fill('2')
    await k.page.getByTestId('save-settings').click()
    await expect.poll(() => k.page.getByTestId('staff-notice').textContent()).toBe('Settings saved.')
    await tourTab(k, 'settings', async () => {})

    // The audit log says who did what, in the kiosk's language, without personal data, and can be saved.
    const entries = k.page.getByTestId('audit-entries')
    const actions = () =>
      entries.locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-action')))
    await tourTab(k, 'audit', () => expect.poll(actions).toContain('settings.changed'))
    expect(await actions()).toEqual(
      expect.arrayContaining(['staff.unlocked', 'reference.chosen', 'diagnostics.run', 'settings.changed'])
    )
    expect(await entries.innerText()).toContain(
      `${en['staff.audit.actor.staff']} Settings changed: ${en['staff.settings.maxLivenessAttempts']}`
    )
    expect(await entries.innerText()).toContain('Diagnostics run: Assure OK, token OK, SDK OK')
    await k.page.getByTestId('export-audit').click()
    await expect.poll(() => k.savedFiles.length).toBe(1)
    expect(await readFile(k.savedFiles[0] ?? '', 'utf8')).toContain('"action":"staff.unlocked"')

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
    expect(await k.page.evaluate(async () => window.kiosk.listJobs({}))).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' }
    })
  })

  it('shows a check Assure could not do (failed) with the reason Assure gave', async () => {
    const k = await kiosks.open()
    const { engine } = k.services
    k.sandbox.control.queueOutcomes('failed')
    const { jobId } = await engine.prepare()
    await engine.submitCapture(captureFor(jobId))
    expect(await k.jobs.settled(jobId)).toMatchObject({ phase: 'completed', result: 'failed' })

    await unlockStaff(k)
    await k.page.getByTestId('staff-tab-queue').click()
    await expect.poll(() => rowOf(k, jobId).getAttribute('data-phase')).toBe('completed')
    expect(await rowOf(k, jobId).innerText()).toContain(en['staff.result.failed'])
    // The technical reason is one tap away, not in the way.
    expect(await rowOf(k, jobId).innerText()).not.toContain('provider_error')
    await rowOf(k, jobId).getByText(en['staff.queue.more']).click()
    expect(await rowOf(k, jobId).innerText()).toContain('Reason given by Assure: provider_error: ')
    await k.expectScreen('staff', 'staff-queue-assure-failed-en-portrait')
  })

  it('pages through the whole queue, so the oldest failed jobs can still be retried and discarded', async () => {
    // One answer that makes no sense fails a job (retryable), so failed jobs are quick to have.
    const k = await kiosks.open({
      verification: { maxMalformedAttempts: 1, outbox: { baseDelayMs: 200, maxDelayMs: 1_000 } }
    })
    const { engine } = k.services
    const submit = async (): Promise<string> => {
      const { jobId } = await engine.prepare()
      await engine.submitCapture(captureFor(jobId))
      return jobId
    }
    // Six failed verifications, oldest first, then a newer one queued because Start verification never gets through.
    k.sandbox.control.addFault({ endpoint: 'getProcess', fault: { kind: 'malformed' } })
    const failed: string[] = []
    for (let i = 0; i < 6; i++) failed.push(await submit())
    for (const jobId of failed)
      expect(await k.jobs.settled(jobId)).toMatchObject({
        phase: 'failed',
        failure: { reason: 'bad-response', retryable: true }
      })
    k.sandbox.control.clearFaults()
    k.sandbox.control.addFault({ endpoint: 'startVerification', fault: { kind: 'reset' } })
    const queued = await submit()
    await expect.poll(() => engine.get(queued)?.phase).toBe('queued')
    const [oldest = '', secondOldest = '', thirdOldest = ''] = failed

    await unlockStaff(k)
    // Page 1: the four newest, each with its actions; the three oldest are a page further.
    await tourTab(k, 'queue', () => expect.poll(() => k.page.getByTestId('queue-row').count()).toBe(4))
    expect(await k.page.getByTestId('queue-page').innerText()).toBe('Page 1 of 2')
    expect(await k.page.getByTestId('queue-previous').isDisabled()).toBe(true)
    expect(await rowOf(k, queued).getAttribute('data-phase')).toBe('queued')
    expect(await rowOf(k, oldest).count()).toBe(0)
    await k.page.getByTestId('queue-next').click()
    expect(await k.page.getByTestId('queue-page').innerText()).toBe('Page 2 of 2')
    expect(
      await k.page.getByTestId('queue-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-job')))
    ).toEqual([thirdOldest, secondOldest, oldest])
    expect(await rowOf(k, oldest).innerText()).toContain(en['failure.bad-response'])

    // Discard the second oldest, after saying yes: it ends as cancelled (what goes with it is the unit tests' business).
    await rowOf(k, secondOldest).getByTestId('discard').click()
    await rowOf(k, secondOldest).getByTestId('discard-yes').click()
    await expect.poll(() => rowOf(k, secondOldest).getAttribute('data-phase')).toBe('cancelled')
    await expect.poll(() => k.jobs.settled(secondOldest).then((view) => view.phase)).toBe('cancelled')
    // Retry the oldest: the engine picks it up and finishes it, and the row follows.
    await rowOf(k, oldest).getByTestId('retry').click()
    await expect.poll(() => rowOf(k, oldest).getAttribute('data-phase'), { timeout: 15_000 }).toBe('completed')
    expect(await rowOf(k, oldest).innerText()).toContain(en['staff.result.accepted'])

    // Back on page 1, the queued one can be given up too.
    await k.page.getByTestId('queue-previous').click()
    await rowOf(k, queued).getByTestId('discard').click()
    await rowOf(k, queued).getByTestId('discard-yes').click()
    await expect.poll(() => rowOf(k, queued).getAttribute('data-phase')).toBe('cancelled')
    expect(k.sandbox.control.duplicateStarts()).toBe(0)

    // Each action is in the audit log with the job's id and nothing else.
    await k.page.getByTestId('staff-tab-audit').click()
    const entries = k.page.getByTestId('audit-entries').locator('li')
    await expect
      .poll(() => entries.evaluateAll((items) => items.map((item) => item.getAttribute('data-action'))))
      .toEqual(['job.discard', 'job.retry', 'job.discard', 'staff.unlocked'])
    expect(await entries.nth(1).innerText()).toContain(`Verification ${oldest} retried`)
  })
})
