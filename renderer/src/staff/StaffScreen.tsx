import { useCallback, useEffect, useState, type ReactNode } from 'react'
import type {
  AuditEntry,
  Diagnostics,
  FaceTecOutcomeRecord,
  StaffJob,
  StaffOverview,
  StaffJourneySettings
} from '../../../preload/api'
import { kioskApi, unwrap } from '../bridge'
import { Screen } from '../components/Screen'
import { dictionaries, LANGUAGES, useLanguageStore, useT, type Language } from '../i18n'
import { useJourney } from '../journey/journey-context'
import { CameraPreview } from './CameraPreview'
import { Pager, usePage } from './Pager'
import {
  auditText,
  diagnosticText,
  errorText,
  faceTecOutcomeText,
  formatWhen,
  sdkText,
  storageProblemText,
  type ErrorWording
} from './staff-text'

/** Rows per page: what fits in the staff panel in every language and orientation (portrait wraps most). */
const QUEUE_PAGE = 4
const AUDIT_PAGE = 8

const TABS = ['overview', 'queue', 'diagnostics', 'settings', 'audit'] as const
type Tab = (typeof TABS)[number]

/** Staff mode: the kiosk's state, its queue, diagnostics, settings, credentials and audit log. */
export function StaffScreen() {
  const t = useT()
  const journey = useJourney()
  const [tab, setTab] = useState<Tab>('overview')
  const [notice, setNotice] = useState('')

  /** Runs a staff call; a failure is shown in words, never thrown at React. */
  const act = useCallback(
    async <T,>(
      work: () => Promise<T>,
      done?: (value: T) => string | void,
      errors?: ErrorWording
    ): Promise<T | null> => {
      try {
        const value = await work()
        // Loading a panel says nothing; an action says what it did.
        if (done) setNotice(done(value) ?? '')
        return value
      } catch (error) {
        setNotice(errorText(t, error, errors))
        return null
      }
    },
    [t]
  )

  return (
    <Screen name="staff" title={t('staff.title')}>
      <div className="tabs" role="tablist" aria-label={t('staff.title')}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            className="button button--ghost"
            data-testid={`staff-tab-${name}`}
            onClick={() => {
              setNotice('')
              setTab(name)
            }}
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
        {tab === 'overview' && <OverviewPanel act={act} />}
        {tab === 'queue' && <QueuePanel act={act} />}
        {tab === 'diagnostics' && <DiagnosticsPanel act={act} />}
        {tab === 'settings' && <SettingsPanel act={act} />}
        {tab === 'audit' && <AuditPanel act={act} />}
      </div>
      <p className="quiet" role="status" data-testid="staff-notice">
        {notice}
      </p>
      <button
        type="button"
        className="button button--primary"
        data-testid="staff-lock"
        onClick={() => void journey.leaveStaff()}
      >
        {t('staff.lock')}
      </button>
    </Screen>
  )
}

type Act = <T>(work: () => Promise<T>, done?: (value: T) => string | void, errors?: ErrorWording) => Promise<T | null>

function Facts(props: { rows: Array<[string, ReactNode]> }) {
  return (
    <dl className="facts">
      {props.rows.map(([label, value]) => (
        <div key={label} className="facts__row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

function OverviewPanel({ act }: { act: Act }) {
  const t = useT()
  const [overview, setOverview] = useState<StaffOverview | null>(null)
  const load = useCallback(
    () => act(async () => unwrap(await kioskApi().getStaffOverview())).then((value) => value && setOverview(value)),
    [act]
  )
  useEffect(() => {
    void load()
  }, [load])
  if (!overview) return null
  const { reference, sdk } = overview
  return (
    <div className="staff-columns">
      <Facts
        rows={[
          [t('staff.overview.kiosk'), overview.kioskId],
          [t('staff.overview.mode'), t(`status.mode.${overview.mode}`)],
          [t('staff.overview.version'), overview.version],
          [t('staff.overview.connectivity'), t(`status.connectivity.${overview.connectivity}`)],
          [
            t('staff.overview.reference'),
            t(`staff.overview.reference.${reference.source}`, { bytes: reference.bytes })
          ],
          [t('staff.overview.sdk'), sdkText(t, { ...sdk, version: sdk.packageVersion })],
          [
            t('staff.overview.problems'),
            overview.storageProblems.length
              ? overview.storageProblems.map((problem) => storageProblemText(t, problem)).join('; ')
              : t('staff.overview.none')
          ]
        ]}
      />
      <div className="staff-stack">
        <div className="actions">
          <button
            type="button"
            className="button button--ghost"
            data-testid="choose-reference"
            onClick={() =>
              void act(async () => unwrap(await kioskApi().chooseReferencePhoto()), undefined, {
                'invalid-input': 'staff.error.photo'
              }).then(load)
            }
          >
            {t('staff.overview.chooseReference')}
          </button>
          {reference.source === 'staff-file' && (
            <button
              type="button"
              className="button button--ghost"
              data-testid="clear-reference"
              onClick={() => void act(async () => unwrap(await kioskApi().clearReferencePhoto())).then(load)}
            >
              {t('staff.overview.clearReference')}
            </button>
          )}
        </div>
        <CredentialsForm act={act} overview={overview} onSaved={load} />
      </div>
    </div>
  )
}

function CredentialsForm({ act, overview, onSaved }: { act: Act; overview: StaffOverview; onSaved: () => unknown }) {
  const t = useT()
  const [clientId, setClientId] = useState(overview.credentials.clientId ?? '')
  const [secret, setSecret] = useState('')
  return (
    <form
      className="form form--compact"
      data-testid="credentials-form"
      onSubmit={(event) => {
        event.preventDefault()
        void act(
          async () =>
            unwrap(await kioskApi().setCredentials({ clientSecret: secret, ...(clientId ? { clientId } : {}) })),
          () => t('staff.credentials.saved'),
          {
            'invalid-input': 'staff.error.secret',
            conflict: 'staff.error.demoCredentials',
            misconfigured: 'staff.credentials.keyStore'
          }
        ).then(() => {
          // Write-only: the secret leaves the screen as soon as it is stored.
          setSecret('')
          return onSaved()
        })
      }}
    >
      <h2 className="subtitle">{t('staff.credentials.title')}</h2>
      <p className="quiet" data-testid="secret-state">
        {overview.credentials.problem === 'demo-mode'
          ? t('staff.credentials.demo')
          : [
              overview.credentials.secretStored ? t('staff.credentials.stored') : t('staff.credentials.missing'),
              overview.credentials.problem === 'key-store-unavailable' ? t('staff.credentials.keyStore') : ''
            ].join(' ')}
      </p>
      <label className="field">
        <span className="field__label">{t('staff.credentials.clientId')}</span>
        <input
          className="field__input"
          value={clientId}
          onChange={(event) => setClientId(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <label className="field">
        <span className="field__label">{t('staff.credentials.clientSecret')}</span>
        <input
          className="field__input"
          type="password"
          data-testid="client-secret"
          value={secret}
          onChange={(event) => setSecret(event.target.value)}
          autoComplete="off"
        />
      </label>
      <button type="submit" className="button button--primary" data-testid="save-credentials" disabled={secret === ''}>
        {t('staff.credentials.save')}
      </button>
    </form>
  )
}

function QueuePanel({ act }: { act: Act }) {
  const t = useT()
  const language = useLanguageStore((state) => state.language)
  const [jobs, setJobs] = useState<StaffJob[]>([])
  // Main pages the queue (a year of jobs is too many to send whole); this is the page on screen.
  const [wanted, setWanted] = useState(0)
  const [{ page, pages }, setPaging] = useState({ page: 0, pages: 1 })
  const load = useCallback(
    () =>
      act(async () => unwrap(await kioskApi().listJobs({ page: wanted, pageSize: QUEUE_PAGE }))).then((value) => {
        if (!value) return
        setJobs(value.jobs)
        setPaging({ page: value.page, pages: value.pages })
      }),
    [act, wanted]
  )
  useEffect(() => {
    void load()
  }, [load])
  const go = (to: number) => setWanted(Math.max(0, Math.min(to, pages - 1)))
  const shown = jobs
  // Rows follow main's job events without asking main again: a staff call would extend the staff
  // session, and a queued job retrying every few seconds would then keep staff mode open for ever.
  useEffect(
    () =>
      kioskApi().onJobUpdated((view) => {
        setJobs((current) => current.map((job) => (job.jobId === view.jobId ? { ...job, ...view } : job)))
      }),
    []
  )
  const run = (work: () => Promise<unknown>, errors?: ErrorWording) => void act(work, undefined, errors).then(load)
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
                      : job.phase === 'completed' && job.detail
                        ? t('staff.queue.resultNote', { detail: job.detail })
                        : ''}
              </td>
              <td>
                <div className="actions actions--row">
                  {job.failure?.retryable && (
                    <button
                      type="button"
                      className="button button--ghost"
                      data-testid="retry"
                      onClick={() =>
                        run(async () => unwrap(await kioskApi().retryJob({ jobId: job.jobId })), {
                          conflict: 'staff.error.retry'
                        })
                      }
                    >
                      {t('staff.queue.retry')}
                    </button>
                  )}
                  {(job.phase === 'failed' || job.phase === 'queued') && (
                    <button
                      type="button"
                      className="button button--ghost"
                      data-testid="discard"
                      onClick={() => run(async () => unwrap(await kioskApi().discardJob({ jobId: job.jobId })))}
                    >
                      {t('staff.queue.discard')}
                    </button>
                  )}
                  {job.hasArchivedResult && (
                    <button
                      type="button"
                      className="button button--ghost"
                      data-testid="export-result"
                      onClick={() =>
                        void act(
                          async () => unwrap(await kioskApi().exportResult({ jobId: job.jobId })),
                          (saved) => (saved.saved ? t('staff.queue.saved', { fileName: saved.fileName ?? '' }) : ''),
                          { 'not-found': 'staff.error.noResult' }
                        )
                      }
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

function DiagnosticsPanel({ act }: { act: Act }) {
  const t = useT()
  const language = useLanguageStore((state) => state.language)
  const [result, setResult] = useState<Diagnostics | null>(null)
  // How FaceTec last did (undefined until main has answered): shown without running anything.
  const [facetec, setFacetec] = useState<FaceTecOutcomeRecord | null | undefined>(undefined)
  const loadFacetec = useCallback(
    () => act(async () => unwrap(await kioskApi().getFaceTecOutcome())).then((value) => setFacetec(value)),
    [act]
  )
  useEffect(() => {
    void loadFacetec()
  }, [loadFacetec])
  const line = (name: 'assure' | 'token' | 'sdk', done: Diagnostics) => (
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
          onClick={() => {
            void act(async () => unwrap(await kioskApi().runDiagnostics())).then((value) => value && setResult(value))
            void loadFacetec()
          }}
        >
          {t('staff.diagnostics.run')}
        </button>
        {(result || facetec !== undefined) && (
          <ul className="checks">
            {result && line('assure', result)}
            {result && line('token', result)}
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

function SettingsPanel({ act }: { act: Act }) {
  const t = useT()
  const [settings, setSettings] = useState<StaffJourneySettings | null>(null)
  useEffect(() => {
    void act(async () => unwrap(await kioskApi().getStaffOverview())).then(
      (value) => value && setSettings(value.settings)
    )
  }, [act])
  if (!settings) return null
  const number = (key: 'idleTimeoutSeconds' | 'maxLivenessAttempts' | 'resultSeconds', min: number, max: number) => (
    <label className="field" key={key}>
      <span className="field__label">{t(`staff.settings.${key}`)}</span>
      <input
        className="field__input"
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        data-testid={`setting-${key}`}
        value={settings[key]}
        onChange={(event) => setSettings({ ...settings, [key]: Number(event.target.value) })}
      />
    </label>
  )
  return (
    <form
      className="form form--compact"
      onSubmit={(event) => {
        event.preventDefault()
        void act(
          async () => unwrap(await kioskApi().updateStaffSettings(settings)),
          () => t('staff.settings.saved')
        )
      }}
    >
      <label className="field">
        <span className="field__label">{t('staff.settings.defaultLanguage')}</span>
        <select
          className="field__input"
          data-testid="setting-defaultLanguage"
          value={settings.defaultLanguage}
          onChange={(event) => setSettings({ ...settings, defaultLanguage: event.target.value as Language })}
        >
          {LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {dictionaries[code]['language.name']}
            </option>
          ))}
        </select>
      </label>
      {number('idleTimeoutSeconds', 10, 3600)}
      {number('maxLivenessAttempts', 1, 10)}
      {number('resultSeconds', 5, 600)}
      <button type="submit" className="button button--primary" data-testid="save-settings">
        {t('staff.settings.save')}
      </button>
    </form>
  )
}

function AuditPanel({ act }: { act: Act }) {
  const t = useT()
  const language = useLanguageStore((state) => state.language)
  const [entries, setEntries] = useState<AuditEntry[]>([])
  const { page, pages, shown, go } = usePage(entries, AUDIT_PAGE)
  useEffect(() => {
    void act(async () => unwrap(await kioskApi().listAuditLog())).then((value) => value && setEntries(value))
  }, [act])
  return (
    <div className="staff-stack">
      <button
        type="button"
        className="button button--ghost"
        data-testid="export-audit"
        onClick={() =>
          void act(
            async () => unwrap(await kioskApi().exportAuditLog()),
            (saved) => (saved.saved ? t('staff.queue.saved', { fileName: saved.fileName ?? '' }) : '')
          )
        }
      >
        {t('staff.audit.export')}
      </button>
      {entries.length === 0 ? (
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
