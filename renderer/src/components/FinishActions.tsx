import { useT } from '../i18n'
import { useJourney } from '../journey/journey-context'
import { Actions } from './Screen'

/** The end screens' one action: the visit is over, the kiosk resets for the next person. */
export function FinishActions() {
  const t = useT()
  const journey = useJourney()
  return (
    <Actions>
      <button
        type="button"
        className="button button--primary"
        data-testid="finish"
        onClick={() => void journey.reset()}
      >
        {t('common.finish')}
      </button>
    </Actions>
  )
}
