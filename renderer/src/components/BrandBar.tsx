import { useT } from '../i18n'
import { useJourneySettingsStore } from '../stores/journey-settings-store'
import { ShieldCheck } from './icons'

/**
 * Who runs this kiosk: the operator's logo and name (configured), or the kiosk's own mark. A stranger
 * at a kiosk decides in seconds whether to trust it; the brand is the first thing that tells them.
 */
export function BrandBar() {
  const t = useT()
  const operator = useJourneySettingsStore((state) => state.settings?.operator)
  return (
    <header className="brand-bar" data-testid="brand-bar">
      {operator?.logo ? (
        <img className="brand-bar__logo" src={operator.logo} alt="" data-testid="brand-logo" />
      ) : (
        <ShieldCheck className="brand-bar__mark" aria-hidden="true" />
      )}
      <span className="brand-bar__name" data-testid="brand-name">
        {operator?.name ?? t('app.title')}
      </span>
    </header>
  )
}
