import { useState, type ReactNode } from 'react'
import type { StaffOverview, TodayNumbers } from '../../../preload/api'
import { useLanguageStore, useT } from '../i18n'
import { applyKey, OnScreenKeyboard, type KeyPress } from '../components/OnScreenKeyboard'
import { useStatusStore } from '../stores/status-store'
import { useStaff } from './staff-context'
import { useStaffStore } from './staff-store'
import { faceTecOutcomeText, formatTime, sdkText, storageProblemText } from './staff-text'

const TODAY: ReadonlyArray<keyof TodayNumbers> = [
  'visits',
  'accepted',
  'rejected',
  'inconclusive',
  'sentToStaff',
  'queued',
  'failed'
]

/**
 * The kiosk at a glance, for a branch employee: who is waiting for them, whether the kiosk is open,
 * today's numbers, the kiosk's health, the photo for a staffed desk, and (folded away, for IT) the
 * Assure credentials.
 */
export function OverviewTab() {
  const t = useT()
  const staff = useStaff()
  const language = useLanguageStore((state) => state.language)
  const overview = useStaffStore((state) => state.overview)
  // Main's own words on what keeps the kiosk out of service (technical, for staff; not translated).
  const setupProblem = useStatusStore((state) => state.status?.setupProblem ?? null)
  const [credentialsOpen, setCredentialsOpen] = useState(false)
  if (!overview) return null
  const { sdk } = overview
  const due = overview.faceTecUpdateDueInDays
  const sdkWords =
    sdkText(t, { ...sdk, version: sdk.packageVersion }) +
    (due === null
      ? ''
      : ` — ${due < 0 ? t('staff.overview.facetecOverdue', { days: -due }) : t('staff.overview.facetecUpdate', { days: due })}`)
  return (
    <div className="staff-overview">
      <div className="staff-bar">
        <div className="desk-switch" data-testid="desk-state" data-closed={overview.closed}>
          <span className="desk-switch__state">
            {overview.closed ? t('staff.closed.closed') : t('staff.closed.open')}
          </span>
          <button
            type="button"
            className={`button ${overview.closed ? 'button--primary' : 'button--ghost'}`}
            data-testid="desk-toggle"
            onClick={() => void staff.setClosed(!overview.closed)}
          >
            {overview.closed ? t('staff.closed.reopen') : t('staff.closed.close')}
          </button>
        </div>
        {overview.sentToStaffWaiting > 0 && (
          <div className="staff-alert" role="alert" data-testid="sent-to-staff">
            <span>{t('staff.waiting', { count: overview.sentToStaffWaiting })}</span>
            <button
              type="button"
              className="button button--primary"
              data-testid="sent-to-staff-seen"
              onClick={() => void staff.acknowledgeSentToStaff()}
            >
              {t('staff.waiting.acknowledge')}
            </button>
          </div>
        )}
        {/* In the bar, not below the facts: a photo's thumbnail must never push it out of a landscape panel. */}
        <details
          className="staff-more"
          data-testid="credentials-more"
          onToggle={(event) => setCredentialsOpen(event.currentTarget.open)}
        >
          <summary className="button button--ghost">
            {credentialsOpen ? t('staff.credentials.close') : t('staff.overview.credentials')}
          </summary>
          {credentialsOpen && <CredentialsForm credentials={overview.credentials} />}
        </details>
      </div>
      <section className="today" aria-labelledby="today-title">
        <h2 id="today-title" className="subtitle">
          {t('staff.today.title')}
        </h2>
        <dl className="today__numbers" data-testid="today">
          {TODAY.map((name) => (
            <div key={name} className="today__number" data-testid={`today-${name}`} data-count={overview.today[name]}>
              <dd>{overview.today[name]}</dd>
              <dt>{t(`staff.today.${name}`)}</dt>
            </div>
          ))}
        </dl>
      </section>
      <div className="staff-columns">
        <Facts
          rows={[
            ...(setupProblem
              ? [
                  [
                    t('staff.overview.setupProblem'),
                    <span key="setup" lang="en" data-testid="setup-problem">
                      {setupProblem}
                    </span>
                  ] as [string, ReactNode]
                ]
              : []),
            [
              t('staff.overview.kiosk'),
              `${overview.kioskId} · ${t(`status.mode.${overview.mode}`)} · ${overview.version}`
            ],
            [t('staff.overview.connectivity'), t(`status.connectivity.${overview.connectivity}`)],
            [t('staff.overview.sdk'), <span data-testid="overview-sdk">{sdkWords}</span>],
            [
              t('staff.overview.lastFaceTec'),
              <span data-testid="overview-facetec">{faceTecOutcomeText(t, overview.lastFaceTec, language)}</span>
            ],
            [
              t('staff.overview.problems'),
              overview.storageProblems.length
                ? overview.storageProblems.map((problem) => storageProblemText(t, problem)).join('; ')
                : t('staff.overview.none')
            ]
          ]}
        />
        <StaffPhotoStep photo={overview.staffPhoto} />
      </div>
    </div>
  )
}

/** The staffed desk's photo: a titled step with its thumbnail, confirmed for one visitor. */
function StaffPhotoStep({ photo }: { photo: StaffOverview['staffPhoto'] }) {
  const t = useT()
  const staff = useStaff()
  const language = useLanguageStore((state) => state.language)
  return (
    <section
      className="photo-step"
      aria-labelledby="photo-step-title"
      data-testid="photo-step"
      data-state={photo?.state ?? 'none'}
    >
      <h2 id="photo-step-title" className="subtitle">
        {t('staff.photo.title')}
      </h2>
      <p className="quiet photo-step__help">{t('staff.photo.help')}</p>
      <div className="photo-step__body">
        {photo && (
          <img className="photo-step__thumb" src={photo.image} alt={t('staff.photo.alt')} data-testid="photo-thumb" />
        )}
        <p className="photo-step__state" data-testid="photo-state">
          {photo
            ? t(`staff.photo.state.${photo.state}`, { time: photo.until ? formatTime(photo.until, language) : '' })
            : t('staff.photo.state.none')}
        </p>
      </div>
      <div className="actions actions--row">
        <button
          type="button"
          className="button button--ghost"
          data-testid="choose-reference"
          onClick={() => void staff.chooseReferencePhoto()}
        >
          {t('staff.overview.chooseReference')}
        </button>
        {photo?.state === 'chosen' && (
          <button
            type="button"
            className="button button--primary"
            data-testid="use-reference"
            onClick={() => void staff.confirmReferencePhoto()}
          >
            {t('staff.photo.use')}
          </button>
        )}
        {photo && (
          <button
            type="button"
            className="button button--ghost"
            data-testid="clear-reference"
            onClick={() => void staff.clearReferencePhoto()}
          >
            {t('staff.overview.clearReference')}
          </button>
        )}
      </div>
    </section>
  )
}

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

/**
 * For emergencies only (the provisioning file is the usual way, README "Secrets"): the client id and
 * secret typed on the on-screen keyboard, into whichever of the two fields was last tapped.
 */
function CredentialsForm({ credentials }: { credentials: StaffOverview['credentials'] }) {
  const t = useT()
  const staff = useStaff()
  const [clientId, setClientId] = useState(credentials.clientId ?? '')
  const [secret, setSecret] = useState('')
  const [target, setTarget] = useState<'clientId' | 'clientSecret'>('clientId')
  const targetLabel = t(target === 'clientId' ? 'staff.credentials.clientId' : 'staff.credentials.clientSecret')
  const press = (key: KeyPress): void =>
    (target === 'clientId' ? setClientId : setSecret)((value) => applyKey(value, key))
  return (
    <div className="credentials">
      <form
        className="form form--compact"
        data-testid="credentials-form"
        onSubmit={(event) => {
          event.preventDefault()
          // Write-only: the secret leaves the screen as soon as it is handed to main, stored or not.
          setSecret('')
          void staff.saveCredentials({ clientId, clientSecret: secret })
        }}
      >
        <p className="quiet" data-testid="secret-state">
          {credentials.problem === 'demo-mode'
            ? t('staff.credentials.demo')
            : [
                credentials.secretStored ? t('staff.credentials.stored') : t('staff.credentials.missing'),
                credentials.problem === 'key-store-unavailable' ? t('staff.credentials.keyStore') : ''
              ].join(' ')}
        </p>
        <label className="field">
          <span className="field__label">{t('staff.credentials.clientId')}</span>
          <input
            id="credentials-client-id"
            className="field__input"
            data-testid="client-id"
            data-target={target === 'clientId'}
            value={clientId}
            onChange={(event) => setClientId(event.target.value)}
            onFocus={() => setTarget('clientId')}
            // The on-screen keyboard below types here; the OS's own touch keyboard would cover it.
            inputMode="none"
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <label className="field">
          <span className="field__label">{t('staff.credentials.clientSecret')}</span>
          <input
            id="credentials-client-secret"
            className="field__input"
            type="password"
            data-testid="client-secret"
            data-target={target === 'clientSecret'}
            value={secret}
            onChange={(event) => setSecret(event.target.value)}
            onFocus={() => setTarget('clientSecret')}
            inputMode="none"
            autoComplete="off"
          />
        </label>
        <button
          type="submit"
          className="button button--primary"
          data-testid="save-credentials"
          disabled={secret === ''}
        >
          {t('staff.credentials.save')}
        </button>
      </form>
      <div className="credentials__keys">
        <p className="quiet credentials__target" data-testid="keyboard-target">
          {t('keyboard.typingInto', { field: targetLabel })}
        </p>
        <OnScreenKeyboard
          onPress={press}
          controls={target === 'clientId' ? 'credentials-client-id' : 'credentials-client-secret'}
        />
      </div>
    </div>
  )
}
