import { ScanFace } from '../components/icons'
import { Screen, Spinner } from '../components/Screen'
import { useT } from '../i18n'
import { useJourneyStore } from '../stores/journey-store'

/** Behind FaceTec's own full-screen UI: what shows while it starts, and while the capture is sent. */
export function LivenessScreen() {
  const t = useT()
  const sending = useJourneyStore((state) => state.sending)
  const label = sending ? t('liveness.sending') : t('liveness.starting')
  return (
    <Screen name="liveness" title={t('liveness.title')} visual={<Spinner label={label} icon={ScanFace} />}>
      <p className="lead" data-speak="">
        {t('liveness.lead')}
      </p>
      <p className="quiet status-line" role="status" data-speak="">
        {label}
      </p>
    </Screen>
  )
}
