/**
 * How long the transport waits between tries. The transport sleeps on its injected clock, so a clock
 * that records each sleep (and ends it at once) pins every delay without waiting for any of them;
 * `random` is scripted, so the jitter is known. A stub server answers from a script.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Agent, type Dispatcher } from 'undici'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AssureError } from '../../../main/assure/errors'
import {
  assureDispatcher,
  createTransport,
  readJson,
  type HttpMethod,
  type RetryPolicy
} from '../../../main/assure/transport'
import { systemClock, type Clock } from '../../../main/lib/clock'
import { silentLogger } from '../../support/log'
import { rejectionOf } from '../../support/rejection'

interface Scripted {
  status: number
  headers?: Record<string, string>
}

const NOW = Date.parse('2026-11-26T10:00:00Z')
let server: Server
let base: string
let dispatcher: Agent
/** What the server answers, one entry per request; after the script runs out, 200 `{}`. */
let script: Scripted[] = []
let hits: string[] = []

beforeAll(async () => {
  dispatcher = new Agent()
  server = createServer((req, res) => {
    hits.push(req.method ?? '')
    req.resume()
    req.on('end', () => {
      const next = script.shift() ?? { status: 200 }
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers })
      res.end(next.status < 300 ? '{"ok":true}' : '{"status":500,"title":"scripted"}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await dispatcher.close()
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})
afterEach(() => {
  script = []
  hits = []
})

/** A clock whose time stands still at NOW and whose timers record their delay and fire at once. */
function recordingClock(): { clock: Clock; sleeps: number[] } {
  const sleeps: number[] = []
  const clock: Clock = {
    now: () => NOW,
    setTimeout(callback, ms) {
      sleeps.push(ms)
      return systemClock.setTimeout(callback, 0)
    },
    clearTimeout: (handle) => systemClock.clearTimeout(handle)
  }
  return { clock, sleeps }
}

function rig(retry: RetryPolicy, random: number[] | (() => number)) {
  const { clock, sleeps } = recordingClock()
  const draws = Array.isArray(random) ? [...random] : null
  const transport = createTransport({
    dispatcher,
    clock,
    log: silentLogger,
    retry,
    random: Array.isArray(random)
      ? () => {
          const value = draws?.shift()
          if (value === undefined) throw new Error('random() called more often than scripted')
          return value
        }
      : random
  })
  const send = (method: HttpMethod = 'GET') =>
    transport.send({
      operation: 'probe',
      method,
      url: `${base}/thing`,
      consume: (r) => readJson(r, { safeParse: (value: unknown) => ({ success: true as const, data: value }) })
    })
  return { send, sleeps }
}

const failure = (promise: Promise<unknown>) => rejectionOf(promise, AssureError)

const unavailable: Scripted = { status: 503 }

describe('backoff between retries', () => {
  it('doubles from baseDelayMs and stops growing at maxDelayMs', async () => {
    const { send, sleeps } = rig({ attempts: 6, baseDelayMs: 100, maxDelayMs: 500, maxRetryAfterMs: 10_000 }, () => 0.5)
    script = [unavailable, unavailable, unavailable, unavailable, unavailable]
    await send()
    // Ceilings 100, 200, 400, 500, 500; half of each.
    expect(sleeps).toEqual([50, 100, 200, 250, 250])
    expect(hits).toHaveLength(6)
  })

  it('draws each delay anywhere from 0 up to its ceiling (full jitter), one draw per retry', async () => {
    const { send, sleeps } = rig(
      { attempts: 4, baseDelayMs: 100, maxDelayMs: 10_000, maxRetryAfterMs: 10_000 },
      [0, 0.25, 0.75]
    )
    script = [unavailable, unavailable, unavailable]
    await send()
    expect(sleeps).toEqual([0, 50, 300])
  })

  it('never reaches the ceiling, as random() < 1', async () => {
    const almostOne = 1 - Number.EPSILON
    const { send, sleeps } = rig(
      { attempts: 3, baseDelayMs: 400, maxDelayMs: 600, maxRetryAfterMs: 10_000 },
      () => almostOne
    )
    script = [unavailable, unavailable]
    await send()
    expect(sleeps[0]).toBeLessThan(400)
    expect(sleeps[0]).toBeGreaterThan(399)
    expect(sleeps[1]).toBeLessThan(600)
    expect(sleeps[1]).toBeGreaterThan(599)
  })

  it('gives up after `attempts` tries without a last, useless wait', async () => {
    const { send, sleeps } = rig(
      { attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 10_000 },
      () => 0.5
    )
    script = [unavailable, unavailable, unavailable]
    expect(await failure(send())).toMatchObject({ kind: 'server', status: 503 })
    expect(sleeps).toEqual([50, 100])
    expect(hits).toHaveLength(3)
  })
})

describe('Retry-After', () => {
  const retry: RetryPolicy = { attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 }

  it('is a floor: a shorter jittered backoff waits the Retry-After instead', async () => {
    const { send, sleeps } = rig(retry, () => 0.5)
    script = [
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 503, headers: { 'retry-after': '3' } }
    ]
    await send()
    expect(sleeps).toEqual([2_000, 3_000])
  })

  it('is only a floor: a longer jittered backoff is kept', async () => {
    const { send, sleeps } = rig({ ...retry, baseDelayMs: 4_000, maxDelayMs: 8_000 }, () => 0.5)
    script = [{ status: 503, headers: { 'retry-after': '1' } }]
    await send()
    expect(sleeps).toEqual([2_000])
  })

  it('may be an HTTP date, measured on the injected clock', async () => {
    const { send, sleeps } = rig(retry, () => 0)
    script = [{ status: 429, headers: { 'retry-after': new Date(NOW + 4_000).toUTCString() } }]
    await send()
    expect(sleeps).toEqual([4_000])
  })

  it('is waited out up to maxRetryAfterMs exactly', async () => {
    const { send, sleeps } = rig(retry, () => 0)
    script = [{ status: 429, headers: { 'retry-after': '5' } }]
    await send()
    expect(sleeps).toEqual([5_000])
  })

  it('above maxRetryAfterMs is not waited out here: the error, with its Retry-After, goes to the caller at once', async () => {
    const { send, sleeps } = rig(retry, () => 0)
    script = [{ status: 429, headers: { 'retry-after': '6' } }]
    expect(await failure(send())).toMatchObject({ kind: 'rate-limit', retryAfterMs: 6_000, retryable: true })
    expect(sleeps).toEqual([])
    expect(hits).toHaveLength(1)
  })
})

describe('which methods are retried after a 503', () => {
  const retry: RetryPolicy = { attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 }

  it.each(['GET', 'DELETE'] as const)('%s: retried after the backoff, and succeeds', async (method) => {
    const { send, sleeps } = rig(retry, () => 0.5)
    script = [unavailable]
    expect(await send(method)).toEqual({ ok: true })
    expect(hits).toEqual([method, method])
    expect(sleeps).toEqual([50])
  })

  it('POST: not repeated; the error says it may have been processed', async () => {
    const { send, sleeps } = rig(retry, () => 0.5)
    script = [unavailable]
    expect(await failure(send('POST'))).toMatchObject({ kind: 'server', status: 503, ambiguous: true })
    expect(hits).toEqual(['POST'])
    expect(sleeps).toEqual([])
  })

  it('POST answered 429: repeated after the Retry-After, as a 429 was refused, not processed', async () => {
    const { send, sleeps } = rig(retry, () => 0.5)
    script = [{ status: 429, headers: { 'retry-after': '1' } }]
    expect(await send('POST')).toEqual({ ok: true })
    expect(hits).toEqual(['POST', 'POST'])
    expect(sleeps).toEqual([1_000])
  })
})

describe('the connection pool', () => {
  const get = (pool: Dispatcher) => pool.request({ origin: base, path: '/', method: 'GET' }).then((r) => r.body.dump())

  it('is built from the timeouts when none is injected, and closing it releases it', async () => {
    const owned = assureDispatcher(undefined, { connectMs: 1_000 })
    await get(owned.dispatcher)
    await owned.close()
    await expect(get(owned.dispatcher)).rejects.toMatchObject({
      code: expect.stringMatching(/^UND_ERR_(CLOSED|DESTROYED)$/)
    })
  })

  it('stays open when it was injected: its owner closes it', async () => {
    const borrowed = assureDispatcher(dispatcher, { connectMs: 1_000 })
    expect(borrowed.dispatcher).toBe(dispatcher)
    await borrowed.close()
    await get(dispatcher)
    expect(hits).toEqual(['GET'])
  })
})

describe('what the transport tells its observer about each attempt', () => {
  it('the operation, how long it took on the injected clock, and the error kind of each failed try', async () => {
    let now = NOW
    const attempts: unknown[] = []
    const clock: Clock = {
      now: () => now,
      setTimeout: (callback) => systemClock.setTimeout(callback, 0),
      clearTimeout: (handle) => systemClock.clearTimeout(handle)
    }
    const transport = createTransport({
      dispatcher,
      clock,
      log: silentLogger,
      retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 },
      random: () => 0.5,
      observer: {
        onNetworkFailure: () => {},
        onServerFailure: () => {},
        onResponse: () => {},
        onAttempt: (attempt) => attempts.push(attempt)
      }
    })
    script = [unavailable]
    const value = await transport.send({
      operation: 'getProcess',
      method: 'GET',
      url: `${base}/thing`,
      consume: async (response) => {
        // Reading the answer is part of the attempt.
        now += 35
        return readJson(response, { safeParse: (data: unknown) => ({ success: true as const, data }) })
      }
    })
    expect(value).toEqual({ ok: true })
    expect(attempts).toEqual([
      { operation: 'getProcess', durationMs: 0, error: 'server' },
      { operation: 'getProcess', durationMs: 35, error: null }
    ])
  })
})
