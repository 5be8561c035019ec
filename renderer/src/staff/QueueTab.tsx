import { useState } from 'react'
import type { StaffJob } from '../../../preload/api'
import { useLanguageStore, useT, type Translate } from '../i18n'
import { Pager } from './Pager'
import { useStaff } from './staff-context'
import { useStaffStore } from './staff-store'
import { formatWhen } from './staff-text'

/** The kiosk's verification jobs, newest first, with what staff can do about each. */
export function QueueTab() {
  const t = useT()
  const staff = useStaff()
  const language = useLanguageStore((state) => state.language)
  const jobs = useStaffStore((state) => state.jobs)
  const { page, pages, total, reference } = useStaffStore((state) => state.queue)
  // The reference a visitor shows: typed with or without its space, in any case; main finds it.
  const [find, setFind] = useState('')
  // Discarding cannot be undone: the row asks first, and only one row asks at a time.
  const [discarding, setDiscarding] = useState<string | null>(null)
  const wanted = find.toUpperCase().replace(/[^A-Z0-9]/g, '')
  const shown = jobs ?? []
  if (!jobs) return null
  if (total === 0 && !reference) return <p className="lead">{t('staff.queue.empty')}</p>
  return (
    <div className="staff-stack">
      <label className="field field--inline" htmlFor="queue-find">
        <span className="field__label">{t('staff.queue.find')}</span>
        <input
          id="queue-find"
          className="field__input field__input--find"
          data-testid="queue-find"
          value={find}
          maxLength={8}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => {
            setFind(event.target.value)
            const next = event.target.value.toUpperCase().replace(/[^A-Z0-9]/g, '')
            // A whole reference (six characters) or none: a partial one would match nothing in main.
            if (next.length === 6 || next.length === 0) void staff.findVisit(next)
          }}
        />
        {wanted && reference === wanted && total === 0 && (
          <span className="field__hint" role="status" data-testid="queue-find-none">
            {t('staff.queue.noMatch', { reference: wanted })}
          </span>
        )}
      </label>
      <table className="queue" data-testid="queue">
        <thead>
          <tr>
            <th scope="col">{t('staff.queue.visit')}</th>
            <th scope="col">{t('staff.queue.phase')}</th>
            <th scope="col">{t('staff.queue.details')}</th>
            <th scope="col">{t('staff.queue.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((job) => (
            <tr key={job.jobId} data-testid="queue-row" data-job={job.jobId} data-phase={job.phase}>
              <td>
                {job.visitReference && (
                  <span className="queue__reference" data-testid="queue-reference">
                    {job.visitReference.slice(0, 3)} {job.visitReference.slice(3)}
                  </span>
                )}
                <span className="queue__when">{formatWhen(job.createdAt, language)}</span>
              </td>
              <td data-testid="queue-state">{plainState(t, job)}</td>
              <td className="queue__details">
                <details data-testid="queue-details">
                  <summary className="button button--ghost button--small">{t('staff.queue.more')}</summary>
                  <p className="staff-detail" lang="en">
                    {[technicalDetail(t, job), t('staff.queue.jobId', { jobId: job.jobId })]
                      .filter(Boolean)
                      .join(' · ')}
                  </p>
                </details>
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
                  {(job.phase === 'failed' || job.phase === 'queued') &&
                    (discarding === job.jobId ? (
                      <div
                        className="confirm"
                        role="alertdialog"
                        aria-labelledby={`discard-${job.jobId}`}
                        data-testid="discard-confirm"
                      >
                        <span id={`discard-${job.jobId}`}>{t('staff.queue.discard.confirm')}</span>
                        <button
                          type="button"
                          className="button button--danger"
                          data-testid="discard-yes"
                          onClick={() => {
                            setDiscarding(null)
                            void staff.discardJob(job.jobId)
                          }}
                        >
                          {t('staff.queue.discard.yes')}
                        </button>
                        <button
                          type="button"
                          className="button button--ghost"
                          data-testid="discard-no"
                          onClick={() => setDiscarding(null)}
                        >
                          {t('staff.queue.discard.no')}
                        </button>
                      </div>
                    ) : (
                      <button
                        type="button"
                        className="button button--ghost"
                        data-testid="discard"
                        onClick={() => setDiscarding(job.jobId)}
                      >
                        {t('staff.queue.discard')}
                      </button>
                    ))}
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
      <Pager id="queue" page={page} pages={pages} go={(to) => void staff.showQueuePage(to)} />
    </div>
  )
}

/** What happened to the visit's check, in the words a branch employee uses. */
function plainState(t: Translate, job: StaffJob): string {
  switch (job.phase) {
    case 'preparing':
    case 'ready':
      return t('staff.queue.state.preparing')
    case 'submitted':
    case 'processing':
      return t('staff.queue.state.checking')
    case 'queued':
      return t('staff.queue.state.queued')
    case 'completed':
      return job.result ? t(`staff.result.${job.result}`) : t('staff.phase.completed')
    case 'failed':
      return job.failure ? t(`failure.${job.failure.reason}`) : t('staff.queue.state.failed')
    case 'cancelled':
      return t('staff.queue.state.cancelled')
  }
}

/** The technical side (error codes, Assure's reason), one tap away. */
function technicalDetail(t: Translate, job: StaffJob): string {
  if (job.lastError) return t('staff.queue.lastError', { error: job.lastError })
  if (job.result === 'failed' && job.detail) return t('staff.queue.assureReason', { reason: job.detail })
  // A kept result with something not done (issue 16): said beside it.
  if (job.phase === 'completed' && job.detail) return t('staff.queue.resultNote', { detail: job.detail })
  return job.detail ?? ''
}
