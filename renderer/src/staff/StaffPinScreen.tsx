import { useEffect, useState } from 'react'
import type { UnlockResult } from '../../../preload/api'
import { Actions, Screen } from '../components/Screen'
import { useT } from '../i18n'
import { useJourney } from '../journey/journey-context'
import { loadStaffScreen } from './load-staff-screen'
import { useStaff } from './staff-context'

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const

/** A touch keypad for the staff PIN (a keyboard works too). Main checks the PIN and limits attempts. */
export function StaffPinScreen() {
  const t = useT()
  const journey = useJourney()
  const staff = useStaff()
  const [pin, setPin] = useState('')
  const [answer, setAnswer] = useState<UnlockResult | null>(null)
  // The check itself failed (the bridge or main broke), as opposed to a wrong PIN.
  const [failed, setFailed] = useState(false)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    // Fetched while the PIN is typed; a failure shows when the staff screen itself is needed.
    loadStaffScreen().catch(() => undefined)
  }, [])

  const press = (digit: string): void => setPin((current) => (current.length < 12 ? current + digit : current))
  const unlock = async (): Promise<void> => {
    setBusy(true)
    setFailed(false)
    // Null when the check itself failed: said on screen, so staff do not look at a silent pad.
    const result = await staff.unlock(pin)
    setAnswer(result)
    setFailed(result === null)
    // Either way the PIN leaves the screen; staff type it again.
    setPin('')
    setBusy(false)
    if (result?.outcome === 'unlocked') journey.staffUnlocked()
  }
  const message = failed
    ? t('staff.pin.failed')
    : answer?.outcome === 'wrong'
      ? t('staff.pin.wrong', { count: answer.attemptsLeft })
      : answer?.outcome === 'locked'
        ? t('staff.pin.locked', { minutes: Math.ceil(answer.retryInSeconds / 60) })
        : answer?.outcome === 'not-configured'
          ? t('staff.pin.notConfigured')
          : ''

  return (
    <Screen name="staff-pin" title={t('staff.pin.title')}>
      <p className="lead">{t('staff.pin.lead')}</p>
      <p className="pin-dots" aria-live="polite" data-testid="pin-length" data-length={pin.length}>
        <span aria-hidden="true">{'●'.repeat(pin.length) || '\u00a0'}</span>
        <span className="visually-hidden">{t('staff.pin.entered', { count: pin.length })}</span>
      </p>
      <div
        className="keypad"
        onKeyDown={(event) => {
          if (/^\d$/.test(event.key)) press(event.key)
          if (event.key === 'Backspace') setPin((current) => current.slice(0, -1))
        }}
      >
        {KEYS.map((digit) => (
          <button
            key={digit}
            type="button"
            className="button button--ghost keypad__key"
            data-testid={`pin-${digit}`}
            onClick={() => press(digit)}
          >
            {digit}
          </button>
        ))}
        <button
          type="button"
          className="button button--ghost keypad__key"
          aria-label={t('staff.pin.delete')}
          onClick={() => setPin((current) => current.slice(0, -1))}
        >
          ⌫
        </button>
      </div>
      <p className="error" role="alert" data-testid="pin-message">
        {message}
      </p>
      <Actions>
        <button type="button" className="button button--ghost" onClick={() => void journey.reset()}>
          {t('common.back')}
        </button>
        <button
          type="button"
          className="button button--primary"
          data-testid="pin-unlock"
          disabled={busy || pin.length === 0}
          onClick={() => void unlock()}
        >
          {t('staff.pin.unlock')}
        </button>
      </Actions>
    </Screen>
  )
}
