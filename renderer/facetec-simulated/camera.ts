/** The webcam, opened the way the real SDK does (getUserMedia), and its failures as session statuses. */
import { FaceTecSessionStatus } from '../src/facetec/sdk-types'

const CONSTRAINTS: MediaStreamConstraints = {
  audio: false,
  video: { facingMode: 'user', width: { ideal: 1280 }, height: { ideal: 720 } }
}

export class CameraFailure extends Error {
  override readonly name = 'CameraFailure'
  constructor(
    readonly status: FaceTecSessionStatus,
    message: string
  ) {
    super(message)
  }
}

export async function openCamera(): Promise<MediaStream> {
  try {
    // Looked up on every call (not cached), so a page can swap mediaDevices' implementation.
    return await navigator.mediaDevices.getUserMedia(CONSTRAINTS)
  } catch (error) {
    throw new CameraFailure(
      statusForCameraError(error),
      error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    )
  }
}

/**
 * Permission refused -> CameraNotEnabled, or UserCancelledWhenAttemptingToGetCameraPermissions when
 * the prompt was dismissed rather than denied; no usable device -> CameraNotRunning.
 */
export function statusForCameraError(error: unknown): FaceTecSessionStatus {
  const name = error instanceof Error || error instanceof DOMException ? error.name : ''
  const message = error instanceof Error || error instanceof DOMException ? error.message : ''
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') {
    return /dismiss/i.test(message)
      ? FaceTecSessionStatus.UserCancelledWhenAttemptingToGetCameraPermissions
      : FaceTecSessionStatus.CameraNotEnabled
  }
  return FaceTecSessionStatus.CameraNotRunning
}

export function stopCamera(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop()
}

/** Resolves true once the video shows a frame, false if none comes in time (a dead camera). */
export function firstFrame(video: HTMLVideoElement, timeoutMs: number): Promise<boolean> {
  if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0) return Promise.resolve(true)
  return new Promise((resolve) => {
    const done = (ok: boolean): void => {
      clearTimeout(timer)
      video.removeEventListener('loadeddata', onData)
      resolve(ok)
    }
    const onData = (): void => done(video.videoWidth > 0)
    const timer = setTimeout(() => done(false), timeoutMs)
    video.addEventListener('loadeddata', onData)
  })
}
