/** What an end screen tells the person to do: the next step, the visit's reference, tips. */
import type { ReactNode } from 'react'
import { useLanguageStore, useT } from '../i18n'
import { useJourneyStore } from '../stores/journey-store'
import { useJourneySettingsStore } from '../stores/journey-settings-store'
import { ArrowRight } from './icons'
import type { NextStepOutcome } from '../../../preload/api'

/** The reference letter by letter, as a person reads it out to staff ("K 7 M ..."). */
export function spelled(reference: string): string {
  return reference.split('').join(' ')
}

/**
 * The visit's short reference, for the person to show staff: large, in two groups of three, in a
 * typeface where 0/O and 1/I would differ (the alphabet has none of them anyway).
 */
export function VisitReference() {
  const t = useT()
  const reference = useJourneyStore((state) => state.visitReference)
  if (!reference) return null
  return (
    <div className="visit-reference" data-testid="visit-reference" data-reference={reference}>
      <span className="visit-reference__label" data-speak="">
        {t('visit.reference')}
      </span>
      <span className="visit-reference__code" aria-label={spelled(reference)} data-speak={spelled(reference)}>
        {reference.slice(0, 3)}
        <span className="visit-reference__gap" aria-hidden="true" />
        {reference.slice(3)}
      </span>
      <span className="visit-reference__help" data-speak="">
        {t('visit.referenceHelp')}
      </span>
    </div>
  )
}

/** The operator's next step for this outcome (configured per language), or the kiosk's own words. */
export function NextStep(props: { outcome: NextStepOutcome }) {
  const t = useT()
  const language = useLanguageStore((state) => state.language)
  const configured = useJourneySettingsStore((state) => state.settings?.operator.nextSteps[props.outcome]?.[language])
  return (
    <div className="next-step" data-testid="next-step" data-outcome={props.outcome}>
      <ArrowRight className="next-step__icon" aria-hidden="true" />
      <div>
        <p className="next-step__title">{t('next.title')}</p>
        <p className="next-step__text" data-speak="" data-configured={configured ? '' : undefined}>
          {configured ?? t(`next.${props.outcome}`)}
        </p>
      </div>
    </div>
  )
}

/** A row of illustrated tips, each a picture and a few words. */
export function Tips(props: { title: string; tips: Array<{ key: string; picture: ReactNode; text: string }> }) {
  return (
    <section className="tips" aria-label={props.title} data-testid="tips">
      <h2 className="tips__title" data-speak="">
        {props.title}
      </h2>
      <ul className="tips__list">
        {props.tips.map((tip) => (
          <li key={tip.key} className="tips__item" data-tip={tip.key}>
            {tip.picture}
            <span data-speak="">{tip.text}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
