import { LanguagePicker } from '../components/LanguagePicker'
import { useT } from '../i18n'
import { useNavigationStore } from '../stores/navigation-store'

export function AttractScreen() {
  const t = useT()
  const go = useNavigationStore((state) => state.go)
  return (
    <section className="screen screen--attract" aria-labelledby="attract-title">
      <h1 id="attract-title">{t('attract.title')}</h1>
      <p className="lead">{t('attract.lead')}</p>
      <button type="button" className="button button--primary button--huge" data-testid="start" onClick={() => go('camera-check')}>
        {t('attract.start')}
      </button>
      <LanguagePicker />
    </section>
  )
}
