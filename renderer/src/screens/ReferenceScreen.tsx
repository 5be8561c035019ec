import { useState, type FormEvent } from 'react'
import { Actions, Screen } from '../components/Screen'
import { useT } from '../i18n'
import { useJourney } from '../journey/journey-context'
import { useJourneyStore } from '../stores/journey-store'

/** Only when the kiosk needs a ticket: the ids of the earlier ID check whose photo is the reference. */
export function ReferenceScreen() {
  const t = useT()
  const journey = useJourney()
  const error = useJourneyStore((state) => state.ticketError)
  const [ticket, setTicket] = useState('')
  const submit = (event: FormEvent): void => {
    event.preventDefault()
    void journey.submitTicket(ticket)
  }
  return (
    <Screen name="reference" title={t('reference.title')}>
      <p className="lead">{t('reference.lead')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <label className="field" htmlFor="ticket">
          <span className="field__label">{t('reference.label')}</span>
          <input
            id="ticket"
            className="field__input"
            data-testid="ticket"
            value={ticket}
            onChange={(event) => setTicket(event.target.value)}
            autoComplete="off"
            autoCorrect="off"
            autoCapitalize="off"
            spellCheck={false}
            aria-describedby="ticket-hint ticket-error"
            aria-invalid={error ? true : undefined}
          />
          <span id="ticket-hint" className="field__hint">
            {t('reference.hint')}
          </span>
        </label>
        <p id="ticket-error" className="error" role="alert" data-testid="ticket-error">
          {error ? t(error) : ''}
        </p>
        <Actions>
          <button type="button" className="button button--ghost" onClick={() => void journey.reset()}>
            {t('common.back')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            data-testid="ticket-continue"
            disabled={ticket.trim() === ''}
          >
            {t('common.continue')}
          </button>
        </Actions>
      </form>
    </Screen>
  )
}
