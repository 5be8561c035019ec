import type { Diagnostics } from '../../../preload/api'
import { useLanguageStore, useT } from '../i18n'
import { CameraPreview } from './CameraPreview'
import { useStaff } from './staff-context'
import { useStaffStore } from './staff-store'
import { diagnosticText, faceTecOutcomeText, formatWhen } from './staff-text'

/** Checks of Assure, a token, the SDK folder and the camera; and how FaceTec last did, shown without running anything. */
export function DiagnosticsTab() {
  const t = useT()
  const staff = useStaff()
  const language = useLanguageStore((state) => state.language)
  const result = useStaffStore((state) => state.diagnostics)
  const facetec = useStaffStore((state) => state.facetec)
  const line = (name: 'assure' | 'token' | 'dossier' | 'sdk', done: Diagnostics) => (
    <li key={name} data-testid={`diagnostic-${name}`} data-ok={done[name].ok}>
      <strong>{t(`staff.diagnostics.${name}`)}:</strong>{' '}
      {done[name].ok ? t('staff.diagnostics.ok') : t('staff.diagnostics.failed')} — {diagnosticText(t, name, done)}
    </li>
  )
  return (
    <div className="staff-columns">
      <div className="staff-stack">
        <button
          type="button"
          className="button button--primary"
          data-testid="run-diagnostics"
          onClick={() => void staff.runDiagnostics()}
        >
          {t('staff.diagnostics.run')}
        </button>
        {result && (
          <p className="quiet" data-testid="diagnostics-last-run">
            {t('staff.diagnostics.lastRun', { when: formatWhen(result.at, language) })}
          </p>
        )}
        {(result || facetec !== undefined) && (
          <ul className="checks">
            {result && line('assure', result)}
            {result && line('token', result)}
            {result && line('dossier', result)}
            {result && line('sdk', result)}
            {result && (
              <li data-testid="diagnostic-config" className="checks__path">
                <strong>{t('staff.diagnostics.config')}:</strong>{' '}
                {result.configFile ?? t('staff.diagnostics.config.none')}
              </li>
            )}
            {facetec !== undefined && (
              <li
                data-testid="diagnostic-facetec"
                data-phase={facetec?.phase ?? 'none'}
                data-ok={facetec?.ok ?? 'none'}
                data-status={facetec?.status?.name ?? facetec?.reason ?? 'none'}
              >
                <strong>{t('staff.diagnostics.facetec')}:</strong> {faceTecOutcomeText(t, facetec, language)}
              </li>
            )}
          </ul>
        )}
      </div>
      <CameraPreview />
    </div>
  )
}
