import { useEffect, useRef } from 'react'
import type { Connectivity } from '../../../preload/api'
import { useT } from '../i18n'
import { useJourneyStore } from '../stores/journey-store'
import { useStatusStore } from '../stores/status-store'
import { CircleCheck, CircleX, Clock3, TriangleAlert, type LucideIcon } from './icons'

/** Each state has its own icon, so it does not rest on the dot's colour alone. */
const CONNECTIVITY_ICON: Record<Connectivity, LucideIcon> = {
  unknown: Clock3,
  online: CircleCheck,
  degraded: TriangleAlert,
  offline: CircleX
}

/**
 * Mode, connectivity, kiosk id and version, as main reported them (demo mode also has its badge).
 * While the kiosk is out of service the bar says so instead of the connection, so a green
 * "Connected" never stands beside a screen that says the kiosk cannot be used.
 */
export function StatusBar() {
  const t = useT()
  const status = useStatusStore((state) => state.status)
  const failed = useStatusStore((state) => state.failed)
  const outOfService = useJourneyStore((state) => (state.screen === 'out-of-service' ? state.outOfService : null))

  if (!status) {
    return (
      <footer className="status-bar" data-testid="status-bar">
        <span data-testid="status-loading">{t(failed ? 'status.unavailable' : 'status.loading')}</span>
      </footer>
    )
  }
  const Icon = outOfService ? CircleX : CONNECTIVITY_ICON[status.connectivity]
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="status-bar-mode" data-mode={status.mode}>
        {t(`status.mode.${status.mode}`)}
      </span>
      {outOfService && outOfService !== 'assure' ? (
        <span className="connectivity connectivity--offline" data-testid="status-service" data-state="out-of-service">
          <Icon className="connectivity__icon" aria-hidden="true" />
          {t('status.outOfService')}
        </span>
      ) : (
        <span
          className={`connectivity connectivity--${outOfService ? 'offline' : status.connectivity}`}
          data-testid="status-connectivity"
          data-state={status.connectivity}
        >
          <Icon className="connectivity__icon" aria-hidden="true" />
          {t(outOfService ? 'status.connectivity.offline' : `status.connectivity.${status.connectivity}`)}
        </span>
      )}
      <span data-testid="status-kiosk">{t('status.kiosk', { kioskId: status.kioskId })}</span>
      <span data-testid="status-version">{t('status.version', { version: status.version })}</span>
    </footer>
  )
}

/**
 * Always visible in demo mode, so nobody mistakes a demo kiosk for a real check: shown as a popover,
 * which lives in the browser's top layer, above every page layer including FaceTec's full-screen UI.
 */
export function ModeBadge() {
  const t = useT()
  const mode = useStatusStore((state) => state.status?.mode)
  const badge = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const element = badge.current
    if (element && !element.matches(':popover-open')) element.showPopover()
  }, [mode])
  if (mode !== 'demo') return null
  return (
    <div ref={badge} popover="manual" className="mode-badge" data-testid="status-mode" data-mode={mode} role="status">
      {t('status.mode.demo')}
    </div>
  )
}
