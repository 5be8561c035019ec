import { useEffect, type ComponentType } from 'react'
import { Screen } from '../components/Screen'
import { useT } from '../i18n'
import { useJourney } from '../journey/journey-context'
import { AuditTab } from './AuditTab'
import { DiagnosticsTab } from './DiagnosticsTab'
import { OverviewTab } from './OverviewTab'
import { QueueTab } from './QueueTab'
import { SettingsTab } from './SettingsTab'
import { useStaff } from './staff-context'
import { STAFF_TABS, useStaffStore, type StaffTab } from './staff-store'

const TAB_PANELS: Record<StaffTab, ComponentType> = {
  overview: OverviewTab,
  queue: QueueTab,
  diagnostics: DiagnosticsTab,
  settings: SettingsTab,
  audit: AuditTab
}

/** Staff mode: the kiosk's state, its queue, diagnostics, settings, credentials and audit log, one tab each. */
export function StaffScreen() {
  const t = useT()
  const journey = useJourney()
  const staff = useStaff()
  const tab = useStaffStore((state) => state.tab)
  const notice = useStaffStore((state) => state.notice)
  useEffect(() => staff.open(), [staff])
  const Panel = TAB_PANELS[tab]

  return (
    <Screen name="staff" title={t('staff.title')}>
      <div className="tabs" role="tablist" aria-label={t('staff.title')}>
        {STAFF_TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            className="button button--ghost"
            data-testid={`staff-tab-${name}`}
            onClick={() => void staff.showTab(name)}
          >
            {t(`staff.tab.${name}`)}
          </button>
        ))}
      </div>
      <div
        className="staff-panel"
        role="tabpanel"
        id={`panel-${tab}`}
        aria-labelledby={`tab-${tab}`}
        data-testid={`staff-panel-${tab}`}
      >
        <Panel />
      </div>
      <p className="quiet" role="status" data-testid="staff-notice">
        {notice ? t(notice.key, notice.params) : ''}
      </p>
      <div className="staff-leave">
        <button
          type="button"
          className="button button--primary"
          data-testid="staff-lock"
          onClick={() => void journey.leaveStaff()}
        >
          {t('staff.lock')}
        </button>
        <button type="button" className="button" data-testid="staff-quit" onClick={() => void staff.quitKiosk()}>
          {t('staff.quit')}
        </button>
      </div>
    </Screen>
  )
}
