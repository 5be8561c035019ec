import { Actions, Screen } from '../components/Screen'
import { useT } from '../i18n'
import { useJourney } from '../journey/journey-context'
import { MAX_SDK_INIT_ATTEMPTS, useJourneyStore } from '../stores/journey-store'
import { useJourneySettingsStore } from '../stores/journey-settings-store'

export function RetryScreen() {
  const t = useT()
  const journey = useJourney()
  const message = useJourneyStore((state) => state.retryMessage)
  // Attempts of the kind that failed: face checks, or FaceTec failing to start.
  const initialization = useJourneyStore((state) => state.retryCause === 'initialization')
  const attempts = useJourneyStore((state) => (initialization ? state.initFailures : state.attempts))
  const maxLiveness = useJourneySettingsStore((state) => state.settings?.maxLivenessAttempts ?? 1)
  const max = initialization ? MAX_SDK_INIT_ATTEMPTS : maxLiveness
  return (
    <Screen name="retry" title={t('retry.title')}>
      {message && (
        <p className="lead" data-testid="retry-message">
          {t(message)}
        </p>
      )}
      <p className="quiet" data-testid="attempts-left" data-cause={initialization ? 'initialization' : 'liveness'}>
        {t('retry.attemptsLeft', { count: Math.max(0, max - attempts) })}
      </p>
      <Actions>
        <button
          type="button"
          className="button button--ghost"
          data-testid="retry-stop"
          onClick={() => void journey.reset()}
        >
          {t('retry.finish')}
        </button>
        <button type="button" className="button button--primary" data-testid="retry" onClick={() => journey.tryAgain()}>
          {t('common.tryAgain')}
        </button>
      </Actions>
    </Screen>
  )
}
