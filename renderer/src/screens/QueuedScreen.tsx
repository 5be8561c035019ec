import { FinishActions } from '../components/FinishActions'
import { Hourglass, WifiOff } from '../components/icons'
import { Mark, Screen } from '../components/Screen'
import { NextStep, VisitReference } from '../components/VisitInfo'
import { useT } from '../i18n'
import { useJourneyStore } from '../stores/journey-store'

/**
 * The check is saved and finishes by itself: the network dropped after the capture, or the result
 * takes longer than the kiosk lets a person wait. Nothing is lost and nothing has to be repeated; the
 * reference lets staff find the result.
 */
export function QueuedScreen() {
  const t = useT()
  const because = useJourneyStore((state) => state.queuedBecause)
  return (
    <Screen
      name="queued"
      title={t('queued.title')}
      tone="info"
      visual={<Mark icon={because === 'slow' ? Hourglass : WifiOff} tone="info" />}
      actions={<FinishActions />}
    >
      <p className="lead" data-testid="queued-reason" data-reason={because} data-speak="">
        {t(because === 'slow' ? 'queued.slow' : 'queued.lead')}
      </p>
      <NextStep outcome="queued" />
      <VisitReference />
    </Screen>
  )
}
