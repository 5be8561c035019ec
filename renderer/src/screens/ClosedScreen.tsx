import { Building2 } from '../components/icons'
import { Mark, Screen } from '../components/Screen'
import { useT } from '../i18n'

/**
 * Staff closed the kiosk for a while: visitors are sent to the counter, in their language, with
 * nothing to press. Staff reach staff mode through the hidden entry, as on every screen.
 */
export function ClosedScreen() {
  const t = useT()
  return (
    <Screen name="closed" title={t('closed.title')} tone="neutral" visual={<Mark icon={Building2} tone="neutral" />}>
      <p className="lead" data-speak="">
        {t('closed.lead')}
      </p>
    </Screen>
  )
}
