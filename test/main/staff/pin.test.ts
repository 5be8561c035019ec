/**
 * The staff PIN: scrypt hashes in the format the config file accepts, verification, the attempts
 * limiter (on a manual clock), the gate that serializes attempts, and `npm run hash-pin` itself.
 */
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../../main/config/config'
import {
  createPinAttemptLimiter,
  createPinGate,
  DEFAULT_SCRYPT,
  hashPin,
  parsePinHash,
  PinFormatError,
  pinWeakness,
  verifyPin,
  type PinCheck
} from '../../../main/staff/pin'
import { ManualClock } from '../../support/manual-clock'
import { hashPinCommand } from '../../../scripts/hash-pin'

/** Cheap parameters for tests that hash many times; the format is the same. */
const FAST = { N: 2 ** 10, r: 8, p: 1 }
const MINUTE = 60_000

describe('PIN hashes', () => {
  it('are what the config file’s staff.pinHash accepts, with the default cost, and verify', async () => {
    const encoded = await hashPin('482913')
    expect(encoded).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)
    expect(parseConfig({ staff: { pinHash: encoded } }).staff.pinHash).toBe(encoded)
    expect(parsePinHash(encoded)).toMatchObject({ params: DEFAULT_SCRYPT })
    expect(parsePinHash(encoded).salt).toHaveLength(16)
    expect(parsePinHash(encoded).hash).toHaveLength(32)
    expect(await verifyPin('482913', encoded)).toBe(true)
  })

  it('reject every other PIN, including near misses', async () => {
    const encoded = await hashPin('482913', FAST)
    for (const wrong of [
      '482914',
      '48291',
      '4829130',
      '382913',
      '',
      '482913 ',
      ' 482913',
      '482913\n',
      '４８２９１３'
    ]) {
      expect(await verifyPin(wrong, encoded), JSON.stringify(wrong)).toBe(false)
    }
  })

  it('are salted: the same PIN hashes differently each time, and both verify', async () => {
    const [a, b] = await Promise.all([hashPin('482913', FAST), hashPin('482913', FAST)])
    expect(a).not.toBe(b)
    expect(await verifyPin('482913', a)).toBe(true)
    expect(await verifyPin('482913', b)).toBe(true)
  })

  it('are only made for PINs (4 to 12 digits)', async () => {
    for (const notAPin of ['', '123', '12a4', '1234567890123', '12 34', '-1234', '１２３４']) {
      await expect(hashPin(notAPin, FAST), JSON.stringify(notAPin)).rejects.toThrow(PinFormatError)
    }
    await expect(hashPin('1234', FAST)).resolves.toMatch(/^scrypt\$1024\$/)
    await expect(hashPin('123456789012', FAST)).resolves.toMatch(/^scrypt\$/)
  })

  it('that are malformed are refused with a reason, before any hashing', async () => {
    const good = await hashPin('482913', FAST)
    const [, , , , salt, hash] = good.split('$')
    const bad: Array<[string, RegExp]> = [
      ['', /looks like scrypt/],
      ['bcrypt$1024$8$1$' + salt + '$' + hash, /looks like scrypt/],
      [`scrypt$1024$8$1$${salt}`, /looks like scrypt/],
      [`scrypt$1000$8$1$${salt}$${hash}`, /power of two/],
      [`scrypt$${2 ** 21}$8$1$${salt}$${hash}`, /power of two up to/],
      [`scrypt$1024$0$1$${salt}$${hash}`, /r must be/],
      [`scrypt$1024$8$99$${salt}$${hash}`, /p must be/],
      [`scrypt$1024$8$1$not*base64$${hash}`, /base64/],
      [`scrypt$1024$8$1$QUJD$${hash}`, /salt .* too short/],
      [`scrypt$1024$8$1$${salt}$QUJD`, /hash .* too short/]
    ]
    for (const [encoded, reason] of bad) {
      expect(() => parsePinHash(encoded), encoded).toThrow(reason)
      await expect(verifyPin('482913', encoded)).rejects.toThrow(PinFormatError)
    }
  })

  it('name the PINs anyone would try first', () => {
    expect(pinWeakness('1234')).toMatch(/shorter than 6/)
    expect(pinWeakness('000000')).toMatch(/repeated digit/)
    expect(pinWeakness('123456')).toMatch(/consecutive/)
    expect(pinWeakness('987654')).toMatch(/consecutive/)
    expect(pinWeakness('890123')).toMatch(/consecutive/)
    expect(pinWeakness('482913')).toBeNull()
    expect(pinWeakness('135791')).toBeNull()
  })
})

describe('the attempts limiter', () => {
  it('locks for 5 minutes after 5 wrong PINs, and counts down the attempts before that', async () => {
    const clock = new ManualClock()
    const limiter = createPinAttemptLimiter({ clock })
    expect(limiter.status()).toEqual({ locked: false, attemptsLeft: 5 })
    expect([1, 2, 3, 4].map(() => limiter.recordFailure())).toEqual([
      { locked: false, attemptsLeft: 4 },
      { locked: false, attemptsLeft: 3 },
      { locked: false, attemptsLeft: 2 },
      { locked: false, attemptsLeft: 1 }
    ])
    expect(limiter.recordFailure()).toEqual({ locked: true, retryInMs: 5 * MINUTE })
    await clock.advance(2 * MINUTE)
    expect(limiter.status()).toEqual({ locked: true, retryInMs: 3 * MINUTE })
    // Trying during a lock neither counts nor extends it.
    expect(limiter.recordFailure()).toEqual({ locked: true, retryInMs: 3 * MINUTE })
    await clock.advance(3 * MINUTE)
    expect(limiter.status()).toEqual({ locked: false, attemptsLeft: 5 })
  })

  it('doubles each further lock, up to the cap, until a right PIN resets it', async () => {
    const clock = new ManualClock()
    const limiter = createPinAttemptLimiter({ clock, settings: { maxLockMs: 30 * MINUTE } })
    const lockAfterFiveFailures = async (): Promise<number> => {
      let status = limiter.status()
      for (let i = 0; i < 5; i++) status = limiter.recordFailure()
      if (!status.locked) throw new Error('not locked')
      await clock.advance(status.retryInMs)
      return status.retryInMs / MINUTE
    }
    expect([
      await lockAfterFiveFailures(),
      await lockAfterFiveFailures(),
      await lockAfterFiveFailures(),
      await lockAfterFiveFailures()
    ]).toEqual([5, 10, 20, 30])
    limiter.recordSuccess()
    expect(await lockAfterFiveFailures()).toBe(5)
  })

  it('carries its state across a restart', async () => {
    const clock = new ManualClock()
    const before = createPinAttemptLimiter({ clock })
    for (let i = 0; i < 5; i++) before.recordFailure()
    const saved = JSON.parse(JSON.stringify(before.state())) as ReturnType<typeof before.state>
    const after = createPinAttemptLimiter({ clock, initial: saved })
    expect(after.status()).toEqual({ locked: true, retryInMs: 5 * MINUTE })
    await clock.advance(5 * MINUTE)
    for (let i = 0; i < 4; i++) after.recordFailure()
    expect(after.recordFailure()).toEqual({ locked: true, retryInMs: 10 * MINUTE })
  })
})

describe('the PIN gate', () => {
  it('unlocks with the right PIN and says how many tries are left after a wrong one', async () => {
    const clock = new ManualClock()
    const gate = createPinGate({ pinHash: await hashPin('482913', FAST), limiter: createPinAttemptLimiter({ clock }) })
    expect(await gate.attempt('111111')).toEqual({ ok: false, reason: 'wrong', attemptsLeft: 4 })
    expect(await gate.attempt('482913')).toEqual({ ok: true })
    expect(await gate.attempt('111111')).toEqual({ ok: false, reason: 'wrong', attemptsLeft: 4 })
  })

  it('refuses even the right PIN while locked, and accepts it once the lock ends', async () => {
    const clock = new ManualClock()
    const gate = createPinGate({ pinHash: await hashPin('482913', FAST), limiter: createPinAttemptLimiter({ clock }) })
    for (let i = 0; i < 4; i++) await gate.attempt('000000')
    expect(await gate.attempt('000000')).toEqual({ ok: false, reason: 'locked', retryInMs: 5 * MINUTE, started: true })
    expect(await gate.attempt('482913')).toEqual({
      ok: false,
      reason: 'locked',
      retryInMs: 5 * MINUTE,
      started: false
    })
    await clock.advance(5 * MINUTE)
    expect(await gate.attempt('482913')).toEqual({ ok: true })
  })

  it('checks attempts one at a time, so a burst cannot slip past the limiter while hashes compute', async () => {
    const clock = new ManualClock()
    const gate = createPinGate({ pinHash: await hashPin('482913', FAST), limiter: createPinAttemptLimiter({ clock }) })
    const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => gate.attempt(String(100000 + i))))
    const wrong = (attemptsLeft: number): PinCheck => ({ ok: false, reason: 'wrong', attemptsLeft })
    const locked = (started: boolean): PinCheck => ({ ok: false, reason: 'locked', retryInMs: 5 * MINUTE, started })
    const knock = locked(false)
    expect(burst).toEqual([wrong(4), wrong(3), wrong(2), wrong(1), locked(true), knock, knock, knock, knock, knock])
  })

  it('refuses a PIN shorter than live mode allows without hashing it, and counts it as a wrong guess', async () => {
    const clock = new ManualClock()
    const gate = createPinGate({
      pinHash: await hashPin('4829', FAST),
      limiter: createPinAttemptLimiter({ clock }),
      minDigits: 6
    })
    // Even the right 4-digit PIN: live mode's policy is 6 digits or more (`npm run hash-pin` says so too).
    expect(await gate.attempt('4829')).toEqual({ ok: false, reason: 'wrong', attemptsLeft: 4 })
  })

  it('cannot be unlocked when no PIN hash is configured', async () => {
    const gate = createPinGate({ pinHash: undefined, limiter: createPinAttemptLimiter({ clock: new ManualClock() }) })
    expect(await gate.attempt('482913')).toEqual({ ok: false, reason: 'not-configured' })
  })
})

describe('npm run hash-pin', () => {
  // In-process, on the script's own code: a child Node starting tsx takes seconds on a busy machine.
  const run = async (args: string[], stdin: string) => {
    let stdout = ''
    let stderr = ''
    const code = await hashPinCommand({
      args,
      stdin: Readable.from([stdin]),
      stdout: { write: (chunk: string | Uint8Array) => ((stdout += String(chunk)), true) },
      stderr: { write: (chunk: string | Uint8Array) => ((stderr += String(chunk)), true) }
    })
    return { code, stdout, stderr }
  }

  /** The printed line, as an operator pastes it into the config file's top level. */
  const pastedLine = (stdout: string): { staff: { pinHash: string } } =>
    JSON.parse(`{${stdout.trim()}}`) as { staff: { pinHash: string } }

  it('prints, for a PIN on stdin, the config line for staff.pinHash, which the config accepts and which verifies', async () => {
    const { code, stdout, stderr } = await run([], '482913\n')
    expect(code).toBe(0)
    expect(stderr).toBe('')
    const lines = stdout.split('\n').filter(Boolean)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^"staff": \{ "pinHash": "scrypt\$[^"]+" \}$/)
    const pasted = pastedLine(stdout)
    expect(parseConfig(pasted).staff.pinHash).toBe(pasted.staff.pinHash)
    expect(await verifyPin('482913', pasted.staff.pinHash)).toBe(true)
  })

  it('takes the PIN as an argument too, and warns on stderr about a weak one', async () => {
    const { code, stdout, stderr } = await run(['1234'], '')
    expect(code).toBe(0)
    expect(stderr).toMatch(/warning: PINs shorter than 6 digits/)
    expect(await verifyPin('1234', pastedLine(stdout).staff.pinHash)).toBe(true)
  })

  it('refuses what is not a PIN, printing nothing on stdout', async () => {
    const { code, stdout, stderr } = await run([], '12ab56\n')
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/4 to 12 digits/)
  })
})
