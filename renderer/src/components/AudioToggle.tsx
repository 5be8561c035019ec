import { kioskSpeaker, useAudioStore } from '../audio/audio-store'
import { useLanguageStore, useT } from '../i18n'
import { Volume2, VolumeX } from './icons'

/** The visible switch for spoken instructions (EU Accessibility Act: text-to-speech on the terminal). */
export function AudioToggle() {
  const t = useT()
  const enabled = useAudioStore((state) => state.enabled)
  const toggle = useAudioStore((state) => state.toggle)
  const language = useLanguageStore((state) => state.language)
  // Re-read when the OS reports its voices.
  useAudioStore((state) => state.voicesVersion)
  const speaker = kioskSpeaker()
  const voice = speaker.available && speaker.hasVoice(language)
  const Icon = enabled ? Volume2 : VolumeX
  return (
    <div className="audio-toggle">
      <button
        type="button"
        className="button button--chip audio-toggle__button"
        aria-pressed={enabled}
        disabled={!speaker.available}
        data-testid="audio-toggle"
        onClick={toggle}
      >
        <Icon className="icon" aria-hidden="true" />
        <span>{t('audio.label')}</span>
        <span className="audio-toggle__state">{t(enabled ? 'audio.on' : 'audio.off')}</span>
      </button>
      {(!speaker.available || (enabled && !voice)) && (
        <span className="audio-toggle__note" data-testid="audio-note">
          {t(speaker.available ? 'audio.noVoice' : 'audio.unavailable')}
        </span>
      )}
    </div>
  )
}
