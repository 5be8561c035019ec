/**
 * Staff mode's session: opened by the PIN, closed by staff or after `idleMs` without a staff call.
 * Main keeps it, so a renderer cannot claim to be unlocked.
 */
import type { Clock, TimerHandle } from '../lib/clock'

export interface StaffSession {
  open(): { expiresAt: number }
  close(): void
  /** True while unlocked; each use extends the session. */
  use(): boolean
  view(): { unlocked: boolean; expiresAt: number | null }
}

export function createStaffSession(options: { clock: Clock; idleMs: number; onClosed: () => void }): StaffSession {
  const { clock, idleMs } = options
  let expiresAt: number | null = null
  let timer: TimerHandle | null = null

  const arm = (): void => {
    if (timer) clock.clearTimeout(timer)
    timer = clock.setTimeout(() => {
      timer = null
      if (expiresAt !== null && clock.now() >= expiresAt) close()
    }, idleMs)
  }
  function close(): void {
    if (timer) clock.clearTimeout(timer)
    timer = null
    if (expiresAt === null) return
    expiresAt = null
    options.onClosed()
  }

  return {
    open() {
      expiresAt = clock.now() + idleMs
      arm()
      return { expiresAt }
    },
    close,
    use() {
      if (expiresAt === null || clock.now() >= expiresAt) {
        close()
        return false
      }
      expiresAt = clock.now() + idleMs
      arm()
      return true
    },
    view: () => ({ unlocked: expiresAt !== null && clock.now() < expiresAt, expiresAt })
  }
}
