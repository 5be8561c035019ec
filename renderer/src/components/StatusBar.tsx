import { useEffect, useRef } from 'react'
import { useT } from '../i18n'
import { useStatusStore } from '../stores/status-store'

/** Mode, connectivity, kiosk id and version, as main reported them (demo mode also has its badge). */
export function StatusBar() {
  const t = useT()
  const status = useStatusStore((state) => state.status)
  const failed = useStatusStore((state) => state.failed)

  if (!status) {
    return (
      <footer className="status-bar" data-testid="status-bar">
        <span data-testid="status-loading">{t(failed ? 'status.unavailable' : 'status.loading')}</span>
      </footer>
    )
  }
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="status-bar-mode" data-mode={status.mode}>
        {t(`status.mode.${status.mode}`)}
      </span>
      <span
        className={`connectivity connectivity--${status.connectivity}`}
        data-testid="status-connectivity"
        data-state={status.connectivity}
      >
        <span className="connectivity__dot" aria-hidden="true" />
        {t(`status.connectivity.${status.connectivity}`)}
      </span>
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
