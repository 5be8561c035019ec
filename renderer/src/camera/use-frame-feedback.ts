/**
 * Samples the camera check's video four times a second into a 64 x 48 canvas, cropped the way the
 * screen shows it (object-fit: cover in the 4:3 frame), and turns it into steady feedback.
 */
import { useEffect, useState, type RefObject } from 'react'
import {
  feedbackOf,
  frameStats,
  SAMPLE_HEIGHT,
  SAMPLE_WIDTH,
  steadyFeedback,
  type FrameFeedback
} from './frame-feedback'

const SAMPLE_EVERY_MS = 250
/** The camera-frame's aspect ratio (styles.css `.camera-frame`). */
const FRAME_ASPECT = 4 / 3

export function useFrameFeedback(video: RefObject<HTMLVideoElement | null>, live: boolean): FrameFeedback | null {
  const [feedback, setFeedback] = useState<FrameFeedback | null>(null)
  useEffect(() => {
    if (!live) return
    const canvas = new OffscreenCanvas(SAMPLE_WIDTH, SAMPLE_HEIGHT)
    const context = canvas.getContext('2d', { willReadFrequently: true })
    if (!context) return
    const steady = steadyFeedback()
    const timer = setInterval(() => {
      const element = video.current
      if (!element || element.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || element.videoWidth === 0) return
      const { videoWidth: width, videoHeight: height } = element
      // The part of the frame the person sees: the centre, cut to the preview's 4:3.
      const cropWidth = Math.min(width, height * FRAME_ASPECT)
      const cropHeight = Math.min(height, width / FRAME_ASPECT)
      context.drawImage(
        element,
        (width - cropWidth) / 2,
        (height - cropHeight) / 2,
        cropWidth,
        cropHeight,
        0,
        0,
        SAMPLE_WIDTH,
        SAMPLE_HEIGHT
      )
      const { data } = context.getImageData(0, 0, SAMPLE_WIDTH, SAMPLE_HEIGHT)
      const next = steady(feedbackOf(frameStats(data, SAMPLE_WIDTH, SAMPLE_HEIGHT)))
      if (next) setFeedback(next)
    }, SAMPLE_EVERY_MS)
    return () => clearInterval(timer)
  }, [video, live])
  return live ? feedback : null
}
