import { Screen, Spinner } from '../components/Screen'
import { useT } from '../i18n'

export function ProcessingScreen() {
  const t = useT()
  return (
    <Screen name="processing" title={t('processing.title')}>
      <Spinner label={t('processing.title')} />
      <p className="lead">{t('processing.lead')}</p>
      <p className="quiet">{t('processing.saved')}</p>
    </Screen>
  )
}
