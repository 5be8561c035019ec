import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useCamera } from '../camera/use-camera'
import { useQrScanner } from '../camera/use-qr-scanner'
import { Delete, Keyboard, ScanQrCode } from '../components/icons'
import { Screen } from '../components/Screen'
import { useT } from '../i18n'
import { useJourney } from '../journey/journey-context'
import { keypadText, ticketDigits } from '../journey/ticket'
import { useJourneyStore } from '../stores/journey-store'

const HEX_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', '0', 'b', 'c', 'd', 'e', 'f'] as const

/**
 * Only when the kiosk needs a ticket: the ids of the earlier ID check whose photo is the reference.
 * Three ways in, none of them typing 73 characters by hand: the QR code held up to the kiosk camera,
 * a keyboard-wedge scanner (it types the code and presses Enter: the field has the focus from the
 * start, and keys pressed anywhere else on the screen go to it), or the on-screen keypad, which
 * needs only the hex digits.
 */
export function ReferenceScreen() {
  const t = useT()
  const journey = useJourney()
  const error = useJourneyStore((state) => state.ticketError)
  const [ticket, setTicket] = useState('')
  const [mode, setMode] = useState<'scan' | 'keypad'>('scan')
  const field = useRef<HTMLTextAreaElement>(null)

  const submit = useCallback(
    (text: string): void => {
      if (text.trim()) void journey.submitTicket(text)
    },
    [journey]
  )
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault()
    submit(ticket)
  }
  // A scanner ends with Enter; in a text area that would be a new line.
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key !== 'Enter') return
    event.preventDefault()
    submit(ticket)
  }

  useEffect(() => {
    field.current?.focus({ preventScroll: true })
    // Keys typed while something else has the focus (a button just touched) still reach the field.
    const onWindowKey = (event: globalThis.KeyboardEvent): void => {
      const input = field.current
      if (!input || document.activeElement === input) return
      if (event.ctrlKey || event.altKey || event.metaKey || event.key.length !== 1) return
      input.focus({ preventScroll: true })
    }
    window.addEventListener('keydown', onWindowKey, { capture: true })
    return () => window.removeEventListener('keydown', onWindowKey, { capture: true })
  }, [])

  const onScanned = useCallback(
    (text: string): void => {
      setTicket(text)
      submit(text)
    },
    [submit]
  )

  const press = (key: string): void => {
    const digits = ticketDigits(ticket)
    setTicket(keypadText(key === 'delete' ? digits.slice(0, -1) : key === 'clear' ? '' : digits + key))
  }

  return (
    <Screen
      name="reference"
      title={t('reference.title')}
      focus="none"
      visual={
        mode === 'scan' ? (
          <QrScanPanel onCode={onScanned} />
        ) : (
          <div className="hex-keypad" role="group" aria-label={t('reference.keypad')} data-testid="ticket-keypad">
            {HEX_KEYS.map((key) => (
              <button
                key={key}
                type="button"
                className="button button--ghost hex-keypad__key"
                data-testid={`ticket-key-${key}`}
                onClick={() => press(key)}
              >
                {key.toUpperCase()}
              </button>
            ))}
            <button
              type="button"
              className="button button--ghost hex-keypad__key hex-keypad__key--wide"
              data-testid="ticket-key-clear"
              onClick={() => press('clear')}
            >
              {t('reference.clear')}
            </button>
            <button
              type="button"
              className="button button--ghost hex-keypad__key hex-keypad__key--wide"
              data-testid="ticket-key-delete"
              aria-label={t('reference.delete')}
              onClick={() => press('delete')}
            >
              <Delete className="icon" aria-hidden="true" />
            </button>
          </div>
        )
      }
      actions={
        <>
          <button type="button" className="button button--ghost" onClick={() => void journey.reset()}>
            {t('common.back')}
          </button>
          <button
            type="submit"
            form="ticket-form"
            className="button button--primary"
            data-testid="ticket-continue"
            data-primary=""
            disabled={ticket.trim() === ''}
          >
            {t('common.continue')}
          </button>
        </>
      }
    >
      <p className="lead" data-speak="">
        {t('reference.lead')}
      </p>
      <form id="ticket-form" className="form" onSubmit={onSubmit} noValidate>
        <label className="field" htmlFor="ticket">
          <span className="field__label" data-speak="">
            {t('reference.label')}
          </span>
          <textarea
            ref={field}
            id="ticket"
            className="field__input field__input--code"
            data-testid="ticket"
            rows={2}
            value={ticket}
            onChange={(event) => setTicket(event.target.value)}
            onKeyDown={onKeyDown}
            autoComplete="off"
            autoCorrect="off"
            autoCapitalize="off"
            spellCheck={false}
            aria-describedby="ticket-hint ticket-error"
            aria-invalid={error ? true : undefined}
          />
          <span id="ticket-hint" className="field__hint" data-speak="">
            {t('reference.hint')}
          </span>
        </label>
        <p id="ticket-error" className="error" role="alert" data-testid="ticket-error" data-speak="">
          {error ? t(error) : ''}
        </p>
      </form>
      <button
        type="button"
        className="button button--ghost button--with-icon"
        data-testid="ticket-mode"
        data-mode={mode}
        onClick={() => setMode(mode === 'scan' ? 'keypad' : 'scan')}
      >
        {mode === 'scan' ? (
          <Keyboard className="icon" aria-hidden="true" />
        ) : (
          <ScanQrCode className="icon" aria-hidden="true" />
        )}
        {t(mode === 'scan' ? 'reference.typeCode' : 'reference.scanCode')}
      </button>
    </Screen>
  )
}

/** The kiosk camera as a QR reader: the live picture with a frame to hold the code in. */
function QrScanPanel(props: { onCode: (text: string) => void }) {
  const t = useT()
  const camera = useCamera()
  const video = useRef<HTMLVideoElement>(null)
  useEffect(() => {
    if (camera.kind === 'live' && video.current) video.current.srcObject = camera.stream
  }, [camera])
  useQrScanner(video, camera.kind === 'live', props.onCode)
  return (
    <div className="camera-frame camera-frame--scan" data-testid="ticket-scanner" data-state={camera.kind}>
      <video ref={video} className="camera-frame__video" autoPlay muted playsInline />
      <div className="camera-frame__target" aria-hidden="true" />
      <p className="camera-frame__feedback camera-frame__feedback--none" role="status">
        <ScanQrCode className="icon" aria-hidden="true" />
        {camera.kind === 'failed' ? t('reference.cameraOff') : t('reference.scanHint')}
      </p>
    </div>
  )
}
