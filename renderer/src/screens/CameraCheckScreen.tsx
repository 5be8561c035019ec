import { useEffect, useRef } from 'react'
import { useCamera } from '../camera/use-camera'
import { useFrameFeedback } from '../camera/use-frame-feedback'
import { CircleCheck, TriangleAlert } from '../components/icons'
import { TipLight, TipNoGlasses, TipNoHat, TipOnePerson } from '../components/illustrations'
import { Screen } from '../components/Screen'
import { Tips } from '../components/VisitInfo'
import { useT } from '../i18n'
import { useJourney } from '../journey/journey-context'
import { useJourneyStore } from '../stores/journey-store'

/**
 * The person sees themselves, steps into the oval, and is told what would spoil the check (light,
 * glasses, a hat, someone else in the picture) before an attempt is spent. The camera is released
 * before FaceTec opens it.
 */
export function CameraCheckScreen() {
  const t = useT()
  const journey = useJourney()
  const camera = useCamera()
  const video = useRef<HTMLVideoElement>(null)
  const feedback = useFrameFeedback(video, camera.kind === 'live')
  const byStaff = useJourneyStore((state) => state.referenceByStaff)

  useEffect(() => {
    if (camera.kind === 'live' && video.current) video.current.srcObject = camera.stream
    if (camera.kind === 'failed') journey.cameraFailed()
  }, [camera, journey])

  const state =
    camera.kind === 'starting'
      ? t('camera.starting')
      : camera.kind === 'failed'
        ? t(`camera.error.${camera.reason}`)
        : feedback === null
          ? t('camera.feedback.checking')
          : t(`camera.feedback.${feedback}`)
  return (
    <Screen
      name="camera-check"
      title={t('camera.title')}
      visual={
        <div className="camera-frame" data-testid="camera-state" data-state={camera.kind}>
          <video ref={video} className="camera-frame__video" data-testid="camera-video" autoPlay muted playsInline />
          <div className="camera-frame__oval" aria-hidden="true" />
          <p
            className={`camera-frame__feedback camera-frame__feedback--${feedback === 'ok' ? 'ok' : feedback ? 'hint' : 'none'}`}
            role="status"
            data-testid="camera-feedback"
            data-feedback={feedback ?? 'none'}
            data-speak-update=""
          >
            {feedback === 'ok' && <CircleCheck className="icon" aria-hidden="true" />}
            {feedback && feedback !== 'ok' && <TriangleAlert className="icon" aria-hidden="true" />}
            {state}
          </p>
        </div>
      }
      actions={
        <>
          <button type="button" className="button button--ghost" onClick={() => void journey.reset()}>
            {t('common.back')}
          </button>
          <button
            type="button"
            className="button button--primary"
            data-testid="camera-continue"
            data-primary=""
            disabled={camera.kind !== 'live'}
            onClick={() => journey.cameraConfirmed()}
          >
            {t('camera.continue')}
          </button>
        </>
      }
    >
      <p className="lead" data-speak="">
        {t('camera.lead')}
      </p>
      {byStaff && (
        <p className="quiet" data-testid="staff-photo-note" data-speak="">
          {t('camera.staffPhoto')}
        </p>
      )}
      <Tips
        title={t('camera.tipsTitle')}
        tips={[
          { key: 'light', picture: <TipLight />, text: t('camera.tip.light') },
          { key: 'glasses', picture: <TipNoGlasses />, text: t('camera.tip.glasses') },
          { key: 'hat', picture: <TipNoHat />, text: t('camera.tip.hat') },
          { key: 'alone', picture: <TipOnePerson />, text: t('camera.tip.alone') }
        ]}
      />
      <p className="quiet" data-speak="">
        {t('camera.closer')}
      </p>
    </Screen>
  )
}
