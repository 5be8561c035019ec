import { useEffect, useRef } from 'react'
import { kioskSpeaker, useAudioStore } from '../audio/audio-store'
import { playChime } from '../audio/chime'
import { useLanguageStore, useT } from '../i18n'
import { Clock3 } from './icons'

/**
 * The idle countdown, inline in the bar at the foot of the screen (where the language choice was), so
 * it never covers what the person is reading, least of all their result. It is announced to the ear
 * too: a chime when it starts and, with audio guidance on, the words; "More time" extends it.
 */
export function IdleBanner(props: { secondsLeft: number; totalSeconds: number; ending: boolean; onStay: () => void }) {
  const t = useT()
  const language = useLanguageStore((state) => state.language)
  const audio = useAudioStore((state) => state.enabled)
  const { secondsLeft, totalSeconds } = props
  const started = useRef(false)
  useEffect(() => {
    if (started.current) return
    started.current = true
    playChime()
  }, [])
  useEffect(() => {
    if (!audio) return
    if (secondsLeft === totalSeconds || secondsLeft === 5)
      kioskSpeaker().speak(t('idle.spoken', { seconds: secondsLeft }), language)
  }, [audio, secondsLeft, totalSeconds, t, language])
  const fraction = Math.max(0, Math.min(1, secondsLeft / totalSeconds))
  return (
    <div className="idle-banner" role="group" aria-labelledby="idle-lead" data-testid="idle-banner">
      <svg className="idle-banner__ring" viewBox="0 0 48 48" aria-hidden="true">
        <circle className="idle-banner__track" cx="24" cy="24" r="20" />
        <circle
          className="idle-banner__left"
          cx="24"
          cy="24"
          r="20"
          pathLength={100}
          strokeDasharray="100"
          strokeDashoffset={100 - fraction * 100}
        />
      </svg>
      <Clock3 className="idle-banner__icon" aria-hidden="true" />
      <p id="idle-lead" className="idle-banner__text" data-testid="idle-countdown" data-seconds={secondsLeft}>
        {t(props.ending ? 'idle.ending' : 'idle.lead', { seconds: secondsLeft })}
      </p>
      {/* Read out once when the countdown starts, not every second. */}
      <p className="visually-hidden" role="alert">
        {t(props.ending ? 'idle.ending' : 'idle.lead', { seconds: totalSeconds })}
      </p>
      <button
        type="button"
        className="button button--primary idle-banner__stay"
        data-testid="idle-stay"
        onClick={props.onStay}
      >
        {t('idle.stay')}
      </button>
    </div>
  )
}
