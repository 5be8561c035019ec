import { FinishActions } from '../components/FinishActions'
import { Screen } from '../components/Screen'
import { useT, type MessageKey } from '../i18n'
import { useJourneyStore } from '../stores/journey-store'

const TEXT = {
  accepted: { title: 'result.accepted.title', lead: 'result.accepted.lead', tone: 'positive', mark: '✓' },
  rejected: { title: 'result.rejected.title', lead: 'result.rejected.lead', tone: 'warning', mark: '!' },
  inconclusive: { title: 'result.inconclusive.title', lead: 'result.inconclusive.lead', tone: 'warning', mark: '?' },
  // Assure could not do the check, or it was called off: not a verdict on the person.
  failed: { title: 'result.failed.title', lead: 'result.failed.lead', tone: 'warning', mark: '!' },
  canceled: { title: 'result.canceled.title', lead: 'result.canceled.lead', tone: 'neutral', mark: 'i' },
  other: { title: 'result.other.title', lead: 'result.other.lead', tone: 'neutral', mark: 'i' }
} as const satisfies Record<
  string,
  { title: MessageKey; lead: MessageKey; tone: 'positive' | 'warning' | 'neutral'; mark: string }
>

/** The result in plain words, and what to do next. */
export function ResultScreen() {
  const t = useT()
  const result = useJourneyStore((state) => state.result) ?? 'other'
  const text = TEXT[result]
  return (
    <Screen name="result" title={t(text.title)} tone={text.tone}>
      <div className={`result-mark result-mark--${text.tone}`} aria-hidden="true">
        {text.mark}
      </div>
      <p className="lead" data-testid="result" data-result={result}>
        {t(text.lead)}
      </p>
      <FinishActions />
    </Screen>
  )
}
