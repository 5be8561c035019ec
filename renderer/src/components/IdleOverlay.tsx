import { useEffect, useRef } from 'react'
import { useT } from '../i18n'

/** "Are you still there?" with a visible countdown and one big button. */
export function IdleOverlay(props: { secondsLeft: number; onStay: () => void }) {
  const t = useT()
  const button = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    button.current?.focus()
  }, [])
  return (
    <div
      className="overlay"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="idle-title"
      aria-describedby="idle-lead"
      data-testid="idle-overlay"
    >
      <div className="overlay__panel">
        <h2 id="idle-title">{t('idle.title')}</h2>
        <p
          id="idle-lead"
          className="lead"
          aria-live="polite"
          data-testid="idle-countdown"
          data-seconds={props.secondsLeft}
        >
          {t('idle.lead', { seconds: props.secondsLeft })}
        </p>
        <button
          ref={button}
          type="button"
          className="button button--primary button--huge"
          data-testid="idle-stay"
          onClick={props.onStay}
        >
          {t('idle.stay')}
        </button>
      </div>
    </div>
  )
}
