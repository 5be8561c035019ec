import { Actions, Screen } from '../components/Screen'
import { useT } from '../i18n'
import { useJourney } from '../journey/journey-context'
import { useJourneyStore } from '../stores/journey-store'

/** The privacy notice. While it is read, main is already preparing the check. */
export function ConsentScreen() {
  const t = useT()
  const journey = useJourney()
  const preparation = useJourneyStore((state) => state.preparation)
  return (
    <Screen name="consent" title={t('consent.title')}>
      <div className="notice">
        <p>{t('consent.what')}</p>
        <p>{t('consent.who')}</p>
        <p>{t('consent.rights')}</p>
      </div>
      <p className="quiet" role="status" data-testid="preparation" data-state={preparation}>
        {preparation === 'preparing' ? t('consent.preparing') : preparation === 'ready' ? t('consent.ready') : ''}
      </p>
      <Actions>
        <button
          type="button"
          className="button button--ghost"
          data-testid="decline"
          onClick={() => void journey.declineConsent()}
        >
          {t('consent.decline')}
        </button>
        <button
          type="button"
          className="button button--primary"
          data-testid="accept"
          onClick={() => journey.acceptConsent()}
        >
          {t('consent.accept')}
        </button>
      </Actions>
    </Screen>
  )
}
