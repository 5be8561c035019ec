import { useEffect } from 'react'
import { Actions, Screen } from '../components/Screen'
import { useT } from '../i18n'
import { useJourney } from '../journey/journey-context'

export function AttractScreen() {
  const t = useT()
  const journey = useJourney()
  useEffect(() => {
    // A User Timing mark: when the attract screen is first on screen (benchmark P4, performance traces).
    if (performance.getEntriesByName('kiosk:attract').length === 0) performance.mark('kiosk:attract')
  }, [])
  return (
    <Screen name="attract" title={t('attract.title')}>
      <p className="lead">{t('attract.lead')}</p>
      <ol className="steps" aria-label={t('attract.steps')}>
        <li>{t('attract.step1')}</li>
        <li>{t('attract.step2')}</li>
        <li>{t('attract.step3')}</li>
      </ol>
      <Actions>
        <button
          type="button"
          className="button button--primary button--huge"
          data-testid="start"
          onClick={() => journey.start()}
        >
          {t('attract.start')}
        </button>
      </Actions>
    </Screen>
  )
}
