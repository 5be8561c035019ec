/**
 * The bridge contract: every IPC channel between the renderer and main, the runtime schema of every
 * argument, result and pushed event, and the `KioskApi` type that `window.kiosk` implements.
 *
 * All three processes read this file: main validates every call against it, the preload builds
 * `window.kiosk` from it, and the renderer imports its types only. It must import nothing but zod.
 *
 * Adding a capability = an entry in `invokeContract` (or `eventContract`), a handler in main's
 * composition (the compiler demands it), and a test. The preload needs no change.
 */
import { z } from 'zod'

/** Every channel starts with this prefix, so a stray channel in a log is easy to place. */
export const CHANNEL_PREFIX = 'kiosk:'

// ---------------------------------------------------------------------------------------------------
// Shared value schemas

export const AppMode = z.enum(['demo', 'live'])
export type AppMode = z.infer<typeof AppMode>

/** What the kiosk knows about its path to Assure. `unknown` until the first probe has answered. */
export const Connectivity = z.enum(['unknown', 'online', 'degraded', 'offline'])
export type Connectivity = z.infer<typeof Connectivity>

export const AppStatus = z.strictObject({
  mode: AppMode,
  version: z.string().max(64),
  kioskId: z.string().max(128),
  connectivity: Connectivity,
  /** ISO-8601 time of the last connectivity change, or null before the first probe. */
  connectivitySince: z.iso.datetime().nullable(),
  /** Why this kiosk cannot serve at all (e.g. no secure key store in live mode), for staff; null when it can. */
  setupProblem: z.string().max(1000).nullable()
})
export type AppStatus = z.infer<typeof AppStatus>

/** Languages the kiosk can speak, in the order it offers them unless the config says otherwise. */
export const LANGUAGES = ['en', 'nb', 'sv', 'da', 'fi'] as const
export const LanguageCode = z.enum(LANGUAGES)
export type LanguageCode = z.infer<typeof LanguageCode>

/**
 * What each numeric journey setting may be set to, by the operator (the config file) and by staff
 * (staff mode's settings): the one place these ranges are written.
 */
export const JOURNEY_LIMITS = {
  /** Seconds without a touch before the idle countdown. */
  idleTimeoutSeconds: { min: 10, max: 3600 },
  /** Seconds of the visible countdown before the kiosk resets. */
  idleCountdownSeconds: { min: 3, max: 120 },
  /** Failed face checks before the person is sent to staff. */
  maxLivenessAttempts: { min: 1, max: 10 },
  /** Seconds the end screens stay. */
  resultSeconds: { min: 5, max: 600 }
} as const satisfies Record<string, { min: number; max: number }>

/** A whole number within a journey setting's limits. */
export const journeySetting = (name: keyof typeof JOURNEY_LIMITS) =>
  z.number().int().min(JOURNEY_LIMITS[name].min).max(JOURNEY_LIMITS[name].max)

/**
 * Where the app origin serves the FaceTec SDK folder, and where FaceTec's zip puts the SDK's script
 * inside that folder: the operator's folder and the simulated SDK have the same layout.
 */
export const FACETEC_SDK_MOUNT = '/facetec-sdk/'
export const FACETEC_SDK_SCRIPT = 'core-sdk/FaceTecSDK.js/FaceTecSDK.js'

/** A colour as #rrggbb (lower case), as main hands it over after checking its contrast. */
const HexColor = z.string().regex(/^#[0-9a-f]{6}$/, 'not a #rrggbb colour')

/** The end screens whose next step an operator may word ("Please return to counter 3"). */
export const NextStepOutcome = z.enum([
  'accepted',
  'rejected',
  'inconclusive',
  'failed',
  'canceled',
  'queued',
  'callStaff'
])
export type NextStepOutcome = z.infer<typeof NextStepOutcome>

/** A text per language; a language left out uses the kiosk's own words. */
const PerLanguage = (max: number) => z.partialRecord(LanguageCode, z.string().min(1).max(max))

/**
 * Who runs the kiosk and what it tells visitors, from the operator's configuration, as main read and
 * checked it: the logo's bytes (never a path), a colour pair that keeps AA contrast, bounded texts.
 */
export const OperatorSettings = z.strictObject({
  /** The organisation: at the top of every screen, and the controller in the privacy notice; null: none configured. */
  name: z.string().min(1).max(80).nullable(),
  /** The logo as a data: URL of a PNG or JPEG main read and checked (at most 256 KB), or null. */
  logo: z
    .string()
    .max(360_000)
    .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/, 'not a PNG or JPEG data: URL')
    .nullable(),
  /** The accent (buttons, the oval) and the text on it: at least 4.5:1 with each other, 3:1 on the background. */
  accent: z.strictObject({ color: HexColor, text: HexColor }),
  privacy: z.strictObject({
    /** The whole notice for a language, in paragraphs, instead of the kiosk's default one. */
    notice: z.partialRecord(LanguageCode, z.array(z.string().min(1).max(1200)).min(1).max(8)),
    /** Where the full privacy notice is (an https address, also shown as a QR code), or null. */
    moreInfoUrl: z
      .url({ protocol: /^https$/ })
      .max(300)
      .nullable(),
    /** How long the kiosk keeps its encrypted record of a check (verification.retentionDays). */
    retentionDays: z.number().int().min(1).max(3650)
  }),
  nextSteps: z.partialRecord(NextStepOutcome, PerLanguage(300))
})
export type OperatorSettings = z.infer<typeof OperatorSettings>

/**
 * What the journey needs to know from the kiosk's configuration (with staff's changes). Main checks
 * the JOURNEY_LIMITS where the values are set (the config file, staff's settings); here only that
 * they make sense, so the end-to-end tests can shorten the idle times.
 */
export const JourneySettings = z.strictObject({
  languages: z.array(LanguageCode).min(1).max(LANGUAGES.length),
  defaultLanguage: LanguageCode,
  idleTimeoutSeconds: z.number().int().min(1),
  idleCountdownSeconds: z.number().int().min(1),
  maxLivenessAttempts: z.number().int().min(1),
  /** `ticket`: the person enters the ids of an earlier ID check; `configured`: main knows the photo. */
  referenceSource: z.enum(['configured', 'ticket']),
  resultSeconds: z.number().int().min(1),
  /** Prepare dossier and process while the person reads the notice (default), or only at the capture. */
  prepareAhead: z.boolean(),
  /** Where the FaceTec SDK is served on the app origin, and whether it is the simulated one (demo). */
  sdk: z.strictObject({ baseUrl: z.string().max(200), simulated: z.boolean() }),
  /**
   * Seconds the processing screen waits for Assure's result before handing the person over to the
   * queued screen with their reference (the check finishes by itself; staff can tell them the result).
   */
  processingHandOverSeconds: z.number().int().min(5).max(600),
  operator: OperatorSettings,
  /** A chime when the kiosk sends a visitor to staff (config `staff.chimeOnSentToStaff`); absent: none. */
  chimeOnSentToStaff: z.boolean().optional()
})
export type JourneySettings = z.infer<typeof JourneySettings>

/**
 * A visit's short reference, for the person to show staff and staff to find the visit by: six
 * characters of an alphabet without look-alikes (main/verification/visit-reference.ts).
 */
export const VisitReference = z.string().regex(/^[ACEFHJKMNPRTWXY34679]{6}$/, 'not a visit reference')
export type VisitReference = z.infer<typeof VisitReference>

/** Identifiers of jobs, dossiers and processes: UUIDs in every known case, checked loosely. */
const Id = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'not an id')

/** Base64 as FaceTec emits it (no data: prefix), bounded so one capture stays within a few MB. */
const Base64 = (maxChars: number) =>
  z
    .string()
    .min(1)
    .max(maxChars)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64')

/** Where the reference photo (the face the liveness capture is matched against) comes from. */
export const ReferenceInput = z.strictObject({
  kind: z.literal('linked-process'),
  /** The dossier and the earlier process (e.g. an ID-document check) that hold the photo. */
  dossierId: Id,
  processId: Id,
  imageType: z.enum(['portrait', 'front', 'selfie']).default('portrait')
  // Which dossier the new FaceTec process goes into is main's policy (verification.linkedReferencePlacement),
  // not something the page may choose.
})
export type ReferenceInput = z.input<typeof ReferenceInput>

export const PrepareInput = z.strictObject({
  /** Absent: the kiosk's configured source (the demo photo, or the photo staff chose). */
  reference: ReferenceInput.optional(),
  /** The visit's reference from its first verification (a retry is the same visit); absent: main makes one. */
  visitReference: VisitReference.optional()
})

/** What the renderer needs to initialise the FaceTec SDK and start a session. Never an Assure token. */
export const PreparedSession = z.strictObject({
  jobId: Id,
  visitReference: VisitReference,
  /** The reference is the photo staff provided at a staffed desk (the visitor is told so); absent: not. */
  referenceByStaff: z.boolean().optional(),
  facetec: z.strictObject({
    deviceKeyIdentifier: z.string().max(200),
    publicFaceScanEncryptionKey: z.string().max(20_000),
    productionKeyText: z.string().max(20_000).nullable(),
    sessionToken: z.string().max(20_000)
  })
})
export type PreparedSession = z.infer<typeof PreparedSession>

export const CaptureInput = z.strictObject({
  jobId: Id,
  faceScan: Base64(4_000_000),
  auditTrailImage: Base64(2_000_000),
  lowQualityAuditTrailImage: Base64(1_000_000),
  userAgent: z.string().min(1).max(2_000),
  sessionId: z.string().max(200).optional()
})
export type CaptureInput = z.infer<typeof CaptureInput>

export const JobPhase = z.enum([
  /** Dossier and process are being created. */
  'preparing',
  /** The SDK keys and session token are out; waiting for the capture. */
  'ready',
  /** The capture is saved (encrypted) and about to be sent. */
  'submitted',
  /** Assure is verifying; the kiosk polls for the result. */
  'processing',
  /** Saved, but Assure cannot be reached: it will finish by itself when the network is back. */
  'queued',
  'completed',
  'failed',
  'cancelled'
])
export type JobPhase = z.infer<typeof JobPhase>

/** Assure's final status; `failed` (the provider could not do the check) and `canceled` as Assure spells them. */
export const JobResult = z.enum(['accepted', 'rejected', 'inconclusive', 'failed', 'canceled', 'other'])
export type JobResult = z.infer<typeof JobResult>

export const FailureReason = z.enum([
  /** Assure refused the kiosk's credentials or configuration: staff must fix the settings (as BridgeErrorCode's). */
  'misconfigured',
  /** Assure refused a request as invalid. */
  'request-refused',
  /** The dossier or process no longer exists at Assure. */
  'not-found',
  /** Assure's answers did not make sense. */
  'bad-response',
  /** The saved capture cannot be read back (damaged, or the kiosk's key changed). */
  'capture-unreadable',
  /** The linked process has no usable reference photo. */
  'reference-unavailable',
  /** The linked process cannot provide that photo at all (e.g. a portrait of a check that read no ID document). */
  'reference-not-provided',
  /** Assure kept answering that the full result was not ready (204) for longer than the kiosk waits. */
  'full-result-unavailable',
  /** No result arrived within the deadline. */
  'result-timeout',
  /** The kiosk's own storage failed. */
  'storage',
  /** Kept longer than the retention period. */
  'expired'
])
export type FailureReason = z.infer<typeof FailureReason>

export const JobView = z.strictObject({
  jobId: Id,
  /** The visit the job belongs to; null for jobs kept from before visits had references. */
  visitReference: VisitReference.nullable(),
  phase: JobPhase,
  result: JobResult.nullable(),
  failure: z.strictObject({ reason: FailureReason, retryable: z.boolean() }).nullable(),
  /** Network retries so far while queued. */
  attempts: z.number().int().min(0),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime()
})
export type JobView = z.infer<typeof JobView>

export const JobRef = z.strictObject({ jobId: Id })

// ---------------------------------------------------------------------------------------------------
// Staff mode (every call but unlockStaff needs an unlocked staff session, checked in main)

export const PinInput = z.strictObject({ pin: z.string().regex(/^\d{1,12}$/, 'digits only') })

export const UnlockResult = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('unlocked'), expiresAt: z.iso.datetime() }),
  z.strictObject({ outcome: z.literal('wrong'), attemptsLeft: z.number().int().min(0) }),
  z.strictObject({ outcome: z.literal('locked'), retryInSeconds: z.number().int().min(0) }),
  /** No staff.pinHash in the config file: staff mode cannot be unlocked at this kiosk. */
  z.strictObject({ outcome: z.literal('not-configured') })
])
export type UnlockResult = z.infer<typeof UnlockResult>

export const StaffSessionView = z.strictObject({ unlocked: z.boolean(), expiresAt: z.iso.datetime().nullable() })
export type StaffSessionView = z.infer<typeof StaffSessionView>

/** What staff may change at the kiosk; the config file stays the fleet's source of truth for the rest. */
export const StaffJourneySettings = z.strictObject({
  defaultLanguage: LanguageCode,
  idleTimeoutSeconds: journeySetting('idleTimeoutSeconds'),
  maxLivenessAttempts: journeySetting('maxLivenessAttempts'),
  resultSeconds: journeySetting('resultSeconds')
})
export type StaffJourneySettings = z.infer<typeof StaffJourneySettings>
export const StaffJourneySettingsPatch = StaffJourneySettings.partial()

export const CredentialsInput = z.strictObject({
  clientId: z
    .string()
    .min(1)
    .max(256)
    .regex(/^[\x21-\x7e]+$/, 'printable characters, no spaces')
    .optional(),
  /** Write-only: stored encrypted by the OS key store, never answered back. */
  clientSecret: z.string().min(1).max(1024)
})

/** Why the FaceTec SDK cannot load: the simulated one was not built, no folder is configured, or it lacks the SDK script. */
export const SdkProblem = z.enum(['simulated-missing', 'not-configured', 'script-missing'])
export type SdkProblem = z.infer<typeof SdkProblem>

const Count = z.number().int().min(0).max(1_000_000)

/** What the kiosk did today, at a glance. */
export const TodayNumbers = z.strictObject({
  /** Visits that started a check (a retry is the same visit). */
  visits: Count,
  accepted: Count,
  rejected: Count,
  inconclusive: Count,
  /** Visitors the kiosk sent to staff (retry limit, a ticket problem, a failed or queued check). */
  sentToStaff: Count,
  /** Checks waiting for the network now (whatever day they began). */
  queued: Count,
  /** Checks that failed (the kiosk's side or Assure's). */
  failed: Count
})
export type TodayNumbers = z.infer<typeof TodayNumbers>

/** The staff-chosen reference photo: `chosen` (not in force), `ready` (for the next visitor), `in-use`. */
export const StaffPhoto = z.strictObject({
  state: z.enum(['chosen', 'ready', 'in-use']),
  /** A JPEG or PNG data: URL of the photo itself (at most 4 MB), for the thumbnail staff check. */
  image: z
    .string()
    .max(5_600_000)
    .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/, 'not a PNG or JPEG data: URL'),
  /** When it stops being used by itself, unless its visit used it first; null while only chosen. */
  until: z.iso.datetime().nullable()
})
export type StaffPhoto = z.infer<typeof StaffPhoto>

/** Why the kiosk sent a visitor to staff (the journey's call-staff and queued screens). */
export const SentToStaffReason = z.enum(['retry-limit', 'ticket', 'failure', 'facetec', 'queued'])
export type SentToStaffReason = z.infer<typeof SentToStaffReason>

/** The desk's state every screen needs: whether staff closed the kiosk. */
export const DeskView = z.strictObject({ closed: z.boolean() })
export type DeskView = z.infer<typeof DeskView>

export const StaffOverview = z.strictObject({
  kioskId: z.string().max(128),
  mode: AppMode,
  version: z.string().max(64),
  connectivity: Connectivity,
  credentials: z.strictObject({
    clientId: z.string().max(256).nullable(),
    secretStored: z.boolean(),
    /**
     * Why a secret cannot be stored here: demo mode (the sandbox has its own), or no OS key store that
     * protects it. A code, so the renderer says it in the kiosk's language.
     */
    problem: z.enum(['demo-mode', 'key-store-unavailable']).nullable()
  }),
  /** The reference photo used when no ticket names one. */
  reference: z.strictObject({ source: z.enum(['staff-file', 'demo', 'none']), bytes: z.number().int().min(0) }),
  settings: StaffJourneySettings,
  sdk: z.strictObject({
    simulated: z.boolean(),
    problem: SdkProblem.nullable(),
    packageVersion: z.string().max(64).nullable()
  }),
  /** Damaged job files set aside at start-up: file names only (why is in main's log). */
  storageProblems: z
    .array(z.strictObject({ file: z.string().max(300), movedTo: z.string().max(300).nullable() }))
    .max(50),
  /** Today's numbers (the kiosk's local day), from the job journal and the desk's own count. */
  today: TodayNumbers,
  /** Visitors sent to staff and not yet acknowledged. */
  sentToStaffWaiting: Count,
  /** Staff closed the kiosk: visitors see "closed — please go to the counter". */
  closed: z.boolean(),
  /** The photo staff chose at a staffed desk, with its thumbnail (staff mode only); null: none. */
  staffPhoto: StaffPhoto.nullable(),
  /**
   * FaceTec's update policy (at least every 90 days): days left, counted from the date of the SDK's
   * files (negative: overdue); null for the simulated SDK or when the files cannot be read.
   */
  faceTecUpdateDueInDays: z.number().int().min(-100_000).max(100_000).nullable(),
  /** How FaceTec last did (the diagnostics' record), or null. Lazy: that schema is defined further down. */
  lastFaceTec: z.lazy(() => FaceTecOutcomeRecord).nullable()
})
export type StaffOverview = z.infer<typeof StaffOverview>

/** A technical code that needs no translation (ECONNREFUSED, TimeoutError, ...): letters, digits, `_`, `-`, `.` only. */
const TechnicalCode = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'not a technical code')

/** What failed when a token was asked for: the Assure client's error kinds, or `other`. */
export const TokenFailure = z.enum([
  'network',
  'server',
  'rate-limit',
  'auth',
  'client',
  'not-found',
  'malformed',
  'other'
])
export type TokenFailure = z.infer<typeof TokenFailure>

/** Codes and numbers only: the renderer words them in the kiosk's language. */
export const Diagnostics = z.strictObject({
  /** The Assure host answers (any HTTP answer counts), and how fast; if not, the network error's code. */
  assure: z.strictObject({
    ok: z.boolean(),
    latencyMs: z.number().int().min(0).nullable(),
    error: TechnicalCode.nullable()
  }),
  /** A fresh OAuth2 token can be had with the stored credentials; if not, why, and the HTTP status if one came. */
  token: z.strictObject({
    ok: z.boolean(),
    failure: TokenFailure.nullable(),
    status: z.number().int().min(100).max(599).nullable()
  }),
  /** The FaceTec SDK folder main serves is there: the simulated SDK, or the operator's with its version. */
  sdk: z.strictObject({
    ok: z.boolean(),
    simulated: z.boolean(),
    version: z.string().max(64).nullable(),
    problem: SdkProblem.nullable()
  }),
  /** The config file main loaded at start (its path), or null: none, every field at its default. */
  configFile: z.string().max(1000).nullable(),
  /**
   * End to end at Assure: a test dossier created and deleted again with the stored credentials (only
   * tried when the token check passed; then `failure` is null and ok false).
   */
  dossier: z.strictObject({ ok: z.boolean(), failure: TokenFailure.nullable() }),
  at: z.iso.datetime()
})
export type Diagnostics = z.infer<typeof Diagnostics>

/** A job as staff see it in the queue: technical details, still no personal data. */
export const StaffJob = JobView.extend({
  /** The last network or server error while queued, e.g. "startVerification: network ECONNRESET". */
  lastError: z.string().max(500).nullable(),
  /** For a failed job: what went wrong, in technical words (no personal data). */
  detail: z.string().max(2000).nullable(),
  hasArchivedResult: z.boolean()
})
export type StaffJob = z.infer<typeof StaffJob>

/**
 * Which part of the queue staff see: one page, newest first, of one phase (absent: all), or of the
 * visits whose reference (the job id) contains `reference`. Main pages and filters, so a kiosk with a
 * year of jobs answers one page as fast as one with ten.
 */
export const StaffJobQuery = z.strictObject({
  page: z.number().int().min(0).max(1_000_000).optional(),
  pageSize: z.number().int().min(1).max(50).optional(),
  phase: JobPhase.optional(),
  /** The visit's short reference, or a part of a job id. */
  reference: z
    .string()
    .max(36)
    .regex(/^[0-9A-Za-z-]*$/)
    .optional()
})
export type StaffJobQuery = z.infer<typeof StaffJobQuery>

export const StaffJobPage = z.strictObject({
  jobs: z.array(StaffJob).max(50),
  /** The page shown (the last one when the one asked for is past the end). */
  page: z.number().int().min(0),
  pages: z.number().int().min(1),
  /** Jobs matching the query, on every page. */
  total: z.number().int().min(0)
})
export type StaffJobPage = z.infer<typeof StaffJobPage>

export const SavedFile = z.strictObject({ saved: z.boolean(), fileName: z.string().max(300).nullable() })
export type SavedFile = z.infer<typeof SavedFile>

/** What the audit log records. Codes, so the renderer can word each in the kiosk's language. */
export const AuditAction = z.enum([
  'staff.unlocked',
  /** Staff pressed "Lock and leave". */
  'staff.lock',
  /** The staff session is over (locked by staff, or unused for too long). */
  'staff.session-ended',
  'staff.pin-wrong',
  'staff.pin-locked',
  'settings.changed',
  'credentials.secret-set',
  'credentials.id-and-secret-set',
  'diagnostics.run',
  'job.retry',
  'job.discard',
  'result.exported',
  'audit.exported',
  'reference.chosen',
  'reference.cleared',
  /** Staff confirmed the chosen photo for the next visitor. */
  'reference.confirmed',
  /** The staff photo stopped being used by itself (`because`: used, other-visit, expired). */
  'reference.ended',
  'kiosk.closed',
  'kiosk.reopened',
  /** Staff acknowledged the visitors sent to them (`count`). */
  'sent-to-staff.acknowledged',
  /** Staff quit the kiosk app (the only way to close it in kiosk mode). */
  'kiosk.quit'
])
export type AuditAction = z.infer<typeof AuditAction>

export const AuditEntry = z.strictObject({
  at: z.iso.datetime(),
  /** Who: staff (after the PIN) or the kiosk itself. One shared PIN means no names. */
  actor: z.enum(['staff', 'kiosk']),
  action: AuditAction,
  /**
   * The particulars, without personal data: a job id, the names of changed settings, a file name, a
   * count. Values are identifiers or numbers, never sentences, so they need no translation.
   */
  params: z
    .record(z.string().regex(/^[a-zA-Z]{1,32}$/), z.union([z.string().max(300), z.number()]))
    .refine((params) => Object.keys(params).length <= 8, 'at most 8 parameters')
})
export type AuditEntry = z.infer<typeof AuditEntry>

export const ReferenceChoice = z.strictObject({ chosen: z.boolean(), bytes: z.number().int().min(0) })

// ---------------------------------------------------------------------------------------------------
// FaceTec outcomes (the renderer tells main how each FaceTec initialization and session ended)

/** A version as `version()` answers it, e.g. 9.7.27; anything else is sent as null. */
const SdkVersion = z.string().regex(/^[A-Za-z0-9._+-]{1,64}$/, 'not a version')

/**
 * How one FaceTec initialization or session ended, in FaceTec's own codes and the kiosk's: for main's
 * log and staff diagnostics. No personal data: no session id, no images, no free text.
 */
export const FaceTecOutcome = z.strictObject({
  phase: z.enum(['initialization', 'session']),
  ok: z.boolean(),
  /**
   * FaceTecSDKStatus (initialization) or FaceTecSessionStatus (session), as FaceTec numbers and names
   * it; null when FaceTec never answered (no SDK script, or the kiosk ended the session itself).
   */
  status: z
    .strictObject({
      code: z.number().int().min(0).max(999),
      name: z.string().regex(/^[A-Za-z][A-Za-z0-9()]{0,79}$/, 'not a status name')
    })
    .nullable(),
  /** The kiosk's reading, e.g. `sdk-status`, `timeout`, `script-load-failed`, `user-cancelled`, `submitted`. */
  reason: TechnicalCode,
  /**
   * What it means for the kiosk: carry on, `retry` (another attempt may pass), `call-staff` (this
   * visitor needs help), `out-of-service` (nobody can be served until an operator fixes it).
   */
  action: z.enum(['continue', 'retry', 'call-staff', 'out-of-service']),
  /** The key mode, once known. */
  mode: z.enum(['development', 'production']).nullable(),
  /** `version()` of the loaded SDK; null when none loaded. */
  sdkVersion: SdkVersion.nullable(),
  /** FaceScans handed over in the session (0 for an initialization). */
  scans: z.number().int().min(0).max(10),
  /** Codes of "FaceTec Browser SDK Error Code NNN" console reports seen while initializing. */
  errorCodes: z.array(z.string().regex(/^\d{1,12}$/)).max(10),
  /** How long FaceTec's own initialization took (an initialization that ran; absent otherwise). */
  durationMs: z.number().int().min(0).max(600_000).optional()
})
export type FaceTecOutcome = z.infer<typeof FaceTecOutcome>

/** The last outcome as main keeps it: when it arrived, and whether the SDK was demo mode's simulated one. */
export const FaceTecOutcomeRecord = FaceTecOutcome.extend({ at: z.iso.datetime(), simulated: z.boolean() })
export type FaceTecOutcomeRecord = z.infer<typeof FaceTecOutcomeRecord>

// ---------------------------------------------------------------------------------------------------
// Visits (the renderer tells main how each visit went, for the fleet's telemetry: codes and numbers only)

/** How a visit ended, as the person at the kiosk experienced it. */
export const VisitOutcome = z.enum([
  'accepted',
  'rejected',
  'inconclusive',
  /** Asked to see a member of staff: attempts used up, FaceTec or Assure could not do the check. */
  'sent-to-staff',
  /** Left with "your check is saved and will finish shortly" (Assure unreachable after the capture). */
  'queued',
  /** Ended before a result by the person (declined the notice, left) or by staff mode. */
  'abandoned',
  /** Ended by the idle reset before a result. */
  'idle-reset',
  /** The kiosk went out of service during the visit. */
  'out-of-service'
])
export type VisitOutcome = z.infer<typeof VisitOutcome>

/** Why the kiosk shows "out of service": the four causes of the out-of-service screen. */
export const ServiceCause = z.enum(['assure', 'camera', 'sdk', 'configuration'])
export type ServiceCause = z.infer<typeof ServiceCause>

/** A duration the renderer measured (performance.now), or null when the visit did not get that far. */
const VisitMillis = z.number().int().min(0).max(3_600_000).nullable()

export const VisitReport = z.discriminatedUnion('event', [
  /** Start pressed on the attract screen. */
  z.strictObject({ event: z.literal('started') }),
  z.strictObject({
    event: z.literal('ended'),
    outcome: VisitOutcome,
    timings: z.strictObject({
      /** Start pressed -> FaceTec's session open (P2 as measured in the field, the person's reading included). */
      startToCameraMs: VisitMillis,
      /** The last tap before FaceTec -> its session open: the part of P2 the kiosk makes the person wait. */
      cameraWaitMs: VisitMillis,
      /** Capture handed to main -> the result on screen (P1). */
      captureToResultMs: VisitMillis
    })
  }),
  /** The out-of-service screen appeared (its cause), or the kiosk serves again (null). */
  z.strictObject({ event: z.literal('service'), outOfService: ServiceCause.nullable() })
])
export type VisitReport = z.infer<typeof VisitReport>

// ---------------------------------------------------------------------------------------------------
// Results and errors

/**
 * Why a call failed, in terms the UI can act on. Thrown errors do not survive contextBridge with their
 * fields intact, so every call answers a `BridgeResult` instead of throwing.
 */
export const BridgeErrorCode = z.enum([
  /** The caller is not the app's own top-level frame on the app's own origin. */
  'forbidden-sender',
  /** The arguments did not match the contract (wrong type, too large, unknown field, ...). */
  'invalid-input',
  /** The service cannot answer now (Assure unreachable); the UI may retry later. */
  'unavailable',
  /** The kiosk is set up wrongly (credentials refused, no reference photo, ...): staff must act. */
  'misconfigured',
  /** Staff mode is locked: unlock with the PIN first. */
  'unauthorized',
  'not-found',
  /** The request conflicts with the current state (e.g. a capture for a job that is already done). */
  'conflict',
  /** Anything else. The message is generic; details stay in main's log. */
  'internal'
])
export type BridgeErrorCode = z.infer<typeof BridgeErrorCode>

export const BridgeError = z.strictObject({
  code: BridgeErrorCode,
  message: z.string().max(2000),
  /** For `invalid-input`: the offending paths, never the offending values. */
  issues: z.array(z.string().max(500)).max(50).optional()
})
export type BridgeError = z.infer<typeof BridgeError>

export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: BridgeError }

// ---------------------------------------------------------------------------------------------------
// Calls (renderer -> main, answered)

interface InvokeSpec {
  readonly channel: `kiosk:${string}`
  /** Schema of the single argument; `z.undefined()` for calls without one. */
  readonly input: z.ZodType
  readonly output: z.ZodType
}

const NoInput = z.undefined()

export const invokeContract = {
  getStatus: { channel: 'kiosk:status:get', input: NoInput, output: AppStatus },
  getJourneySettings: { channel: 'kiosk:journey-settings:get', input: NoInput, output: JourneySettings },
  /** Creates dossier, FaceTec process and reference selfie; answers as soon as the SDK keys exist. */
  prepareVerification: { channel: 'kiosk:verification:prepare', input: PrepareInput, output: PreparedSession },
  /** Saves the capture (encrypted) and sends it to Assure; answers once it is saved. */
  submitCapture: { channel: 'kiosk:verification:submit', input: CaptureInput, output: JobView },
  /** Abandons a job before its capture (idle reset, the user leaves); its dossier is deleted. */
  cancelVerification: { channel: 'kiosk:verification:cancel', input: JobRef, output: JobView },
  getJob: { channel: 'kiosk:verification:get', input: JobRef, output: JobView },

  unlockStaff: { channel: 'kiosk:staff:unlock', input: PinInput, output: UnlockResult },
  lockStaff: { channel: 'kiosk:staff:lock', input: NoInput, output: StaffSessionView },
  getStaffOverview: { channel: 'kiosk:staff:overview', input: NoInput, output: StaffOverview },
  updateStaffSettings: {
    channel: 'kiosk:staff:settings',
    input: StaffJourneySettingsPatch,
    output: StaffJourneySettings
  },
  setCredentials: {
    channel: 'kiosk:staff:credentials',
    input: CredentialsInput,
    output: StaffOverview.shape.credentials
  },
  runDiagnostics: { channel: 'kiosk:staff:diagnostics', input: NoInput, output: Diagnostics },
  listJobs: { channel: 'kiosk:staff:jobs', input: StaffJobQuery, output: StaffJobPage },
  retryJob: { channel: 'kiosk:staff:retry', input: JobRef, output: JobView },
  discardJob: { channel: 'kiosk:staff:discard', input: JobRef, output: JobView },
  /** Opens a save dialog in main and writes the job's full-result zip there. */
  exportResult: { channel: 'kiosk:staff:export-result', input: JobRef, output: SavedFile },
  listAuditLog: { channel: 'kiosk:staff:audit', input: NoInput, output: z.array(AuditEntry).max(500) },
  exportAuditLog: { channel: 'kiosk:staff:export-audit', input: NoInput, output: SavedFile },
  /** Opens a file dialog in main; the photo (JPEG/PNG, at most 4 MB) becomes the reference. */
  chooseReferencePhoto: { channel: 'kiosk:staff:reference', input: NoInput, output: ReferenceChoice },
  clearReferencePhoto: { channel: 'kiosk:staff:reference-clear', input: NoInput, output: ReferenceChoice },
  /** The chosen photo is for the next visitor (one visit, or until it times out). */
  confirmReferencePhoto: { channel: 'kiosk:staff:reference-confirm', input: NoInput, output: ReferenceChoice },
  /** Closes the kiosk to visitors, or reopens it; audited. */
  setKioskClosed: { channel: 'kiosk:staff:closed', input: DeskView, output: DeskView },
  /** Staff saw the visitors sent to them: the waiting count goes back to zero. */
  acknowledgeSentToStaff: {
    channel: 'kiosk:staff:sent-to-staff-ack',
    input: NoInput,
    output: z.strictObject({ acknowledged: Count })
  },
  /** Whether the kiosk is closed (every screen asks at start, then follows `onDeskChanged`). */
  getDeskState: { channel: 'kiosk:desk:get', input: NoInput, output: DeskView },
  /** The journey sent a visitor to staff: counted for today and until staff acknowledge it. */
  reportSentToStaff: {
    channel: 'kiosk:desk:sent-to-staff',
    input: z.strictObject({ reason: SentToStaffReason }),
    output: z.null()
  },
  /** Quits the kiosk app (kiosk mode refuses every other way to close it); recorded in the audit log. */
  quitKiosk: { channel: 'kiosk:staff:quit', input: NoInput, output: z.strictObject({ quitting: z.literal(true) }) },

  /** How a FaceTec initialization or session ended; main logs it and keeps the last one for staff. */
  reportFaceTecOutcome: { channel: 'kiosk:facetec:outcome', input: FaceTecOutcome, output: z.null() },
  /** The last FaceTec outcome since the kiosk started, or null. */
  getFaceTecOutcome: {
    channel: 'kiosk:staff:facetec-outcome',
    input: NoInput,
    output: FaceTecOutcomeRecord.nullable()
  },

  /** A visit started or ended, or the kiosk went out of (or back into) service: counted for the fleet's telemetry. */
  reportVisit: { channel: 'kiosk:visit:report', input: VisitReport, output: z.null() }
} as const satisfies Record<string, InvokeSpec>

// ---------------------------------------------------------------------------------------------------
// Events (main -> renderer, pushed)

interface EventSpec {
  readonly channel: `kiosk:${string}`
  readonly payload: z.ZodType
}

export const eventContract = {
  onStatusChanged: { channel: 'kiosk:event:status', payload: AppStatus },
  onJobUpdated: { channel: 'kiosk:event:job', payload: JobView },
  /** Staff mode locked itself (time-out) or was locked. */
  onStaffSessionChanged: { channel: 'kiosk:event:staff', payload: StaffSessionView },
  /** Staff closed or reopened the kiosk. */
  onDeskChanged: { channel: 'kiosk:event:desk', payload: DeskView }
} as const satisfies Record<string, EventSpec>

// ---------------------------------------------------------------------------------------------------
// Types derived from the tables

export type InvokeContract = typeof invokeContract
export type EventContract = typeof eventContract
export type InvokeName = keyof InvokeContract
export type EventName = keyof EventContract

/** What a call receives in the renderer (before parsing) and what main's handler gets (after). */
export type InputOf<K extends InvokeName> = z.input<InvokeContract[K]['input']>
export type ParsedInputOf<K extends InvokeName> = z.output<InvokeContract[K]['input']>
/** What main's handler may return, and what the renderer receives after main's outbound parse. */
export type OutputOf<K extends InvokeName> = z.output<InvokeContract[K]['output']>
export type HandlerOutputOf<K extends InvokeName> = z.input<InvokeContract[K]['output']>
export type PayloadOf<K extends EventName> = z.output<EventContract[K]['payload']>

export type Unsubscribe = () => void

export type KioskApi = {
  readonly [K in InvokeName]: undefined extends InputOf<K>
    ? () => Promise<BridgeResult<OutputOf<K>>>
    : (input: InputOf<K>) => Promise<BridgeResult<OutputOf<K>>>
} & {
  readonly [K in EventName]: (listener: (payload: PayloadOf<K>) => void) => Unsubscribe
}

/** The name under which the preload exposes the API: `window.kiosk`. */
export const KIOSK_API_KEY = 'kiosk'
