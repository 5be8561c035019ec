import { useLanguageStore, useT } from '../i18n'
import { Pager, usePage } from './Pager'
import { useStaff } from './staff-context'
import { useStaffStore } from './staff-store'
import { auditText, formatWhen } from './staff-text'

/** Rows per page: what fits in the staff panel in every language and orientation. */
const AUDIT_PAGE = 8

/** Who did what at this kiosk, in the kiosk's language, and a copy to save. */
export function AuditTab() {
  const t = useT()
  const staff = useStaff()
  const language = useLanguageStore((state) => state.language)
  const entries = useStaffStore((state) => state.audit)
  const { page, pages, shown, go } = usePage(entries ?? [], AUDIT_PAGE)
  return (
    <div className="staff-stack">
      <button
        type="button"
        className="button button--ghost"
        data-testid="export-audit"
        onClick={() => void staff.exportAuditLog()}
      >
        {t('staff.audit.export')}
      </button>
      {entries === null ? null : entries.length === 0 ? (
        <p className="quiet">{t('staff.audit.empty')}</p>
      ) : (
        <ol className="audit" data-testid="audit-entries">
          {shown.map((entry, index) => (
            <li key={`${page}-${index}`} data-action={entry.action}>
              <time dateTime={entry.at}>{formatWhen(entry.at, language)}</time>{' '}
              <strong>{t(`staff.audit.actor.${entry.actor}`)}</strong> {auditText(t, entry)}
            </li>
          ))}
        </ol>
      )}
      <Pager id="audit" page={page} pages={pages} go={go} />
    </div>
  )
}
