import { Actions, Screen } from '../components/Screen'
import { useT } from '../i18n'
import { useJourney } from '../journey/journey-context'
import { useJourneyStore } from '../stores/journey-store'
import { useSettingsStore } from '../stores/settings-store'

export function RetryScreen() {
  const t = useT()
  const journey = useJourney()
  const message = useJourneyStore((state) => state.retryMessage)
  const attempts = useJourneyStore((state) => state.attempts)
  const max = useSettingsStore((state) => state.settings?.maxLivenessAttempts ?? 1)
  return (
    <Screen name="retry" title={t('retry.title')}>
      {message && (
        <p className="lead" data-testid="retry-message">
          {t(message)}
        </p>
      )}
      <p className="quiet" data-testid="attempts-left">
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
