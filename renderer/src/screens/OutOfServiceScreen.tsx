import { Actions, Screen } from '../components/Screen'
import { useT } from '../i18n'
import { useJourney } from '../journey/journey-context'
import { useJourneyStore } from '../stores/journey-store'

/** Each cause has its own message; an unreachable Assure clears by itself when the network returns. */
export function OutOfServiceScreen() {
  const t = useT()
  const journey = useJourney()
  const reason = useJourneyStore((state) => state.outOfService) ?? 'configuration'
  return (
    <Screen name="out-of-service" title={t('outOfService.title')} tone="warning">
      <p className="lead" data-testid="out-of-service-reason" data-reason={reason}>
        {t(`outOfService.${reason}`)}
      </p>
      <p className="quiet">{t('outOfService.sorry')}</p>
      {reason !== 'assure' && (
        <Actions>
          <button type="button" className="button button--ghost" data-testid="start-over" onClick={() => void journey.reset()}>
            {t('common.tryAgain')}
          </button>
        </Actions>
      )}
    </Screen>
  )
}
