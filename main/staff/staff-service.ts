/**
 * Staff mode, in main: the PIN gate, the session, and every staff call of the bridge. Every call but
 * `unlockStaff` needs an open session, checked here, so a compromised renderer cannot skip the PIN.
 * Everything staff do is written to the audit log.
 */
import { readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { Diagnostics, StaffJob, StaffOverview } from '../../preload/api'
import type { AssureClient } from '../assure/client'
import { AssureError } from '../assure/errors'
import type { ConnectivityMonitor, Probe } from '../connectivity/monitor'
import type { EventPublisher } from '../ipc/event-publisher'
import type { IpcHandlers } from '../ipc/router'
import { ServiceError } from '../ipc/service-error'
import type { Clock } from '../lib/clock'
import { ImageError } from '../lib/images'
import type { Logger } from '../log/logger'
import type { SecretStore } from '../storage/secret-store'
import { SecretRejected } from '../storage/secret-store'
import { KeyProtectionUnavailable } from '../storage/protected-key'
import type { RuntimeSettings } from '../storage/runtime-settings'
import type { VerificationEngine } from '../verification/engine'
import { readReferenceFile } from '../verification/reference-file'
import type { ReferenceSource } from '../verification/reference-source'
import type { AuditLog } from './audit-log'
import type { PinGate } from './pin'
import { createStaffSession } from './staff-session'

/** File dialogs belong to the Electron shell; tests answer them themselves. */
export interface StaffDialogs {
  /** A path to save to, or null when staff cancelled. */
  saveFile(options: { defaultName: string; kind: 'zip' | 'log' }): Promise<string | null>
  /** An image file to open, or null when staff cancelled. */
  openImage(): Promise<string | null>
}

export interface StaffDependencies {
  pin: PinGate
  sessionMinutes: number
  clock: Clock
  log: Logger
  audit: AuditLog
  events: EventPublisher
  dialogs: StaffDialogs
  engine: VerificationEngine
  client: AssureClient
  connectivity: Pick<ConnectivityMonitor, 'current'>
  probe: Probe
  secrets: SecretStore | null
  settings: RuntimeSettings
  reference: ReferenceSource
  kiosk: {
    kioskId: string
    mode: 'demo' | 'live'
    version: string
    clientId: () => string | null
    sdk: { simulated: boolean; root: string | null; problem: string | null }
    journeyDefaults: StaffOverview['settings']
  }
}

type StaffHandlerName =
  | 'unlockStaff'
  | 'lockStaff'
  | 'getStaffOverview'
  | 'updateStaffSettings'
  | 'setCredentials'
  | 'runDiagnostics'
  | 'listJobs'
  | 'retryJob'
  | 'discardJob'
  | 'exportResult'
  | 'listAuditLog'
  | 'exportAuditLog'
  | 'chooseReferencePhoto'
  | 'clearReferencePhoto'

export function createStaffService(deps: StaffDependencies): Pick<IpcHandlers, StaffHandlerName> {
  const { audit, engine, clock } = deps
  const log = deps.log.child('staff')
  const session = createStaffSession({
    clock,
    idleMs: deps.sessionMinutes * 60_000,
    onClosed: () => {
      audit.record('kiosk', 'staff.locked', 'session ended')
      deps.events.publish('onStaffSessionChanged', { unlocked: false, expiresAt: null })
    }
  })

  /** Every staff call goes through here. */
  const staff = <T>(work: () => Promise<T> | T): Promise<T> => {
    if (!session.use()) return Promise.reject(new ServiceError('unauthorized', 'Staff mode is locked.'))
    return Promise.resolve().then(work)
  }

  const packageVersion = (): string | null => {
    if (!deps.kiosk.sdk.root) return null
    try {
      const parsed = JSON.parse(readFileSync(join(deps.kiosk.sdk.root, 'package.json'), 'utf8')) as { version?: unknown }
      return typeof parsed.version === 'string' ? parsed.version.slice(0, 64) : null
    } catch {
      return null
    }
  }

  const effectiveSettings = (): StaffOverview['settings'] => ({ ...deps.kiosk.journeyDefaults, ...deps.settings.overrides().settings })

  async function credentials(): Promise<StaffOverview['credentials']> {
    return {
      clientId: deps.kiosk.clientId(),
      secretStored: deps.secrets?.has() ?? false,
      problem: deps.secrets ? await deps.secrets.problem() : 'Secrets are not stored in demo mode: the sandbox has its own.'
    }
  }

  async function save(defaultName: string, kind: 'zip' | 'log', write: (path: string) => Promise<void> | void): Promise<{ saved: boolean; fileName: string | null }> {
    const path = await deps.dialogs.saveFile({ defaultName, kind })
    if (!path) return { saved: false, fileName: null }
    await write(path)
    return { saved: true, fileName: basename(path) }
  }

  return {
    async unlockStaff({ pin }) {
      const check = await deps.pin.attempt(pin)
      if (check.ok) {
        const { expiresAt } = session.open()
        audit.record('staff', 'staff.unlocked')
        deps.events.publish('onStaffSessionChanged', { unlocked: true, expiresAt: new Date(expiresAt).toISOString() })
        return { outcome: 'unlocked', expiresAt: new Date(expiresAt).toISOString() }
      }
      if (check.reason === 'wrong') {
        audit.record('kiosk', 'staff.pin-wrong', `${check.attemptsLeft} attempts left`)
        return { outcome: 'wrong', attemptsLeft: check.attemptsLeft }
      }
      if (check.reason === 'locked') {
        audit.record('kiosk', 'staff.pin-locked')
        return { outcome: 'locked', retryInSeconds: Math.ceil(check.retryInMs / 1000) }
      }
      return { outcome: 'not-configured' }
    },

    lockStaff: () => {
      if (session.view().unlocked) audit.record('staff', 'staff.lock')
      session.close()
      return { unlocked: false, expiresAt: null }
    },

    getStaffOverview: () =>
      staff(async () => ({
        kioskId: deps.kiosk.kioskId,
        mode: deps.kiosk.mode,
        version: deps.kiosk.version,
        connectivity: deps.connectivity.current().state,
        credentials: await credentials(),
        reference: deps.reference.describe(),
        settings: effectiveSettings(),
        sdk: { simulated: deps.kiosk.sdk.simulated, problem: deps.kiosk.sdk.problem, packageVersion: packageVersion() },
        storageProblems: engine.problems().map((problem) => `${problem.file}: ${problem.reason}${problem.movedTo ? ` (moved to ${basename(problem.movedTo)})` : ''}`)
      })),

    updateStaffSettings: (patch) =>
      staff(() => {
        deps.settings.updateSettings(patch)
        audit.record('staff', 'settings.changed', Object.keys(patch).join(', ') || 'nothing')
        return effectiveSettings()
      }),

    setCredentials: ({ clientId, clientSecret }) =>
      staff(async () => {
        if (!deps.secrets) throw new ServiceError('conflict', 'Demo mode uses the sandbox’s credentials; configure live mode first.')
        try {
          await deps.secrets.set(clientSecret)
        } catch (error) {
          if (error instanceof SecretRejected) throw new ServiceError('invalid-input', error.message)
          if (error instanceof KeyProtectionUnavailable) throw new ServiceError('misconfigured', error.message)
          throw error
        }
        if (clientId) deps.settings.setClientId(clientId)
        // Never the values: only that they changed.
        audit.record('staff', 'credentials.changed', clientId ? 'client id and secret' : 'secret')
        return credentials()
      }),

    runDiagnostics: () =>
      staff(async (): Promise<Diagnostics> => {
        const controller = new AbortController()
        const timeout = clock.setTimeout(() => controller.abort(new Error('timed out')), 5_000)
        const probed = await deps.probe(controller.signal).finally(() => clock.clearTimeout(timeout))
        let token: Diagnostics['token']
        try {
          await deps.client.verifyCredentials()
          token = { ok: true, detail: 'A fresh access token was issued.' }
        } catch (error) {
          token = { ok: false, detail: error instanceof AssureError ? `${error.kind}${error.status ? ` ${error.status}` : ''}: ${error.problem?.title ?? error.problem?.error ?? error.code ?? ''}`.trim() : 'The token request failed.' }
        }
        const result: Diagnostics = {
          assure: probed.reachable ? { ok: true, latencyMs: Math.round(probed.latencyMs), detail: 'The Assure host answers.' } : { ok: false, latencyMs: null, detail: `No answer (${probed.reason}).` },
          token,
          sdk: deps.kiosk.sdk.problem ? { ok: false, detail: deps.kiosk.sdk.problem } : { ok: true, detail: deps.kiosk.sdk.simulated ? 'The simulated FaceTec SDK (demo mode).' : `FaceTec SDK folder ${packageVersion() ?? '(version unknown)'}.` },
          at: new Date(clock.now()).toISOString()
        }
        audit.record('staff', 'diagnostics.run', `assure ${result.assure.ok ? 'ok' : 'failed'}, token ${result.token.ok ? 'ok' : 'failed'}, sdk ${result.sdk.ok ? 'ok' : 'failed'}`)
        return result
      }),

    listJobs: () => staff((): StaffJob[] => engine.listDetailed()),

    retryJob: ({ jobId }) =>
      staff(() => {
        const view = engine.retry(jobId)
        audit.record('staff', 'job.retry', jobId)
        return view
      }),

    discardJob: ({ jobId }) =>
      staff(async () => {
        const view = await engine.discard(jobId)
        audit.record('staff', 'job.discard', jobId)
        return view
      }),

    exportResult: ({ jobId }) =>
      staff(async () => {
        const zip = await engine.archivedResult(jobId)
        const saved = await save(`assure-result-${jobId}.zip`, 'zip', (path) => writeFile(path, zip, { mode: 0o600 }))
        if (saved.saved) audit.record('staff', 'result.exported', `${jobId} -> ${saved.fileName ?? ''}`)
        return saved
      }),

    listAuditLog: () => staff(() => audit.latest(200)),

    exportAuditLog: () =>
      staff(async () => {
        const saved = await save(`assure-kiosk-audit-${deps.kiosk.kioskId}.jsonl`, 'log', (path) => {
          audit.exportTo(path)
        })
        if (saved.saved) audit.record('staff', 'audit.exported', saved.fileName ?? '')
        return saved
      }),

    chooseReferencePhoto: () =>
      staff(async () => {
        const path = await deps.dialogs.openImage()
        if (!path) return { chosen: false, bytes: 0 }
        try {
          const image = await readReferenceFile(path)
          deps.reference.choose(image)
          audit.record('staff', 'reference.chosen', `${image.mimeType}, ${image.bytes.length} bytes`)
          return { chosen: true, bytes: image.bytes.length }
        } catch (error) {
          if (error instanceof ImageError) throw new ServiceError('invalid-input', error.message)
          log.error('reference photo could not be read', { error })
          throw new ServiceError('internal', 'The photo could not be read.')
        }
      }),

    clearReferencePhoto: () =>
      staff(() => {
        deps.reference.clear()
        audit.record('staff', 'reference.cleared')
        return { chosen: false, bytes: 0 }
      })
  }
}
