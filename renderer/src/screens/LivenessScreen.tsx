import { Screen, Spinner } from '../components/Screen'
import { useT } from '../i18n'
import { useJourneyStore } from '../stores/journey-store'

/** Behind FaceTec's own full-screen UI: what shows while it starts, and while the capture is sent. */
export function LivenessScreen() {
  const t = useT()
  const sending = useJourneyStore((state) => state.sending)
  return (
    <Screen name="liveness" title={t('liveness.title')}>
      <p className="lead">{t('liveness.lead')}</p>
      <Spinner label={sending ? t('liveness.sending') : t('liveness.starting')} />
      <p className="quiet" role="status">
        {sending ? t('liveness.sending') : t('liveness.starting')}
      </p>
    </Screen>
  )
}
