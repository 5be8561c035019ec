import { useEffect, useRef, useState } from 'react'
import { useCamera } from '../camera/use-camera'
import { useT } from '../i18n'

/** Diagnostics: how many cameras the kiosk sees, and a live picture from the one the check uses. */
export function CameraPreview() {
  const t = useT()
  const camera = useCamera()
  const video = useRef<HTMLVideoElement>(null)
  const [count, setCount] = useState<number | null>(null)

  useEffect(() => {
    if (camera.kind === 'live' && video.current) video.current.srcObject = camera.stream
    if (camera.kind === 'starting') return
    // Labels and a true count need a granted camera, hence after getUserMedia.
    navigator.mediaDevices
      ?.enumerateDevices()
      .then((devices) => setCount(devices.filter((device) => device.kind === 'videoinput').length))
      .catch(() => setCount(0))
  }, [camera])

  return (
    <div className="staff-stack" data-testid="diagnostic-camera" data-state={camera.kind}>
      <p>
        <strong>{t('staff.diagnostics.camera')}:</strong>{' '}
        {camera.kind === 'live'
          ? t('staff.diagnostics.ok')
          : camera.kind === 'failed'
            ? t(`camera.error.${camera.reason}`)
            : t('camera.starting')}{' '}
        {count !== null && t('staff.diagnostics.cameraCount', { count })}
      </p>
      <div className="camera-frame camera-frame--small">
        <video ref={video} className="camera-frame__video" autoPlay muted playsInline />
      </div>
    </div>
  )
}
