/**
 * Where the person is in the journey, and what the screens need to show. Only the journey controller
 * (journey/journey.ts) changes it; screens read it and call the controller.
 */
import { create, type StoreApi } from 'zustand'
import type { FailureReason, JobResult, JobView } from '../../../preload/api'
import type { MessageKey } from '../i18n'

export type ScreenName =
  | 'attract'
  | 'consent'
  | 'reference'
  | 'camera-check'
  | 'liveness'
  | 'retry'
  | 'processing'
  | 'result'
  | 'queued'
  | 'call-staff'
  | 'out-of-service'
  | 'staff-pin'
  | 'staff'

/** Each has its own message: the network, the camera, the FaceTec SDK, the kiosk's set-up. */
export type OutOfServiceReason = 'assure' | 'camera' | 'sdk' | 'configuration'

export type CallStaffReason =
  | { kind: 'retry-limit'; attempts: number }
  | { kind: 'facetec'; messageKey: MessageKey }
  | { kind: 'failure'; reason: FailureReason }

/**
 * Times one visit may ask FaceTec to initialize when it fails in a way that may pass (no network, still
 * loading): after that the kiosk goes out of service instead of looping on "Try again". The next
 * visit (after "Try again" on that screen, or an idle reset) starts counting anew.
 */
export const MAX_SDK_INIT_ATTEMPTS = 3

/** Screens on which nobody is expected to touch anything, so the idle reset must not fire. */
export const BUSY_SCREENS: readonly ScreenName[] = ['liveness', 'processing']

/**
 * Staff's unlocked screens: main's staff session times them out, not the visitor idle reset. The PIN
 * pad is not among them: before unlocking there is no session, and a visitor who found the gesture
 * must not leave the kiosk stuck on it.
 */
export const STAFF_SCREENS: readonly ScreenName[] = ['staff']

export interface JourneyState {
  screen: ScreenName
  outOfService: OutOfServiceReason | null
  callStaff: CallStaffReason | null
  /** Why the person is asked to try again (a FaceTec message). */
  retryMessage: MessageKey | null
  /** What the retry screen's "try again" is about: a failed face check, or FaceTec failing to start. */
  retryCause: 'liveness' | 'initialization'
  /** Why the ticket on the reference screen cannot be used. */
  ticketError: MessageKey | null
  /** Failed liveness attempts in this visit (a person stopping the check is not a failure). */
  attempts: number
  /** FaceTec initializations that failed in this visit (see MAX_SDK_INIT_ATTEMPTS). */
  initFailures: number
  preparation: 'idle' | 'preparing' | 'ready' | 'failed'
  jobId: string | null
  job: JobView | null
  result: JobResult | null
  /** While the capture is being handed to main. */
  sending: boolean
  /** The visit's short reference (main's, from the first prepared verification), for the person to show staff. */
  visitReference: string | null
  /** Why the queued screen shows: the network dropped, or the result takes longer than the kiosk lets a person wait. */
  queuedBecause: 'offline' | 'slow'
  /** The visit is compared with the photo staff provided at the desk (the camera check says so). */
  referenceByStaff: boolean
  /** Bumped by every reset: work begun in an earlier visit knows it is stale. */
  visit: number
}

export const INITIAL_JOURNEY: Omit<JourneyState, 'visit'> = {
  screen: 'attract',
  outOfService: null,
  callStaff: null,
  retryMessage: null,
  retryCause: 'liveness',
  ticketError: null,
  attempts: 0,
  initFailures: 0,
  preparation: 'idle',
  jobId: null,
  job: null,
  result: null,
  sending: false,
  visitReference: null,
  queuedBecause: 'offline',
  referenceByStaff: false
}

export type JourneyStore = StoreApi<JourneyState>

/** A journey store at the start of the first visit (tests make their own; the app has one). */
export const createJourneyStore = () => create<JourneyState>()(() => ({ ...INITIAL_JOURNEY, visit: 0 }))

/** The app's journey store: the journey controller writes it (it is handed in), screens read it. */
export const useJourneyStore = createJourneyStore()
