import type { JobResult, NextStepOutcome } from '../../../preload/api'
import { FinishActions } from '../components/FinishActions'
import { Ban, CircleCheck, CircleHelp, ServerCrash, UserRoundX, type LucideIcon } from '../components/icons'
import { Mark, Screen, type Tone } from '../components/Screen'
import { NextStep, VisitReference } from '../components/VisitInfo'
import { useT, type MessageKey } from '../i18n'
import { useJourneyStore } from '../stores/journey-store'

/** Each outcome has its own picture (icon and shape, not colour alone), words and next step. */
const OUTCOME = {
  accepted: {
    title: 'result.accepted.title',
    lead: 'result.accepted.lead',
    tone: 'positive',
    icon: CircleCheck,
    next: 'accepted'
  },
  rejected: {
    title: 'result.rejected.title',
    lead: 'result.rejected.lead',
    tone: 'negative',
    icon: UserRoundX,
    next: 'rejected'
  },
  inconclusive: {
    title: 'result.inconclusive.title',
    lead: 'result.inconclusive.lead',
    tone: 'warning',
    icon: CircleHelp,
    next: 'inconclusive'
  },
  // Assure could not do the check, or it was called off: not a verdict on the person.
  failed: {
    title: 'result.failed.title',
    lead: 'result.failed.lead',
    tone: 'warning',
    icon: ServerCrash,
    next: 'failed'
  },
  canceled: {
    title: 'result.canceled.title',
    lead: 'result.canceled.lead',
    tone: 'neutral',
    icon: Ban,
    next: 'canceled'
  },
  other: { title: 'result.other.title', lead: 'result.other.lead', tone: 'neutral', icon: CircleHelp, next: 'failed' }
} as const satisfies Record<
  JobResult,
  { title: MessageKey; lead: MessageKey; tone: Tone; icon: LucideIcon; next: NextStepOutcome }
>

/** The result in plain words, what to do next, and the reference to quote. */
export function ResultScreen() {
  const t = useT()
  const result = useJourneyStore((state) => state.result) ?? 'other'
  const outcome = OUTCOME[result]
  return (
    <Screen
      name="result"
      title={t(outcome.title)}
      tone={outcome.tone}
      visual={<Mark icon={outcome.icon} tone={outcome.tone} testId="result-mark" />}
      actions={<FinishActions />}
    >
      <p className="lead" data-testid="result" data-result={result} data-speak="">
        {t(outcome.lead)}
      </p>
      <NextStep outcome={outcome.next} />
      <VisitReference />
    </Screen>
  )
}
