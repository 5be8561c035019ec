import { Actions, Screen } from '../components/Screen'
import { useT } from '../i18n'
import { useJourney } from '../journey/journey-context'

/** The network dropped after the capture: nothing is lost and nothing has to be repeated. */
export function QueuedScreen() {
  const t = useT()
  const journey = useJourney()
  return (
    <Screen name="queued" title={t('queued.title')} tone="neutral">
      <p className="lead">{t('queued.lead')}</p>
      <p className="quiet">{t('queued.staff')}</p>
      <Actions>
        <button type="button" className="button button--primary" data-testid="finish" onClick={() => void journey.reset()}>
          {t('common.finish')}
        </button>
      </Actions>
    </Screen>
  )
}
