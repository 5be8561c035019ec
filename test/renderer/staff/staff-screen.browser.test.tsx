/**
 * The staff screen in Chromium, on the staff controller with a fake main: one tab at a time, the
 * settings form limited to what the contract allows, the write-only secret, and the notice line in the
 * kiosk's language. (The whole of staff mode against main's real services is in test/e2e/staff.)
 */
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { StaffJourneySettings, type StaffJob } from '../../../preload/api'
import { en } from '../../../renderer/src/i18n/messages/en'
import { nb } from '../../../renderer/src/i18n/messages/nb'
import { useLanguageStore } from '../../../renderer/src/i18n'
import type { Journey } from '../../../renderer/src/journey/journey'
import { JourneyContext } from '../../../renderer/src/journey/journey-context'
import { StaffScreen } from '../../../renderer/src/staff/StaffScreen'
import { createStaffController } from '../../../renderer/src/staff/staff-controller'
import { StaffContext } from '../../../renderer/src/staff/staff-context'
import { useStaffStore } from '../../../renderer/src/staff/staff-store'
import { createFakeKioskApi, fail, ok, settle, type FakeKioskApi } from '../support/fake-kiosk-api'
import { STAFF_OVERVIEW as OVERVIEW } from '../support/staff-overview'

/** One page of the queue as main answers it, holding these jobs. */
const pageOf = (jobs: StaffJob[]) => ({ jobs, page: 0, pages: 1, total: jobs.length })

// React's act() flushes renders and effects before the test looks at the page.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const JOB: StaffJob = {
  jobId: '0f4c2d1e-1111-4222-8333-444455556666',
  visitReference: 'HJK479',
  phase: 'queued',
  result: null,
  failure: null,
  attempts: 1,
  createdAt: '2026-01-01T10:00:00.000Z',
  updatedAt: '2026-01-01T10:00:00.000Z',
  lastError: null,
  detail: null,
  hasArchivedResult: false
}

const leaveStaff = vi.fn(async () => undefined)
const journey: Journey = {
  start: vi.fn(),
  acceptConsent: vi.fn(),
  declineConsent: vi.fn(async () => undefined),
  submitTicket: vi.fn(async () => undefined),
  cameraConfirmed: vi.fn(),
  cameraFailed: vi.fn(),
  tryAgain: vi.fn(),
  resultIsSlow: vi.fn(),
  reset: vi.fn(async () => undefined),
  openStaff: vi.fn(async () => undefined),
  staffUnlocked: vi.fn(),
  leaveStaff,
  connect: vi.fn(() => () => undefined)
}

let root: Root | null = null
let host: HTMLElement
let main: FakeKioskApi

/** Lets main's answers travel through the controller and React render what they changed. */
const rendered = (work: () => void = () => undefined) =>
  act(async () => {
    work()
    await settle()
  })

const byTestId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const found = host.querySelector<T>(`[data-testid="${id}"]`)
  if (!found) throw new Error(`nothing with data-testid="${id}" on screen`)
  return found
}

/** Types into a field as staff would (real input events, through Playwright). */
const type = (input: HTMLInputElement, value: string) =>
  act(async () => {
    await userEvent.fill(input, value)
  })

beforeEach(async () => {
  useLanguageStore.getState().setLanguage('en')
  main = createFakeKioskApi()
  const staff = createStaffController({ api: main.api, store: useStaffStore })
  host = document.createElement('div')
  document.body.append(host)
  root = createRoot(host)
  await rendered(() =>
    root?.render(
      <JourneyContext.Provider value={journey}>
        <StaffContext.Provider value={staff}>
          <StaffScreen />
        </StaffContext.Provider>
      </JourneyContext.Provider>
    )
  )
  await rendered(() => main.next('getStaffOverview').answer(ok(OVERVIEW)))
})

afterEach(async () => {
  await act(async () => root?.unmount())
  root = null
  host.remove()
})

describe('the staff screen', () => {
  it('opens on the overview and shows one tab at a time, each loaded when chosen', async () => {
    expect(byTestId('staff-panel-overview').textContent).toContain('kiosk-branch-12')
    await rendered(() => byTestId('staff-tab-queue').click())
    expect(byTestId('staff-tab-queue').getAttribute('aria-selected')).toBe('true')
    expect(host.querySelector('[data-testid="staff-panel-overview"]')).toBeNull()
    await rendered(() => main.next('listJobs').answer(ok(pageOf([JOB]))))
    expect(byTestId('queue-row').dataset.job).toBe(JOB.jobId)
  })

  it('asks before discarding, and discards nothing when staff keep the job', async () => {
    await rendered(() => byTestId('staff-tab-queue').click())
    await rendered(() => main.next('listJobs').answer(ok(pageOf([JOB]))))
    await rendered(() => byTestId('discard').click())
    expect(byTestId('discard-confirm').textContent).toContain(en['staff.queue.discard.confirm'])
    await rendered(() => byTestId('discard-no').click())
    expect(main.pending('discardJob')).toBe(0)
    await rendered(() => byTestId('discard').click())
    await rendered(() => byTestId('discard-yes').click())
    expect(main.next('discardJob').input).toEqual({ jobId: JOB.jobId })
  })

  it('shows the staff photo as a thumbnail, used only once staff confirm it for the next visitor', async () => {
    const image = 'data:image/png;base64,iVBORw0KGgo='
    await rendered(() => byTestId('choose-reference').click())
    await rendered(() => main.next('chooseReferencePhoto').answer(ok({ chosen: true, bytes: 8 })))
    await rendered(() =>
      main.next('getStaffOverview').answer(ok({ ...OVERVIEW, staffPhoto: { state: 'chosen', image, until: null } }))
    )
    expect(byTestId<HTMLImageElement>('photo-thumb').src).toBe(image)
    expect(byTestId('photo-state').textContent).toBe(en['staff.photo.state.chosen'])
    await rendered(() => byTestId('use-reference').click())
    expect(main.pending('confirmReferencePhoto')).toBe(1)
  })

  it('lets staff enter each number only within the range main accepts', async () => {
    await rendered(() => byTestId('staff-tab-settings').click())
    await rendered(() => main.next('getStaffOverview').answer(ok(OVERVIEW)))
    for (const setting of ['idleTimeoutSeconds', 'maxLivenessAttempts', 'resultSeconds'] as const) {
      const input = byTestId<HTMLInputElement>(`setting-${setting}`)
      const schema = StaffJourneySettings.shape[setting]
      const [min, max] = [Number(input.min), Number(input.max)]
      expect([schema.safeParse(min).success, schema.safeParse(max).success]).toEqual([true, true])
      expect([schema.safeParse(min - 1).success, schema.safeParse(max + 1).success]).toEqual([false, false])
      // The browser's own form check holds staff to it before anything reaches main.
      await type(input, String(max + 1))
      expect(input.validity.rangeOverflow).toBe(true)
      await type(input, String(min))
      expect(input.validity.valid).toBe(true)
    }
    await rendered(() => byTestId('save-settings').click())
    expect(main.next('updateStaffSettings').input).toEqual({
      defaultLanguage: 'en',
      idleTimeoutSeconds: 10,
      maxLivenessAttempts: 1,
      resultSeconds: 5
    })
  })

  it('clears the secret from the form as soon as it is handed to main', async () => {
    // Credentials are IT's: folded away under the overview until opened.
    expect(byTestId<HTMLDetailsElement>('credentials-more').open).toBe(false)
    await rendered(() => byTestId('credentials-more').querySelector('summary')?.click())
    const secret = byTestId<HTMLInputElement>('client-secret')
    await type(secret, 'correct horse battery staple')
    expect(byTestId<HTMLButtonElement>('save-credentials').disabled).toBe(false)
    await rendered(() => byTestId('save-credentials').click())
    expect(secret.value).toBe('')
    expect(main.next('setCredentials').input).toEqual({
      clientId: 'client-1',
      clientSecret: 'correct horse battery staple'
    })
  })

  it('lets the client id and secret be typed on the on-screen keyboard, into the field last tapped', async () => {
    await rendered(() => byTestId('credentials-more').querySelector('summary')?.click())
    const tap = (...keys: string[]) =>
      act(async () => {
        for (const key of keys) await userEvent.click(byTestId(`key-${key}`))
      })
    // The client id field is the keyboard's first target; its current value is kept.
    expect(byTestId('keyboard-target').textContent).toBe('Typing into: Client id')
    await tap('backspace', 'shift', 'x')
    expect(byTestId<HTMLInputElement>('client-id').value).toBe('client-X')
    await act(async () => {
      await userEvent.click(byTestId('client-secret'))
    })
    expect(byTestId('keyboard-target').textContent).toBe('Typing into: Client secret')
    await tap('s', '3', '~', 'k')
    expect(byTestId<HTMLInputElement>('client-secret').value).toBe('s3~k')
    expect(byTestId<HTMLInputElement>('client-id').value).toBe('client-X')
    await rendered(() => byTestId('save-credentials').click())
    expect(main.next('setCredentials').input).toEqual({ clientId: 'client-X', clientSecret: 's3~k' })
  })

  it("says what went wrong in the kiosk's language, and says it again when the language changes", async () => {
    await rendered(() => byTestId('choose-reference').click())
    await rendered(() => main.next('chooseReferencePhoto').answer(fail('invalid-input')))
    expect(byTestId('staff-notice').textContent).toBe(en['staff.error.photo'])
    await rendered(() => useLanguageStore.getState().setLanguage('nb'))
    expect(byTestId('staff-notice').textContent).toBe(nb['staff.error.photo'])
  })

  it('leaves through the journey, which locks staff mode', async () => {
    await rendered(() => byTestId('staff-lock').click())
    expect(leaveStaff).toHaveBeenCalledTimes(1)
  })
})
