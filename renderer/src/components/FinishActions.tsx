import { useT } from '../i18n'
import { useJourney } from '../journey/journey-context'

/** The end screens' one action: the visit is over, the kiosk resets for the next person. */
export function FinishActions() {
  const t = useT()
  const journey = useJourney()
  return (
    <button
      type="button"
      className="button button--primary"
      data-testid="finish"
      data-primary=""
      onClick={() => void journey.reset()}
    >
      {t('common.finish')}
    </button>
  )
}
