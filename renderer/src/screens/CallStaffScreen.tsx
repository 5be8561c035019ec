import { FinishActions } from '../components/FinishActions'
import { Headset } from '../components/icons'
import { Mark, Screen } from '../components/Screen'
import { NextStep, VisitReference } from '../components/VisitInfo'
import { useT } from '../i18n'
import { useJourneyStore } from '../stores/journey-store'

export function CallStaffScreen() {
  const t = useT()
  const reason = useJourneyStore((state) => state.callStaff)
  const detail =
    reason?.kind === 'retry-limit'
      ? t('callStaff.retryLimit', { count: reason.attempts })
      : reason?.kind === 'facetec'
        ? t(reason.messageKey)
        : // The technical reason is for staff (their queue shows it); the person hears the plain version.
          t('callStaff.failed')
  return (
    <Screen
      name="call-staff"
      title={t('callStaff.title')}
      tone="warning"
      visual={<Mark icon={Headset} tone="warning" />}
      actions={<FinishActions />}
    >
      <p className="lead" data-testid="call-staff-reason" data-reason={reason?.kind ?? 'none'} data-speak="">
        {detail}
      </p>
      <NextStep outcome="callStaff" />
      <VisitReference />
    </Screen>
  )
}
