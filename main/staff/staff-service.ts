/**
 * Staff mode, in main: the PIN gate, the session, and every staff call of the bridge. Every call but
 * `unlockStaff` needs an open session, checked here, so a compromised renderer cannot skip the PIN.
 * Everything staff do is written to the audit log. Answers carry codes and numbers, not sentences: the
 * renderer words them in the kiosk's language.
 */
import { readFileSync, statSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { Diagnostics, FaceTecOutcomeRecord, SdkProblem, StaffJob, StaffOverview } from '../../preload/api'
import type { AssureClient } from '../assure/client'
import { AssureError } from '../assure/errors'
import type { ConnectivityMonitor, Probe } from '../connectivity/monitor'
import type { EventPublisher } from '../ipc/event-publisher'
import type { IpcHandlers } from '../ipc/router'
import { ServiceError } from '../ipc/service-error'
import type { Clock } from '../lib/clock'
import { ImageError, toDataUrl } from '../lib/images'
import type { Logger } from '../log/logger'
import type { SecretStore } from '../storage/secret-store'
import { SecretRejected } from '../storage/secret-store'
import { KeyProtectionUnavailable } from '../storage/protected-key'
import type { RuntimeSettings } from '../storage/runtime-settings'
import type { VerificationEngine } from '../verification/engine'
import { translated } from '../verification/handlers'
import { readReferenceFile } from '../verification/reference-file'
import type { ReferenceSource } from '../verification/reference-source'
import type { AuditLog } from './audit-log'
import type { DeskState } from './desk-state'
import type { PinGate } from './pin'
import { createStaffSession } from './staff-session'
import { todayNumbers } from './today'
import { SDK_SCRIPT } from '../kiosk/sdk-folder'

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
  /** Closed or open, and the visitors sent to staff (persisted). */
  desk: DeskState
  /** How FaceTec last did, as the renderer reported it (main/facetec/outcomes.ts). */
  facetec: { last(): FaceTecOutcomeRecord | null }
  kiosk: {
    kioskId: string
    mode: 'demo' | 'live'
    version: string
    clientId: () => string | null
    sdk: { simulated: boolean; root: string | null; problem: string | null }
    /** The config file loaded at start, or null (no file: defaults). */
    configFile: string | null
    journeyDefaults: StaffOverview['settings']
  }
}

/** FaceTec's update policy: the SDK must be at most this old (Signicat passes it on). */
export const FACETEC_UPDATE_DAYS = 90
const DAY_MS = 86_400_000

/** A probe's reason when it is a plain code (ECONNREFUSED, AbortError); a free-text message is not shown. */
const technicalCode = (reason: string): string => (/^[A-Za-z0-9_.-]{1,100}$/.test(reason) ? reason : 'error')

/** Why the SDK cannot load, from what main chose (the chooser's sentence stays in main's log). */
function sdkProblemOf(sdk: StaffDependencies['kiosk']['sdk']): SdkProblem | null {
  if (!sdk.problem) return null
  if (sdk.simulated) return 'simulated-missing'
  return sdk.root ? 'script-missing' : 'not-configured'
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
  | 'getFaceTecOutcome'
  | 'confirmReferencePhoto'
  | 'setKioskClosed'
  | 'acknowledgeSentToStaff'
  | 'getDeskState'
  | 'reportSentToStaff'

export function createStaffService(deps: StaffDependencies): Pick<IpcHandlers, StaffHandlerName> {
  const { audit, engine, clock } = deps
  const log = deps.log.child('staff')
  const session = createStaffSession({
    clock,
    idleMs: deps.sessionMinutes * 60_000,
    onClosed: () => {
      audit.record('kiosk', 'staff.session-ended')
      deps.events.publish('onStaffSessionChanged', { unlocked: false, expiresAt: null })
    }
  })

  /** Every staff call goes through here. */
  const staff = <T>(work: () => Promise<T> | T): Promise<T> => {
    if (!session.use()) return Promise.reject(new ServiceError('unauthorized', 'Staff mode is locked.'))
    return translated(work)
  }

  const packageVersion = (): string | null => {
    if (!deps.kiosk.sdk.root) return null
    try {
      const parsed = JSON.parse(readFileSync(join(deps.kiosk.sdk.root, 'package.json'), 'utf8')) as {
        version?: unknown
      }
      return typeof parsed.version === 'string' ? parsed.version.slice(0, 64) : null
    } catch {
      return null
    }
  }

  /**
   * Days until FaceTec's update policy (at least every 90 days) is due, from the date of the SDK's
   * script: unpacking FaceTec's zip keeps its files' dates, so this is close to FaceTec's release date.
   */
  const faceTecUpdateDueInDays = (): number | null => {
    if (deps.kiosk.sdk.simulated || !deps.kiosk.sdk.root) return null
    try {
      const built = statSync(join(deps.kiosk.sdk.root, SDK_SCRIPT)).mtimeMs
      return Math.floor((built + FACETEC_UPDATE_DAYS * DAY_MS - clock.now()) / DAY_MS)
    } catch {
      return null
    }
  }

  const effectiveSettings = (): StaffOverview['settings'] => ({
    ...deps.kiosk.journeyDefaults,
    ...deps.settings.overrides().settings
  })

  function staffPhotoView(): StaffOverview['staffPhoto'] {
    const photo = deps.reference.staffPhoto()
    if (!photo) return null
    return {
      state: photo.state,
      image: toDataUrl(photo.image),
      until: photo.until === null ? null : new Date(photo.until).toISOString()
    }
  }

  async function credentials(): Promise<StaffOverview['credentials']> {
    return {
      clientId: deps.kiosk.clientId(),
      secretStored: deps.secrets?.has() ?? false,
      problem: !deps.secrets ? 'demo-mode' : (await deps.secrets.problem()) ? 'key-store-unavailable' : null
    }
  }

  async function save(
    defaultName: string,
    kind: 'zip' | 'log',
    write: (path: string) => Promise<void> | void
  ): Promise<{ saved: boolean; fileName: string | null }> {
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
        audit.record('kiosk', 'staff.pin-wrong', { attemptsLeft: check.attemptsLeft })
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
        sdk: {
          simulated: deps.kiosk.sdk.simulated,
          problem: sdkProblemOf(deps.kiosk.sdk),
          packageVersion: packageVersion()
        },
        storageProblems: engine
          .problems()
          .slice(0, 50)
          .map((problem) => ({
            file: basename(problem.file),
            movedTo: problem.movedTo ? basename(problem.movedTo) : null
          })),
        today: todayNumbers(engine.list(), clock.now(), deps.desk.counts().sentToStaffToday),
        sentToStaffWaiting: deps.desk.counts().unacknowledged,
        closed: deps.desk.closed(),
        staffPhoto: staffPhotoView(),
        faceTecUpdateDueInDays: faceTecUpdateDueInDays(),
        lastFaceTec: deps.facetec.last()
      })),

    updateStaffSettings: (patch) =>
      staff(() => {
        const before = effectiveSettings()
        deps.settings.updateSettings(patch)
        // The form sends every setting; the log names only those whose value changed.
        const changed = (Object.keys(patch) as Array<keyof typeof patch>).filter((key) => patch[key] !== before[key])
        if (changed.length > 0) audit.record('staff', 'settings.changed', { settings: changed.join(',') })
        return effectiveSettings()
      }),

    setCredentials: ({ clientId, clientSecret }) =>
      staff(async () => {
        if (!deps.secrets)
          throw new ServiceError('conflict', 'Demo mode uses the sandbox’s credentials; configure live mode first.')
        try {
          await deps.secrets.set(clientSecret)
        } catch (error) {
          if (error instanceof SecretRejected) throw new ServiceError('invalid-input', error.message)
          if (error instanceof KeyProtectionUnavailable) throw new ServiceError('misconfigured', error.message)
          throw error
        }
        if (clientId) deps.settings.setClientId(clientId)
        // Never the values: only that they changed.
        audit.record('staff', clientId ? 'credentials.id-and-secret-set' : 'credentials.secret-set')
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
          token = { ok: true, failure: null, status: null }
        } catch (error) {
          const status =
            error instanceof AssureError && error.status !== undefined && error.status >= 100 && error.status <= 599
              ? error.status
              : null
          token = { ok: false, failure: error instanceof AssureError ? error.kind : 'other', status }
        }
        // End to end: a dossier of the kiosk's own, created and deleted again, as a verification would.
        let dossier: Diagnostics['dossier'] = { ok: false, failure: null }
        if (token.ok) {
          try {
            const created = await deps.client.createDossier({ externalReference: `diagnostics-${deps.kiosk.kioskId}` })
            await deps.client.deleteDossier(created.dossierId)
            dossier = { ok: true, failure: null }
          } catch (error) {
            dossier = { ok: false, failure: error instanceof AssureError ? error.kind : 'other' }
          }
        }
        const sdkProblem = sdkProblemOf(deps.kiosk.sdk)
        const result: Diagnostics = {
          assure: probed.reachable
            ? { ok: true, latencyMs: Math.round(probed.latencyMs), error: null }
            : { ok: false, latencyMs: null, error: technicalCode(probed.reason) },
          token,
          sdk: {
            ok: sdkProblem === null,
            simulated: deps.kiosk.sdk.simulated,
            version: deps.kiosk.sdk.simulated ? null : packageVersion(),
            problem: sdkProblem
          },
          configFile: deps.kiosk.configFile,
          dossier,
          at: new Date(clock.now()).toISOString()
        }
        const verdict = (ok: boolean): string => (ok ? 'ok' : 'failed')
        audit.record('staff', 'diagnostics.run', {
          assure: verdict(result.assure.ok),
          token: verdict(result.token.ok),
          dossier: verdict(result.dossier.ok),
          sdk: verdict(result.sdk.ok)
        })
        return result
      }),

    listJobs: () => staff((): StaffJob[] => engine.listDetailed()),

    retryJob: ({ jobId }) =>
      staff(() => {
        const view = engine.retry(jobId)
        audit.record('staff', 'job.retry', { jobId })
        return view
      }),

    discardJob: ({ jobId }) =>
      staff(async () => {
        const view = await engine.discard(jobId)
        audit.record('staff', 'job.discard', { jobId })
        return view
      }),

    exportResult: ({ jobId }) =>
      staff(async () => {
        const zip = await engine.archivedResult(jobId)
        const saved = await save(`assure-result-${jobId}.zip`, 'zip', (path) => writeFile(path, zip, { mode: 0o600 }))
        if (saved.saved) audit.record('staff', 'result.exported', { jobId, fileName: saved.fileName ?? '' })
        return saved
      }),

    listAuditLog: () => staff(() => audit.latest(200)),

    exportAuditLog: () =>
      staff(async () => {
        const saved = await save(`assure-kiosk-audit-${deps.kiosk.kioskId}.jsonl`, 'log', (path) => {
          audit.exportTo(path)
        })
        if (saved.saved) audit.record('staff', 'audit.exported', { fileName: saved.fileName ?? '' })
        return saved
      }),

    chooseReferencePhoto: () =>
      staff(async () => {
        const path = await deps.dialogs.openImage()
        if (!path) return { chosen: false, bytes: 0 }
        try {
          const image = await readReferenceFile(path)
          deps.reference.choose(image)
          audit.record('staff', 'reference.chosen', { type: image.mimeType, bytes: image.bytes.length })
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
      }),

    getFaceTecOutcome: () => staff(() => deps.facetec.last()),

    confirmReferencePhoto: () =>
      staff(() => {
        if (!deps.reference.confirm()) throw new ServiceError('conflict', 'No photo has been chosen.')
        const bytes = deps.reference.staffPhoto()?.image.bytes.length ?? 0
        audit.record('staff', 'reference.confirmed', { bytes })
        return { chosen: true, bytes }
      }),

    setKioskClosed: ({ closed }) =>
      staff(() => {
        if (deps.desk.setClosed(closed)) {
          audit.record('staff', closed ? 'kiosk.closed' : 'kiosk.reopened')
          deps.events.publish('onDeskChanged', { closed })
        }
        return { closed: deps.desk.closed() }
      }),

    acknowledgeSentToStaff: () =>
      staff(() => {
        const acknowledged = deps.desk.acknowledge()
        if (acknowledged > 0) audit.record('staff', 'sent-to-staff.acknowledged', { count: acknowledged })
        return { acknowledged }
      }),

    // The two calls every screen makes (no PIN): whether the kiosk is closed, and a visitor sent to staff.
    getDeskState: () => ({ closed: deps.desk.closed() }),

    reportSentToStaff: () => {
      deps.desk.sentToStaff()
      return null
    }
  }
}
