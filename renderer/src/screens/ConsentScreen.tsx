import { lazy, Suspense } from 'react'
import { Building2, Clock3, Hand, Info, LockKeyhole, ScanFace, type LucideIcon } from '../components/icons'
import { Mark, Screen } from '../components/Screen'
import { useLanguageStore, useT } from '../i18n'
import { useJourney } from '../journey/journey-context'
import { useJourneyStore } from '../stores/journey-store'
import { useJourneySettingsStore } from '../stores/journey-settings-store'

// Only kiosks with a privacy address show a QR code: the encoder is not in the first screen's bundle.
const QrCode = lazy(() => import('../components/QrCode'))

/**
 * The privacy notice (GDPR art. 9: biometric data needs informed consent). The operator's own notice
 * for the language if configured; otherwise the kiosk's, which names the controller, the purpose, the
 * biometric processing, how long anything is kept, the alternative, and where to read more. While it
 * is read, main is already preparing the check.
 */
export function ConsentScreen() {
  const t = useT()
  const journey = useJourney()
  const language = useLanguageStore((state) => state.language)
  const preparation = useJourneyStore((state) => state.preparation)
  const settings = useJourneySettingsStore((state) => state.settings)
  const operator = settings?.operator
  const configured = operator?.privacy.notice[language]
  const moreInfo = operator?.privacy.moreInfoUrl ?? null
  const sections: Array<{ key: string; icon: LucideIcon; title: string; text: string }> = [
    {
      key: 'controller',
      icon: Building2,
      title: t('consent.who.title'),
      text: t('consent.who.text', { controller: operator?.name ?? t('consent.controller.default') })
    },
    {
      key: 'purpose',
      icon: ScanFace,
      title: t('consent.what.title'),
      text: t(settings?.referenceSource === 'ticket' ? 'consent.what.ticket' : 'consent.what.configured')
    },
    {
      key: 'retention',
      icon: Clock3,
      title: t('consent.keep.title'),
      text: t('consent.keep.text', { days: operator?.privacy.retentionDays ?? 30 })
    },
    { key: 'choice', icon: Hand, title: t('consent.choice.title'), text: t('consent.choice.text') }
  ]
  return (
    <Screen
      name="consent"
      title={t('consent.title')}
      visual={<Mark icon={LockKeyhole} tone="info" />}
      visualSize="compact"
      actions={
        <>
          <button
            type="button"
            className="button button--ghost"
            data-testid="decline"
            onClick={() => void journey.declineConsent()}
          >
            {t('consent.decline')}
          </button>
          <button
            type="button"
            className="button button--primary"
            data-testid="accept"
            data-primary=""
            onClick={() => journey.acceptConsent()}
          >
            {t('consent.accept')}
          </button>
        </>
      }
    >
      <div className="notice" data-testid="privacy-notice" data-source={configured ? 'operator' : 'default'}>
        {configured ? (
          configured.map((paragraph, index) => (
            <p key={index} data-speak="">
              {paragraph}
            </p>
          ))
        ) : (
          <ul className="notice__sections">
            {sections.map(({ key, icon: Icon, title, text }) => (
              <li key={key} className="notice__section" data-section={key}>
                <Icon className="notice__icon" aria-hidden="true" />
                <div>
                  <h2 className="notice__title" data-speak="">
                    {title}
                  </h2>
                  <p data-speak="">{text}</p>
                </div>
              </li>
            ))}
          </ul>
        )}
        <div className="notice__more" data-section="more">
          {moreInfo ? (
            <>
              <Suspense fallback={<span className="qr-code" />}>
                <QrCode text={moreInfo} label={t('consent.more.qr')} testId="privacy-qr" />
              </Suspense>
              <p data-speak="">
                <Info className="icon" aria-hidden="true" /> {t('consent.more.url')}{' '}
                <span className="notice__url">{moreInfo.replace(/^https:\/\//, '')}</span>
              </p>
            </>
          ) : (
            <p data-speak="">
              <Info className="icon" aria-hidden="true" /> {t('consent.more.staff')}
            </p>
          )}
        </div>
      </div>
      <p className="quiet status-line" role="status" data-testid="preparation" data-state={preparation}>
        {preparation === 'preparing' ? t('consent.preparing') : preparation === 'ready' ? t('consent.ready') : ''}
      </p>
    </Screen>
  )
}
