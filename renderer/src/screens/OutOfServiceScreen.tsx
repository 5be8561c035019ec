import { Actions, Screen } from '../components/Screen'
import { useT } from '../i18n'
import { useJourney } from '../journey/journey-context'
import { useJourneyStore } from '../stores/journey-store'
import { useStatusStore } from '../stores/status-store'

/** Each cause has its own message; an unreachable Assure clears by itself when the network returns. */
export function OutOfServiceScreen() {
  const t = useT()
  const journey = useJourney()
  const reason = useJourneyStore((state) => state.outOfService) ?? 'configuration'
  // For staff: main's own words on what is wrong with the set-up (technical, so not translated).
  const setupProblem = useStatusStore((state) => state.status?.setupProblem)
  return (
    <Screen name="out-of-service" title={t('outOfService.title')} tone="warning">
      <p className="lead" data-testid="out-of-service-reason" data-reason={reason}>
        {t(`outOfService.${reason}`)}
      </p>
      <p className="quiet">{t('outOfService.sorry')}</p>
      {reason === 'configuration' && setupProblem && (
        <p className="staff-detail" lang="en" data-testid="setup-problem">
          {setupProblem}
        </p>
      )}
      {reason !== 'assure' && (
        <Actions>
          <button
            type="button"
            className="button button--ghost"
            data-testid="start-over"
            onClick={() => void journey.reset()}
          >
            {t('common.tryAgain')}
          </button>
        </Actions>
      )}
    </Screen>
  )
}
