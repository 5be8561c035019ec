import { useEffect } from 'react'
import { BadgeCheck, Clock3, ScanFace, ShieldCheck } from '../components/icons'
import { HeroIllustration } from '../components/illustrations'
import { Screen } from '../components/Screen'
import { useT } from '../i18n'
import { useJourney } from '../journey/journey-context'

export function AttractScreen() {
  const t = useT()
  const journey = useJourney()
  useEffect(() => {
    // A User Timing mark: when the attract screen is first on screen (benchmark P4, performance traces).
    if (performance.getEntriesByName('kiosk:attract').length === 0) performance.mark('kiosk:attract')
  }, [])
  const steps = [
    { icon: ShieldCheck, text: t('attract.step1') },
    { icon: ScanFace, text: t('attract.step2') },
    { icon: BadgeCheck, text: t('attract.step3') }
  ]
  return (
    <Screen
      name="attract"
      title={t('attract.title')}
      visual={<HeroIllustration />}
      actions={
        <button
          type="button"
          className="button button--primary button--huge"
          data-testid="start"
          data-primary=""
          onClick={() => journey.start()}
        >
          {t('attract.start')}
        </button>
      }
    >
      <p className="lead" data-speak="">
        {t('attract.lead')}
      </p>
      <ol className="steps" aria-label={t('attract.steps')}>
        {steps.map(({ icon: Icon, text }, index) => (
          <li key={index} className="steps__item">
            <span className="steps__number" aria-hidden="true">
              {index + 1}
            </span>
            <Icon className="steps__icon" aria-hidden="true" />
            <span data-speak="">{text}</span>
          </li>
        ))}
      </ol>
      <p className="chip" data-speak="">
        <Clock3 className="icon" aria-hidden="true" />
        {t('attract.duration')}
      </p>
    </Screen>
  )
}
