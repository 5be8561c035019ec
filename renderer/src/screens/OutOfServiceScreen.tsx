import { CameraOff, ScanFace, WifiOff, Wrench, type LucideIcon } from '../components/icons'
import { Mark, Screen, Spinner } from '../components/Screen'
import { useT } from '../i18n'
import { useJourneyStore, type OutOfServiceReason } from '../stores/journey-store'

const ICON: Record<OutOfServiceReason, LucideIcon> = {
  assure: WifiOff,
  camera: CameraOff,
  sdk: ScanFace,
  configuration: Wrench
}

/**
 * Each cause has its own message, in the kiosk's language, and offers nothing a visitor cannot do:
 * an unreachable Assure clears by itself when the network returns (the screen says it is checking);
 * the other causes need staff, whose details are in staff mode.
 */
export function OutOfServiceScreen() {
  const t = useT()
  const reason = useJourneyStore((state) => state.outOfService) ?? 'configuration'
  return (
    <Screen
      name="out-of-service"
      title={t('outOfService.title')}
      tone="neutral"
      visual={<Mark icon={ICON[reason]} tone="neutral" />}
    >
      <p className="lead" data-testid="out-of-service-reason" data-reason={reason} data-speak="">
        {t(`outOfService.${reason}`)}
      </p>
      <p className="quiet" data-speak="">
        {t('outOfService.sorry')}
      </p>
      {reason === 'assure' ? (
        <div className="inline-progress">
          <Spinner label={t('outOfService.recovering')} />
          <span>{t('outOfService.recovering')}</span>
        </div>
      ) : (
        <p className="quiet quiet--small" data-testid="out-of-service-staff">
          {t('outOfService.staffDetails')}
        </p>
      )}
    </Screen>
  )
}
