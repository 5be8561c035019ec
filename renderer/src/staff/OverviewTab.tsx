import { useState, type ReactNode } from 'react'
import type { StaffOverview } from '../../../preload/api'
import { useT } from '../i18n'
import { useStatusStore } from '../stores/status-store'
import { useStaff } from './staff-context'
import { useStaffStore } from './staff-store'
import { sdkText, storageProblemText } from './staff-text'

/** The kiosk at a glance, its reference photo, and its Assure credentials. */
export function OverviewTab() {
  const t = useT()
  const staff = useStaff()
  const overview = useStaffStore((state) => state.overview)
  // Main's own words on what keeps the kiosk out of service (technical, for staff; not translated).
  const setupProblem = useStatusStore((state) => state.status?.setupProblem ?? null)
  if (!overview) return null
  const { reference, sdk } = overview
  return (
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
            onClick={() => void staff.chooseReferencePhoto()}
          >
            {t('staff.overview.chooseReference')}
          </button>
          {reference.source === 'staff-file' && (
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
        <CredentialsForm credentials={overview.credentials} />
      </div>
    </div>
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

function CredentialsForm({ credentials }: { credentials: StaffOverview['credentials'] }) {
  const t = useT()
  const staff = useStaff()
  const [clientId, setClientId] = useState(credentials.clientId ?? '')
  const [secret, setSecret] = useState('')
  return (
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
      <h2 className="subtitle">{t('staff.credentials.title')}</h2>
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
