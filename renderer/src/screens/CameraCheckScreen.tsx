import { useEffect, useRef } from 'react'
import { useCamera } from '../camera/use-camera'
import { Actions, Screen } from '../components/Screen'
import { useT } from '../i18n'
import { useJourney } from '../journey/journey-context'

/** The person sees themselves and steps into place; the camera is released before FaceTec opens it. */
export function CameraCheckScreen() {
  const t = useT()
  const journey = useJourney()
  const camera = useCamera()
  const video = useRef<HTMLVideoElement>(null)

  useEffect(() => {
    if (camera.kind === 'live' && video.current) video.current.srcObject = camera.stream
    if (camera.kind === 'failed') journey.cameraFailed()
  }, [camera, journey])

  return (
    <Screen name="camera-check" title={t('camera.title')}>
      <p className="lead">{t('camera.lead')}</p>
      <div className="camera-frame">
        <video ref={video} className="camera-frame__video" data-testid="camera-video" autoPlay muted playsInline />
        <div className="camera-frame__oval" aria-hidden="true" />
      </div>
      <p className="quiet" role="status" data-testid="camera-state" data-state={camera.kind}>
        {camera.kind === 'starting' && t('camera.starting')}
        {camera.kind === 'live' && t('camera.tips')}
        {camera.kind === 'failed' && t(`camera.error.${camera.reason}`)}
      </p>
      <Actions>
        <button type="button" className="button button--ghost" onClick={() => void journey.reset()}>
          {t('common.back')}
        </button>
        <button
          type="button"
          className="button button--primary"
          data-testid="camera-continue"
          disabled={camera.kind !== 'live'}
          onClick={() => journey.cameraConfirmed()}
        >
          {t('camera.continue')}
        </button>
      </Actions>
    </Screen>
  )
}
