import { FinishActions } from '../components/FinishActions'
import { Screen } from '../components/Screen'
import { useT } from '../i18n'

/** The network dropped after the capture: nothing is lost and nothing has to be repeated. */
export function QueuedScreen() {
  const t = useT()
  return (
    <Screen name="queued" title={t('queued.title')} tone="neutral">
      <p className="lead">{t('queued.lead')}</p>
      <p className="quiet">{t('queued.staff')}</p>
      <FinishActions />
    </Screen>
  )
}
