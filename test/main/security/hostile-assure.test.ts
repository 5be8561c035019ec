/**
 * What a hostile or broken Assure can still do to the kiosk, with its answers injected through the
 * sandbox's fault control, as the security review of issue 17 found it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { AssureError, MAX_RETRY_AFTER_MS } from '../../../main/assure/errors'
import { MAX_TIMER_MS, systemClock, type Clock } from '../../../main/lib/clock'
import { startSandbox, type Sandbox } from '../../../main/sandbox/fault-control'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { PreparedSession, StaffJob } from '../../../preload/api'
import { clientFor, type TestClient } from '../../support/assure'
import { captureFor } from '../../support/engine'
import { startMainRig, type MainRig } from '../../support/main-rig'

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

describe('row 20: an Assure id that would change the request path', () => {
  const requestsSoFar = (): number => Object.values(sandbox.control.calls()).reduce((sum, n) => sum + n, 0)

  it('is refused in an answer: a dossier id of `..` is a malformed answer', async () => {
    const t = clientFor(sandbox)
    clients.push(t)
    sandbox.control.addFault({
      endpoint: 'createDossier',
      fault: { kind: 'json', status: 201, body: { dossierId: '..' } }
    })
    await expect(t.client.createDossier()).rejects.toMatchObject({ name: 'AssureError', kind: 'malformed' })
  })

  it.each(['..', '.', 'a/b', 'a?b', '%2e%2e'])('is never put into a path: %s', async (id) => {
    const t = clientFor(sandbox)
    clients.push(t)
    await t.client.verifyCredentials()
    const before = requestsSoFar()
    await expect(t.client.createFacetecProcess(id)).rejects.toMatchObject({ name: 'AssureError', kind: 'client' })
    await expect(t.client.getProcess('3f2a9c1e-0000-4000-8000-000000000000', id)).rejects.toMatchObject({
      kind: 'client'
    })
    expect(requestsSoFar()).toBe(before)
  })
})

describe('row 8: a zip bomb as the full result', () => {
  const MiB = 1024 * 1024
  /** Limits scaled down with the bombs, so the test costs little CPU: the mechanism is the same. */
  let rig: MainRig
  /** A kiosk that keeps downloads of at most 8 KiB. */
  let small: MainRig
  beforeAll(async () => {
    rig = await startMainRig({
      sandbox,
      verification: { fullResultLimits: { maxBytes: 1 * MiB, maxUnpackedBytes: 2 * MiB, maxEntries: 100 } }
    })
    small = await startMainRig({
      sandbox,
      verification: { fullResultLimits: { maxBytes: 8 * 1024, maxUnpackedBytes: 2 * MiB, maxEntries: 100 } }
    })
  })
  afterAll(async () => {
    await Promise.all([rig.close(), small.close()])
  })

  /** A visitor's whole journey through the bridge, up to the job's end. */
  async function journey(main: MainRig): Promise<StaffJob | undefined> {
    const prepared = await main.call('prepareVerification', {})
    if (!prepared.ok) throw new Error(`prepare refused: ${prepared.error.message}`)
    const { jobId } = prepared.value as PreparedSession
    const submitted = await main.call('submitCapture', captureFor(jobId))
    if (!submitted.ok) throw new Error(`capture refused: ${submitted.error.message}`)
    await main.jobs.settled(jobId)
    return main.services.engine.listPage({ pageSize: 50 }).jobs.find((job) => job.jobId === jobId)
  }

  it.each([
    ['honest headers', undefined],
    ['headers that lie about its size', 1]
  ])(
    'is refused while it unpacks (%s): nothing is archived, the result is kept with the refusal noted beside it',
    async (_label, declaredMiB) => {
      sandbox.control.addFault({
        endpoint: 'download',
        fault: { kind: 'zip-bomb', unpackedMiB: 16, ...(declaredMiB ? { declaredMiB } : {}) }
      })
      const downloadsBefore = sandbox.control.calls().download
      const staffJob = await journey(rig)
      // The person has their answer: a bad archive never turns it into "failed" (issue 16).
      expect(staffJob).toMatchObject({
        phase: 'completed',
        result: 'accepted',
        failure: null,
        hasArchivedResult: false
      })
      expect(staffJob?.detail).toMatch(/unpacks to more than/)
      // Asked once: a bomb is not fetched again and again.
      expect(sandbox.control.calls().download - downloadsBefore).toBe(1)
      expect(readdirSync(join(rig.dataDir, 'archive'))).toEqual([])
    }
  )

  it('is refused while it downloads when it is larger than the kiosk keeps; the result is kept', async () => {
    sandbox.control.addFault({ endpoint: 'download', fault: { kind: 'zip-bomb', unpackedMiB: 16 } })
    const staffJob = await journey(small)
    expect(staffJob).toMatchObject({ phase: 'completed', result: 'accepted', failure: null, hasArchivedResult: false })
    expect(staffJob?.detail).toMatch(/larger than 8192 bytes/)
    expect(readdirSync(join(small.dataDir, 'archive'))).toEqual([])
  })

  it('still archives an honest full result', async () => {
    const staffJob = await journey(rig)
    expect(staffJob).toMatchObject({ phase: 'completed', result: 'accepted', hasArchivedResult: true })
  })
})
