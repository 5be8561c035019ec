/**
 * The staff PIN: stored only as an scrypt hash in the config file (`staff.pinHash`, made by
 * `npm run hash-pin`), checked in constant time, and guarded by an attempts limiter so a PIN of a few
 * digits cannot be guessed at the kiosk: after 5 wrong PINs staff mode locks for 5 minutes, and each
 * further lock lasts twice as long (capped at a day) until a right PIN is entered.
 *
 * Hash format: `scrypt$N$r$p$<salt base64>$<hash base64>` (what the config schema's regex accepts).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import type { Clock } from '../lib/clock'

/** Digits only: staff type it on the kiosk's touch screen. */
export const PIN_PATTERN = /^\d{4,12}$/
export const PIN_RULE = 'a PIN is 4 to 12 digits'

/** Why a valid PIN is easy to guess (the first thing anyone tries), or null. */
export function pinWeakness(pin: string): string | null {
  if (pin.length < 6) return 'PINs shorter than 6 digits are easy to guess, and live mode refuses them'
  if (/^(\d)\1+$/.test(pin)) return 'a PIN of one repeated digit is easy to guess'
  const steps = new Set([...pin].slice(1).map((digit, index) => (Number(digit) - Number(pin[index]) + 10) % 10))
  if (steps.size === 1 && (steps.has(1) || steps.has(9))) return 'a run of consecutive digits is easy to guess'
  return null
}

export interface ScryptParameters {
  /** CPU/memory cost, a power of two. */
  N: number
  r: number
  p: number
}

/** About 50-100 ms and 32 MiB per check on kiosk hardware: cheap once, expensive by the million. */
export const DEFAULT_SCRYPT: ScryptParameters = { N: 2 ** 15, r: 8, p: 1 }
const SALT_BYTES = 16
const HASH_BYTES = 32
/**
 * Limits for parameters read back from a config file, so a bad hash cannot stall the kiosk: each alone,
 * and together (memory is 128·N·r bytes, time grows with N·r·p), at most 16 times the default's cost.
 */
const MAX_N = 2 ** 20
const MAX_R = 32
const MAX_P = 16
const MAX_MEMORY_BYTES = 256 * 1024 * 1024
const MAX_WORK = 16 * DEFAULT_SCRYPT.N * DEFAULT_SCRYPT.r * DEFAULT_SCRYPT.p

export class PinFormatError extends Error {
  override readonly name = 'PinFormatError'
}

function derive(pin: string, salt: Buffer, params: ScryptParameters, length: number): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; Node's default ceiling (32 MiB) is exactly the default cost.
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r }
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, length, options, (error, key) => (error ? reject(error) : resolve(key)))
  })
}

/** Hashes a PIN for `staff.pinHash`. Refuses anything that is not a PIN. */
export async function hashPin(
  pin: string,
  params: ScryptParameters = DEFAULT_SCRYPT,
  salt: Buffer = randomBytes(SALT_BYTES)
): Promise<string> {
  if (!PIN_PATTERN.test(pin)) throw new PinFormatError(PIN_RULE)
  checkParameters(params)
  const hash = await derive(pin, salt, params, HASH_BYTES)
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$')
}

interface ParsedHash {
  params: ScryptParameters
  salt: Buffer
  hash: Buffer
}

/** Reads a `scrypt$N$r$p$salt$hash` string; throws PinFormatError naming what is wrong. */
export function parsePinHash(encoded: string): ParsedHash {
  const parts = encoded.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt')
    throw new PinFormatError('a PIN hash looks like scrypt$N$r$p$salt$hash')
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string]
  const params = { N: Number(n), r: Number(r), p: Number(p) }
  checkParameters(params)
  const base64 = /^[A-Za-z0-9+/]+={0,2}$/
  if (!base64.test(salt) || !base64.test(hash)) throw new PinFormatError('the salt and hash of a PIN hash are base64')
  const parsed = { params, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') }
  if (parsed.salt.length < 8) throw new PinFormatError('the salt of a PIN hash is too short')
  if (parsed.hash.length < 16) throw new PinFormatError('the hash of a PIN hash is too short')
  return parsed
}

function checkParameters({ N, r, p }: ScryptParameters): void {
  const isPowerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0
  if (!isPowerOfTwo || N > MAX_N) throw new PinFormatError(`scrypt N must be a power of two up to ${MAX_N}`)
  if (!Number.isInteger(r) || r < 1 || r > MAX_R) throw new PinFormatError(`scrypt r must be 1 to ${MAX_R}`)
  if (!Number.isInteger(p) || p < 1 || p > MAX_P) throw new PinFormatError(`scrypt p must be 1 to ${MAX_P}`)
  if (128 * N * r > MAX_MEMORY_BYTES) throw new PinFormatError('scrypt N and r together need too much memory')
  if (N * r * p > MAX_WORK) throw new PinFormatError('scrypt N, r and p together make a PIN check too slow')
}

/** True when `pin` matches `encoded`. Compares in constant time; a malformed hash throws PinFormatError. */
export async function verifyPin(pin: string, encoded: string): Promise<boolean> {
  const { params, salt, hash } = parsePinHash(encoded)
  // Hash whatever was typed (even a non-PIN) so a wrong guess costs the same time as a near miss.
  const candidate = await derive(pin, salt, params, hash.length)
  return timingSafeEqual(candidate, hash)
}

// ---- attempts limiter ------------------------------------------------------------------------------

export interface PinLimiterSettings {
  /** Wrong PINs in a row before a lock. */
  maxFailures: number
  /** The first lock; each further lock doubles it. */
  lockMs: number
  maxLockMs: number
}

export const DEFAULT_PIN_LIMITS: PinLimiterSettings = { maxFailures: 5, lockMs: 5 * 60_000, maxLockMs: 24 * 3600_000 }

/** Plain data, so the caller can persist it and a restart does not reset the count. */
export interface PinLimiterState {
  failures: number
  /** Locks since the last right PIN; sets the length of the next lock. */
  locks: number
  lockedUntil: number
}

export type PinLimiterStatus = { locked: false; attemptsLeft: number } | { locked: true; retryInMs: number }

export interface PinAttemptLimiter {
  status(): PinLimiterStatus
  recordFailure(): PinLimiterStatus
  recordSuccess(): void
  state(): PinLimiterState
  /** Takes over a counter saved by an earlier run. */
  restore(state: PinLimiterState): void
}

export function createPinAttemptLimiter(options: {
  clock: Clock
  settings?: Partial<PinLimiterSettings>
  initial?: PinLimiterState
}): PinAttemptLimiter {
  const settings = { ...DEFAULT_PIN_LIMITS, ...options.settings }
  const { clock } = options
  let state: PinLimiterState = options.initial ? { ...options.initial } : { failures: 0, locks: 0, lockedUntil: 0 }

  const status = (): PinLimiterStatus => {
    const now = clock.now()
    if (now < state.lockedUntil) return { locked: true, retryInMs: state.lockedUntil - now }
    return { locked: false, attemptsLeft: settings.maxFailures - state.failures }
  }

  return {
    status,
    recordFailure() {
      if (status().locked) return status()
      const failures = state.failures + 1
      if (failures < settings.maxFailures) {
        state = { ...state, failures }
      } else {
        const lockMs = Math.min(settings.lockMs * 2 ** state.locks, settings.maxLockMs)
        state = { failures: 0, locks: state.locks + 1, lockedUntil: clock.now() + lockMs }
      }
      return status()
    },
    recordSuccess() {
      state = { failures: 0, locks: 0, lockedUntil: 0 }
    },
    state: () => ({ ...state }),
    restore(saved) {
      state = { ...saved }
    }
  }
}

// ---- the gate staff mode unlocks through ------------------------------------------------------------

export type PinCheck =
  | { ok: true }
  | { ok: false; reason: 'wrong'; attemptsLeft: number }
  /** `started`: this attempt began the lock (the audit log records a lock once, not every knock on it). */
  | { ok: false; reason: 'locked'; retryInMs: number; started: boolean }
  | { ok: false; reason: 'not-configured' }

/** Live mode's shortest PIN: a 4-digit PIN falls to a patient guesser even at five tries per lock. */
export const LIVE_MIN_PIN_DIGITS = 6

export interface PinGate {
  attempt(pin: string): Promise<PinCheck>
}

/**
 * Checks PINs one at a time: attempts sent in parallel wait for the one before, so they cannot slip
 * past the limiter while a hash is being computed. With a `lockout` store the counter is read before
 * the first attempt and saved before each answer, so no restart between a guess and its answer
 * forgets the guess. `minDigits`: shorter PINs are wrong without being hashed (live mode: 6).
 */
export function createPinGate(options: {
  pinHash: string | undefined
  limiter: PinAttemptLimiter
  lockout?: { load(): Promise<PinLimiterState | null>; save(state: PinLimiterState): Promise<void> }
  minDigits?: number
}): PinGate {
  const { pinHash, limiter, lockout } = options
  const minDigits = options.minDigits ?? 0
  let queue: Promise<unknown> = Promise.resolve()
  let restored = false

  const check = async (pin: string): Promise<PinCheck> => {
    if (!pinHash) return { ok: false, reason: 'not-configured' }
    if (lockout && !restored) {
      const saved = await lockout.load()
      if (saved) limiter.restore(saved)
      restored = true
    }
    const before = limiter.status()
    if (before.locked) return { ok: false, reason: 'locked', retryInMs: before.retryInMs, started: false }
    if (pin.length >= minDigits && (await verifyPin(pin, pinHash))) {
      limiter.recordSuccess()
      await lockout?.save(limiter.state())
      return { ok: true }
    }
    const after = limiter.recordFailure()
    await lockout?.save(limiter.state())
    return after.locked
      ? { ok: false, reason: 'locked', retryInMs: after.retryInMs, started: true }
      : { ok: false, reason: 'wrong', attemptsLeft: after.attemptsLeft }
  }

  return {
    attempt(pin) {
      const result = queue.then(() => check(pin))
      queue = result.catch(() => undefined)
      return result
    }
  }
}
