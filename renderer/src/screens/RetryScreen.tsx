import type { ReactNode } from 'react'
import { RotateCcw } from '../components/icons'
import { TipCloser, TipInOval, TipLight, TipNoGlasses } from '../components/illustrations'
import { Mark, Screen } from '../components/Screen'
import { Tips } from '../components/VisitInfo'
import { useT, type MessageKey, type Translate } from '../i18n'
import { useJourney } from '../journey/journey-context'
import { MAX_SDK_INIT_ATTEMPTS, useJourneyStore } from '../stores/journey-store'
import { useJourneySettingsStore } from '../stores/journey-settings-store'

type Tip = { key: string; picture: ReactNode; text: string }

/**
 * What to change before trying again, from why the face check failed (reference: guided retry beats
 * blind retry). FaceTec failing to start is not the person's doing: no tips then, just that.
 */
function tipsFor(message: MessageKey | null, t: Translate): Tip[] {
  const oval = { key: 'oval', picture: <TipInOval />, text: t('retry.tip.oval') }
  const closer = { key: 'closer', picture: <TipCloser />, text: t('retry.tip.closer') }
  const light = { key: 'light', picture: <TipLight />, text: t('camera.tip.light') }
  const glasses = { key: 'glasses', picture: <TipNoGlasses />, text: t('camera.tip.glasses') }
  switch (message) {
    case 'facetec.session.timeout':
      return [oval, closer, light]
    case 'facetec.session.interrupted':
      return [{ ...oval, text: t('retry.tip.stay') }, closer, light]
    case 'facetec.session.userCancelled':
      return [oval, closer]
    default:
      return [oval, light, glasses]
  }
}

export function RetryScreen() {
  const t = useT()
  const journey = useJourney()
  const message = useJourneyStore((state) => state.retryMessage)
  // Attempts of the kind that failed: face checks, or FaceTec failing to start.
  const initialization = useJourneyStore((state) => state.retryCause === 'initialization')
  const attempts = useJourneyStore((state) => (initialization ? state.initFailures : state.attempts))
  const maxLiveness = useJourneySettingsStore((state) => state.settings?.maxLivenessAttempts ?? 1)
  const max = initialization ? MAX_SDK_INIT_ATTEMPTS : maxLiveness
  const left = Math.max(0, max - attempts)
  return (
    <Screen
      name="retry"
      title={t('retry.title')}
      visual={<Mark icon={RotateCcw} tone="info" />}
      visualSize="compact"
      actions={
        <>
          <button
            type="button"
            className="button button--ghost"
            data-testid="retry-stop"
            onClick={() => void journey.reset()}
          >
            {t('retry.finish')}
          </button>
          <button
            type="button"
            className="button button--primary"
            data-testid="retry"
            data-primary=""
            onClick={() => journey.tryAgain()}
          >
            {t('common.tryAgain')}
          </button>
        </>
      }
    >
      {message && (
        <p className="lead" data-testid="retry-message" data-speak="">
          {t(message)}
        </p>
      )}
      {initialization ? (
        <p className="quiet" data-speak="">
          {t('retry.notYou')}
        </p>
      ) : (
        <Tips title={t('retry.tipsTitle')} tips={tipsFor(message, t)} />
      )}
      <div className="attempts" data-speak="">
        <span className="attempts__dots" aria-hidden="true">
          {Array.from({ length: max }, (_, index) => (
            <span key={index} className={index < left ? 'attempts__dot attempts__dot--left' : 'attempts__dot'} />
          ))}
        </span>
        <span data-testid="attempts-left" data-cause={initialization ? 'initialization' : 'liveness'}>
          {t('retry.attemptsLeft', { count: left })}
        </span>
      </div>
    </Screen>
  )
}
