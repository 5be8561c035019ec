import { useLanguageStore, useT } from '../i18n'
import { Pager, usePage } from './Pager'
import { useStaff } from './staff-context'
import { useStaffStore } from './staff-store'
import { formatWhen } from './staff-text'

/** Rows per page: what fits in the staff panel in every language and orientation (portrait wraps most). */
const QUEUE_PAGE = 4

/** The kiosk's verification jobs, newest first, with what staff can do about each. */
export function QueueTab() {
  const t = useT()
  const staff = useStaff()
  const language = useLanguageStore((state) => state.language)
  const jobs = useStaffStore((state) => state.jobs)
  const { page, pages, shown, go } = usePage(jobs ?? [], QUEUE_PAGE)
  if (!jobs) return null
  if (jobs.length === 0) return <p className="lead">{t('staff.queue.empty')}</p>
  return (
    <div className="staff-stack">
      <table className="queue" data-testid="queue">
        <thead>
          <tr>
            <th scope="col">{t('staff.queue.created')}</th>
            <th scope="col">{t('staff.queue.phase')}</th>
            <th scope="col">{t('staff.queue.result')}</th>
            <th scope="col">{t('staff.queue.details')}</th>
            <th scope="col">{t('staff.queue.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((job) => (
            <tr key={job.jobId} data-testid="queue-row" data-job={job.jobId} data-phase={job.phase}>
              <td>{formatWhen(job.createdAt, language)}</td>
              <td>{t(`staff.phase.${job.phase}`)}</td>
              <td>{job.result ? t(`staff.result.${job.result}`) : '—'}</td>
              <td className="queue__details">
                {job.failure
                  ? t(`failure.${job.failure.reason}`)
                  : job.lastError
                    ? t('staff.queue.lastError', { error: job.lastError })
                    : job.result === 'failed' && job.detail
                      ? t('staff.queue.assureReason', { reason: job.detail })
                      : ''}
              </td>
              <td>
                <div className="actions actions--row">
                  {job.failure?.retryable && (
                    <button
                      type="button"
                      className="button button--ghost"
                      data-testid="retry"
                      onClick={() => void staff.retryJob(job.jobId)}
                    >
                      {t('staff.queue.retry')}
                    </button>
                  )}
                  {(job.phase === 'failed' || job.phase === 'queued') && (
                    <button
                      type="button"
                      className="button button--ghost"
                      data-testid="discard"
                      onClick={() => void staff.discardJob(job.jobId)}
                    >
                      {t('staff.queue.discard')}
                    </button>
                  )}
                  {job.hasArchivedResult && (
                    <button
                      type="button"
                      className="button button--ghost"
                      data-testid="export-result"
                      onClick={() => void staff.exportResult(job.jobId)}
                    >
                      {t('staff.queue.export')}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager id="queue" page={page} pages={pages} go={go} />
    </div>
  )
}
