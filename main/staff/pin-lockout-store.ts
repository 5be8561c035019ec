/**
 * Where the staff PIN's attempt counter is kept between runs: with staff's settings (electron-store in
 * the app), so a power cycle, or a renderer crashing itself into a relaunch, does not hand out five more
 * guesses. The counter carries an HMAC under a key derived from the kiosk's data key (protected by the
 * OS key store), so editing the file cannot reset it: a counter whose HMAC does not match is read as a
 * fresh lock, not as no failures at all.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import type { Clock } from '../lib/clock'
import type { Logger } from '../log/logger'
import type { KeyProvider } from '../storage/crypto-box'
import { DEFAULT_PIN_LIMITS, type PinLimiterState } from './pin'

export const StoredPinLockout = z.strictObject({
  failures: z.number().int().min(0).max(1000),
  locks: z.number().int().min(0).max(1000),
  lockedUntil: z.number().int().min(0),
  mac: z.string().regex(/^[0-9a-f]{64}$/)
})
export type StoredPinLockout = z.infer<typeof StoredPinLockout>

export interface PinLockoutStore {
  /** The counter as last saved; null when none ever was. */
  load(): Promise<PinLimiterState | null>
  save(state: PinLimiterState): Promise<void>
}

export function createPinLockoutStore(options: {
  read(): unknown
  write(value: StoredPinLockout): void
  keys: KeyProvider
  clock: Clock
  log: Logger
}): PinLockoutStore {
  let key: Buffer | null = null
  const macKey = async (): Promise<Buffer> =>
    (key ??= Buffer.from(hkdfSync('sha256', await options.keys.getKey(), '', 'assure-kiosk staff pin lockout v1', 32)))
  const macOf = (secret: Buffer, { failures, locks, lockedUntil }: PinLimiterState): string =>
    createHmac('sha256', secret).update(`${failures}:${locks}:${lockedUntil}`).digest('hex')

  /**
   * The key, or null when the OS key store cannot give it (live mode then serves no one, but staff must
   * still get in to see why): the counter is kept in memory only until it can.
   */
  const usableKey = async (): Promise<Buffer | null> => {
    try {
      return await macKey()
    } catch (error) {
      options.log.warn('the PIN attempt counter is kept in memory only: the data key is unavailable', { error })
      return null
    }
  }

  return {
    async load() {
      const stored = options.read()
      if (stored === undefined || stored === null) return null
      const parsed = StoredPinLockout.safeParse(stored)
      const secret = await usableKey()
      if (!secret) return null
      if (parsed.success) {
        const expected = Buffer.from(macOf(secret, parsed.data), 'hex')
        if (timingSafeEqual(expected, Buffer.from(parsed.data.mac, 'hex'))) {
          const { failures, locks, lockedUntil } = parsed.data
          return { failures, locks, lockedUntil }
        }
      }
      // Tampered with, or from another kiosk: staff mode is locked as after five wrong PINs.
      return { failures: 0, locks: 1, lockedUntil: options.clock.now() + DEFAULT_PIN_LIMITS.lockMs }
    },
    async save(state) {
      const secret = await usableKey()
      if (secret) options.write({ ...state, mac: macOf(secret, state) })
    }
  }
}
