/**
 * What a hostile or broken Assure can still do to the kiosk, with its answers injected through the
 * sandbox's fault control, as the security review of issue 17 found it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { AssureError, MAX_RETRY_AFTER_MS } from '../../../main/assure/errors'
import { MAX_TIMER_MS, systemClock, type Clock } from '../../../main/lib/clock'
import { startSandbox, type Sandbox } from '../../../main/sandbox/server'
import { clientFor, type TestClient } from '../../support/assure'

let sandbox: Sandbox
let clients: TestClient[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ behaviour: { processingDelayMs: 0 } })
})
afterAll(async () => {
  await sandbox.close()
})
afterEach(async () => {
  sandbox.control.clearFaults()
  await Promise.all(clients.map((client) => client.dispatcher.close()))
  clients = []
})

/** The system clock, noting every delay asked of it. */
function recordingClock(): Clock & { delays: number[] } {
  const delays: number[] = []
  return {
    delays,
    now: () => systemClock.now(),
    setTimeout(callback, ms) {
      delays.push(ms)
      return systemClock.setTimeout(callback, ms)
    },
    clearTimeout: (handle) => systemClock.clearTimeout(handle)
  }
}

describe('row 7: a 429 with an absurd Retry-After', () => {
  it('is honoured for at most the cap, so it cannot freeze every request for years', async () => {
    const clock = recordingClock()
    const t = clientFor(sandbox, { clock, maxRequestsPerSecond: 50 })
    clients.push(t)
    sandbox.control.addFault({
      endpoint: 'createDossier',
      fault: { kind: 'status', status: 429, retryAfterSeconds: 99_999_999 },
      times: 1
    })
    const error = await t.client.createDossier().then(
      () => null,
      (failure: unknown) => failure
    )
    expect(error).toBeInstanceOf(AssureError)
    expect(error).toMatchObject({ kind: 'rate-limit', retryAfterMs: MAX_RETRY_AFTER_MS })
    // The pause that follows (every request waits the Retry-After) is the capped one, not years.
    const next = t.client.listDossiers()
    await vi.waitFor(() => expect(clock.delays.length).toBeGreaterThan(0))
    expect(Math.max(...clock.delays)).toBeLessThanOrEqual(MAX_RETRY_AFTER_MS)
    void next.catch(() => undefined)
  })

  it('never becomes a timer longer than Node can hold (which Node would turn into a 1 ms busy loop)', () => {
    const spy = vi.spyOn(globalThis, 'setTimeout')
    try {
      const handle = systemClock.setTimeout(() => undefined, 99_999_999_000)
      systemClock.clearTimeout(handle)
      expect(spy.mock.calls.at(-1)?.[1]).toBe(MAX_TIMER_MS)
    } finally {
      spy.mockRestore()
    }
  })
})
