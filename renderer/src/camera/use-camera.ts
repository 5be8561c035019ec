import { useEffect, useState } from 'react'

export type CameraState =
  { kind: 'starting' } | { kind: 'live'; stream: MediaStream } | { kind: 'failed'; reason: CameraFailure }

export type CameraFailure = 'denied' | 'missing' | 'busy' | 'other'

export const CAMERA_CONSTRAINTS: MediaStreamConstraints = {
  audio: false,
  video: { facingMode: 'user', width: { ideal: 1280 }, height: { ideal: 720 } }
}

/** Maps getUserMedia's DOMException names to what the kiosk tells the user. */
export function cameraFailureOf(error: unknown): CameraFailure {
  const name = error instanceof DOMException || error instanceof Error ? error.name : ''
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied'
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing'
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy'
  return 'other'
}

/** Opens the camera while the calling component is mounted, and always releases it afterwards. */
export function useCamera(): CameraState {
  const [state, setState] = useState<CameraState>({ kind: 'starting' })
  useEffect(() => {
    let stream: MediaStream | null = null
    let cancelled = false
    // Through a promise so a missing mediaDevices (insecure context) becomes a failure, not a crash.
    Promise.resolve()
      .then(() => navigator.mediaDevices.getUserMedia(CAMERA_CONSTRAINTS))
      .then((opened) => {
        if (cancelled) {
          for (const track of opened.getTracks()) track.stop()
          return
        }
        stream = opened
        setState({ kind: 'live', stream: opened })
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ kind: 'failed', reason: cameraFailureOf(error) })
      })
    return () => {
      cancelled = true
      for (const track of stream?.getTracks() ?? []) track.stop()
    }
  }, [])
  return state
}
