/**
 * The reference photo a verification uses when no ticket names one: the photo staff chose at a staffed
 * desk (kept in memory only, never on disk), else demo mode's bundled photo, else none.
 *
 * A staff photo is one person's face, so it serves exactly one visit: staff choose it (shown to them as
 * a thumbnail, not yet in force), confirm it for the next visitor, and the first visit that asks for a
 * reference takes it. Its retries (same visit reference) get it again; any other visit never does. It
 * clears itself once that visit's capture has been handed over, when another visit asks, or when
 * `holdMs` has passed since staff confirmed it — whichever comes first — so visitor B is never compared
 * with visitor A's photo because staff forgot to tap "Stop using this photo".
 */
import type { Clock } from '../lib/clock'
import type { ImageBytes } from '../lib/images'

/** Why a staff photo stopped being used: its visit used it, another visit came, time ran out, or staff cleared it. */
export type ReferenceClearedBecause = 'used' | 'other-visit' | 'expired' | 'staff'

export interface StaffPhotoView {
  /** `chosen`: shown to staff, not in force; `ready`: for the next visitor; `in-use`: a visit has it. */
  state: 'chosen' | 'ready' | 'in-use'
  image: ImageBytes
  /** When it clears itself if not used up before (epoch ms); null while only chosen. */
  until: number | null
}

export interface ReferenceSource {
  /** The photo for a verification of `visitReference`; a staff photo binds to the first visit that asks. */
  current(visitReference?: string): Promise<{ image: ImageBytes; source: 'staff-file' | 'demo' } | null>
  /** Staff picked a file: shown to them, not yet used (replaces any earlier staff photo). */
  choose(image: ImageBytes): void
  /** Staff confirmed the chosen photo for the next visitor; false if there was none to confirm. */
  confirm(): boolean
  /** Staff stopped using it (chosen, ready or in use). */
  clear(): void
  /** A job of the visit changed: once its capture is handed over, the photo has done its one job. */
  jobChanged(view: { visitReference: string | null; phase: string }): void
  describe(): { source: 'staff-file' | 'demo' | 'none'; bytes: number }
  /** Whether the staff photo is bound to this visit (it is compared with the photo staff provided). */
  serves(visitReference: string): boolean
  /** The staff photo's state, for staff mode; null when there is none. */
  staffPhoto(): StaffPhotoView | null
}

/** A confirmed photo nobody used within this long is dropped: the person it was meant for has gone. */
export const STAFF_PHOTO_HOLD_MS = 10 * 60_000

/** Phases in which a job's capture has been handed over (the photo went with it). */
const CAPTURED = new Set(['submitted', 'processing', 'queued', 'completed', 'failed'])

export function createReferenceSource(options: {
  demo?: () => Promise<ImageBytes>
  clock?: Pick<Clock, 'now'>
  holdMs?: number
  /** Told when a staff photo in force stops being used by itself (the audit log records it; staff's own clearing is audited where they do it). */
  onCleared?: (because: ReferenceClearedBecause) => void
}): ReferenceSource {
  const now = () => (options.clock ?? Date).now()
  const holdMs = options.holdMs ?? STAFF_PHOTO_HOLD_MS
  let photo: { image: ImageBytes; until: number | null; visit: string | null } | null = null

  const drop = (because: ReferenceClearedBecause): void => {
    if (!photo) return
    const wasInForce = photo.until !== null
    photo = null
    if (wasInForce && because !== 'staff') options.onCleared?.(because)
  }
  /** The staff photo if still in force (expiry is checked whenever someone looks). */
  const live = () => {
    if (photo && photo.until !== null && now() >= photo.until) drop('expired')
    return photo
  }

  return {
    async current(visitReference) {
      const staff = live()
      if (staff && staff.until !== null) {
        if (staff.visit === null || (visitReference !== undefined && staff.visit === visitReference)) {
          // An unnamed visit is a new one: it gets the photo, and from here on only its retries do.
          staff.visit = visitReference ?? null
          return { image: staff.image, source: 'staff-file' }
        }
        drop('other-visit')
      }
      return options.demo ? { image: await options.demo(), source: 'demo' } : null
    },
    choose(image) {
      photo = { image, until: null, visit: null }
    },
    confirm() {
      const staff = live()
      if (!staff) return false
      staff.until = now() + holdMs
      staff.visit = null
      return true
    },
    clear() {
      drop('staff')
    },
    jobChanged(view) {
      const staff = live()
      if (staff?.visit && view.visitReference === staff.visit && CAPTURED.has(view.phase)) drop('used')
    },
    serves(visitReference) {
      return live()?.visit === visitReference
    },
    describe() {
      const staff = live()
      if (staff && staff.until !== null) return { source: 'staff-file', bytes: staff.image.bytes.length }
      return options.demo ? { source: 'demo', bytes: 0 } : { source: 'none', bytes: 0 }
    },
    staffPhoto() {
      const staff = live()
      if (!staff) return null
      return {
        state: staff.until === null ? 'chosen' : staff.visit ? 'in-use' : 'ready',
        image: staff.image,
        until: staff.until
      }
    }
  }
}
