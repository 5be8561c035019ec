import { useEffect, useState } from 'react'
import { ScanFace } from '../components/icons'
import { Screen, Spinner } from '../components/Screen'
import { useT } from '../i18n'
import { useJourney } from '../journey/journey-context'
import { useJourneySettingsStore } from '../stores/journey-settings-store'

/**
 * Waiting for Assure's result, honestly: "a few seconds" at first, "still checking" after a third of
 * the hand-over time, and at the hand-over time the person is sent to the queued screen with their
 * reference (the check finishes by itself) instead of waiting minutes in front of a spinner.
 */
export function ProcessingScreen() {
  const t = useT()
  const journey = useJourney()
  const handOverSeconds = useJourneySettingsStore((state) => state.settings?.processingHandOverSeconds ?? 45)
  const [stage, setStage] = useState<'checking' | 'still'>('checking')
  useEffect(() => {
    const still = setTimeout(() => setStage('still'), (handOverSeconds * 1000) / 3)
    const handOver = setTimeout(() => journey.resultIsSlow(), handOverSeconds * 1000)
    return () => {
      clearTimeout(still)
      clearTimeout(handOver)
    }
  }, [handOverSeconds, journey])
  const title = stage === 'still' ? t('processing.stillTitle') : t('processing.title')
  return (
    <Screen name="processing" title={title} visual={<Spinner label={title} icon={ScanFace} />}>
      <p className="lead" data-testid="processing-stage" data-stage={stage} data-speak="">
        {stage === 'still' ? t('processing.stillLead') : t('processing.lead')}
      </p>
      <p className="quiet" data-speak="">
        {t('processing.saved')}
      </p>
    </Screen>
  )
}
