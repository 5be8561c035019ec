/**
 * Staff mode, in main: the PIN gate, the session, and what staff can see and do. Main holds the
 * session, so a compromised renderer cannot claim to be unlocked; the bridge calls (./handlers.ts) ask
 * `requireSession` first. Everything staff do is written to the audit log. Answers carry codes and
 * numbers, not sentences: the renderer words them in the kiosk's language.
 */
import { readFileSync, statSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type {
  AppMode,
  AuditEntry,
  DeskView,
  Diagnostics,
  FaceTecOutcomeRecord,
  JobView,
  JourneySettings,
  SavedFile,
  SdkProblem,
  StaffJobPage,
  StaffJobQuery,
  StaffJourneySettings,
  StaffOverview,
  StaffSessionView,
  UnlockResult
} from '../../preload/api'
import type { AssureClient } from '../assure/client'
import { AssureError } from '../assure/errors'
import type { ConnectivityMonitor, Probe } from '../connectivity/monitor'
import type { EventPublisher } from '../ipc/event-publisher'
import { ServiceError } from '../ipc/service-error'
import type { Clock } from '../lib/clock'
import { ImageError, toDataUrl } from '../lib/images'
import type { Logger } from '../log/logger'
import type { SecretStore } from '../storage/secret-store'
import { SecretRejected } from '../storage/secret-store'
import { KeyProtectionUnavailable } from '../storage/protected-key'
import type { StaffOverrides } from '../storage/staff-overrides'
import type { VerificationEngine } from '../verification/engine'
import { readReferenceFile } from '../verification/reference-file'
import type { ReferenceSource } from '../verification/reference-source'
import { SDK_SCRIPT } from '../app-origin/sdk-folder'
import type { AuditLog } from './audit-log'
import type { DeskState } from './desk-state'
import type { PinGate } from './pin'
import { createStaffSession } from './staff-session'
import { todayNumbers } from './today'
import { withoutPaths } from './without-paths'

/** File dialogs belong to the Electron shell; tests answer them themselves. */
export interface StaffDialogs {
  /** A path to save to, or null when staff cancelled. */
  saveFile(options: { defaultName: string; kind: 'zip' | 'log' }): Promise<string | null>
  /** An image file to open, or null when staff cancelled. */
  openImage(): Promise<string | null>
}

export interface StaffDependencies {
  /** Quits the app past the kiosk's close guard (main/shell/close-guard.ts); absent where nothing runs it. */
  quit?: () => void
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
  overrides: StaffOverrides
  reference: ReferenceSource
  /** Closed or open, and the visitors sent to staff (persisted). */
  desk: DeskState
  /** How FaceTec last did, as the renderer reported it (main/facetec/outcomes.ts). */
  facetec: { last(): FaceTecOutcomeRecord | null }
  kiosk: {
    kioskId: string
    mode: AppMode
    version: string
    clientId: () => string | null
    sdk: { simulated: boolean; root: string | null; problem: string | null }
    /** The config file loaded at start, or null (no file: defaults). */
    configFile: string | null
  }
  /** The journey's settings in effect (main/storage/staff-overrides.ts); staff see and change a few. */
  journeySettings: () => JourneySettings
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

export interface StaffService {
  unlock(pin: string): Promise<UnlockResult>
  lock(): StaffSessionView
  /** Refuses (`unauthorized`) unless staff mode is unlocked; each use keeps the session open longer. */
  requireSession(): void
  /** Whether staff mode is unlocked now (without keeping it open longer). */
  unlocked(): boolean
  overview(): Promise<StaffOverview>
  /** Applies staff's changes to the journey settings; answers the settings in effect. */
  updateSettings(patch: Partial<StaffJourneySettings>): StaffJourneySettings
  /** Stores the client secret (write-only) and, if given, the client id; answers what is stored. */
  setCredentials(input: { clientId?: string; clientSecret: string }): Promise<StaffOverview['credentials']>
  runDiagnostics(): Promise<Diagnostics>
  jobs(query: StaffJobQuery): StaffJobPage
  retryJob(jobId: string): JobView
  discardJob(jobId: string): Promise<JobView>
  exportResult(jobId: string): Promise<SavedFile>
  auditLog(): AuditEntry[]
  exportAuditLog(): Promise<SavedFile>
  chooseReferencePhoto(): Promise<{ chosen: boolean; bytes: number }>
  clearReferencePhoto(): { chosen: boolean; bytes: number }
  /** Staff confirm the photo they chose: it serves the next visit (main/verification/reference-source.ts). */
  confirmReferencePhoto(): { chosen: boolean; bytes: number }
  /** Closes the kiosk ("please go to the counter") or reopens it; answers the state now. */
  setClosed(closed: boolean): DeskView
  /** Staff saw the visitors sent to them; answers how many there were. */
  acknowledgeSentToStaff(): { acknowledged: number }
  /** Whether the kiosk is closed (every screen asks, no PIN). */
  desk(): DeskView
  /** A visitor was sent to staff (the journey reports it, no PIN). */
  sentToStaff(): void
  /** Records it, ends the staff session, and quits the app once the answer is on its way. */
  quitKiosk(): { quitting: true }
}

export function createStaffService(deps: StaffDependencies): StaffService {
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

  /** The settings staff may change, as the journey runs with them. */
  const effectiveSettings = (): StaffJourneySettings => {
    const { defaultLanguage, idleTimeoutSeconds, maxLivenessAttempts, resultSeconds } = deps.journeySettings()
    return { defaultLanguage, idleTimeoutSeconds, maxLivenessAttempts, resultSeconds }
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
  ): Promise<SavedFile> {
    const path = await deps.dialogs.saveFile({ defaultName, kind })
    if (!path) return { saved: false, fileName: null }
    await write(path)
    return { saved: true, fileName: basename(path) }
  }

  return {
    async unlock(pin) {
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
        // Once per lock: every knock on a locked PIN pad would otherwise be a line (issue 17, row 4).
        if (check.started) audit.record('kiosk', 'staff.pin-locked')
        return { outcome: 'locked', retryInSeconds: Math.ceil(check.retryInMs / 1000) }
      }
      return { outcome: 'not-configured' }
    },

    lock() {
      if (session.view().unlocked) audit.record('staff', 'staff.lock')
      session.close()
      return { unlocked: false, expiresAt: null }
    },

    requireSession() {
      if (!session.use()) throw new ServiceError('unauthorized', 'Staff mode is locked.')
    },

    unlocked: () => session.view().unlocked,

    async overview() {
      return {
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
        today: todayNumbers(engine, clock.now(), deps.desk.counts().sentToStaffToday),
        sentToStaffWaiting: deps.desk.counts().unacknowledged,
        closed: deps.desk.closed(),
        staffPhoto: staffPhotoView(),
        faceTecUpdateDueInDays: faceTecUpdateDueInDays(),
        lastFaceTec: deps.facetec.last()
      }
    },

    updateSettings(patch) {
      const before = effectiveSettings()
      deps.overrides.updateSettings(patch)
      // The form sends every setting; the log names only those whose value changed.
      const changed = (Object.keys(patch) as Array<keyof typeof patch>).filter((key) => patch[key] !== before[key])
      if (changed.length > 0) audit.record('staff', 'settings.changed', { settings: changed.join(',') })
      return effectiveSettings()
    },

    async setCredentials({ clientId, clientSecret }) {
      if (!deps.secrets)
        throw new ServiceError('conflict', 'Demo mode uses the sandbox’s credentials; configure live mode first.')
      try {
        await deps.secrets.set(clientSecret)
      } catch (error) {
        if (error instanceof SecretRejected) throw new ServiceError('invalid-input', error.message)
        if (error instanceof KeyProtectionUnavailable) throw new ServiceError('misconfigured', error.message)
        throw error
      }
      if (clientId) deps.overrides.setClientId(clientId)
      // Never the values: only that they changed.
      audit.record('staff', clientId ? 'credentials.id-and-secret-set' : 'credentials.secret-set')
      return credentials()
    },

    async runDiagnostics() {
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
    },

    jobs: (query) => {
      const page = engine.listPage(query)
      return {
        ...page,
        jobs: page.jobs.map((job) => ({
          ...job,
          lastError: job.lastError === null ? null : withoutPaths(job.lastError),
          detail: job.detail === null ? null : withoutPaths(job.detail)
        }))
      }
    },

    retryJob(jobId) {
      const view = engine.retry(jobId)
      audit.record('staff', 'job.retry', { jobId })
      return view
    },

    async discardJob(jobId) {
      const view = await engine.discard(jobId)
      audit.record('staff', 'job.discard', { jobId })
      return view
    },

    async exportResult(jobId) {
      const zip = await engine.archivedResult(jobId)
      const saved = await save(`assure-result-${jobId}.zip`, 'zip', (path) => writeFile(path, zip, { mode: 0o600 }))
      // Not the file name: staff may name the file after the person (issue 17, row 13).
      if (saved.saved) audit.record('staff', 'result.exported', { jobId })
      return saved
    },

    auditLog: () => audit.latest(200),

    async exportAuditLog() {
      const saved = await save(`assure-kiosk-audit-${deps.kiosk.kioskId}.jsonl`, 'log', (path) => {
        audit.exportTo(path)
      })
      if (saved.saved) audit.record('staff', 'audit.exported')
      return saved
    },

    async chooseReferencePhoto() {
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
    },

    clearReferencePhoto() {
      deps.reference.clear()
      audit.record('staff', 'reference.cleared')
      return { chosen: false, bytes: 0 }
    },

    confirmReferencePhoto() {
      if (!deps.reference.confirm()) throw new ServiceError('conflict', 'No photo has been chosen.')
      const bytes = deps.reference.staffPhoto()?.image.bytes.length ?? 0
      audit.record('staff', 'reference.confirmed', { bytes })
      return { chosen: true, bytes }
    },

    setClosed(closed) {
      if (deps.desk.setClosed(closed)) {
        audit.record('staff', closed ? 'kiosk.closed' : 'kiosk.reopened')
        deps.events.publish('onDeskChanged', { closed })
      }
      return { closed: deps.desk.closed() }
    },

    acknowledgeSentToStaff() {
      const acknowledged = deps.desk.acknowledge()
      if (acknowledged > 0) audit.record('staff', 'sent-to-staff.acknowledged', { count: acknowledged })
      return { acknowledged }
    },

    desk: () => ({ closed: deps.desk.closed() }),

    sentToStaff() {
      deps.desk.sentToStaff()
    },

    quitKiosk() {
      audit.record('staff', 'kiosk.quit')
      log.warn('staff are quitting the kiosk app')
      session.close()
      // After this call's answer has gone back to the page.
      clock.setTimeout(() => deps.quit?.(), 0)
      return { quitting: true }
    }
  }
}
