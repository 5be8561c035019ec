import { useEffect, useRef } from 'react'
import { useCamera } from '../camera/use-camera'
import { useT } from '../i18n'
import { useNavigationStore } from '../stores/navigation-store'

export function CameraCheckScreen() {
  const t = useT()
  const go = useNavigationStore((state) => state.go)
  const camera = useCamera()
  const video = useRef<HTMLVideoElement>(null)

  useEffect(() => {
    if (camera.kind === 'live' && video.current) video.current.srcObject = camera.stream
  }, [camera])

  return (
    <section className="screen screen--camera" aria-labelledby="camera-title">
      <h1 id="camera-title">{t('camera.title')}</h1>
      <p className="lead">{t('camera.lead')}</p>
      <div className="camera-frame">
        <video ref={video} className="camera-frame__video" data-testid="camera-video" autoPlay muted playsInline />
        <div className="camera-frame__oval" aria-hidden="true" />
      </div>
      <p className="camera-state" role="status" data-testid="camera-state" data-state={camera.kind}>
        {camera.kind === 'starting' && t('camera.starting')}
        {camera.kind === 'live' && t('camera.live')}
        {camera.kind === 'failed' && t(`camera.error.${camera.reason}`)}
      </p>
      <button type="button" className="button button--ghost" onClick={() => go('attract')}>
        {t('camera.back')}
      </button>
    </section>
  )
}
