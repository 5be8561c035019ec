/**
 * The adapter tells its listener how every FaceTec initialization and session ended, in codes only,
 * and every report is one the bridge contract accepts (so main can log it and show it to staff).
 * Against the simulated SDK: scripted init failures, a missing SDK folder, captures that succeed, that
 * the person stops, and that the adapter refuses to start.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { FaceTecOutcome } from '../../../preload/api'
import {
  createFaceTecAdapter,
  FaceTecError,
  FaceTecSDKStatus,
  type FaceTecAdapter,
  type FaceTecOutcomeReport
} from '../../../renderer/src/facetec'
import { DEV_KEYS, loadSdkScript, simulator, unloadSdk } from '../support/facetec'
import { rejectionOf } from '../../support/rejection'

let reports: FaceTecOutcomeReport[]
let adapter: FaceTecAdapter

const listening = (options: Parameters<typeof createFaceTecAdapter>[0] = {}): FaceTecAdapter =>
  createFaceTecAdapter({ ...options, onOutcome: (outcome) => reports.push(outcome) })

/** A submit that takes the capture without a blob, as the kiosk's journey does. */
const takeIt = async (): Promise<{ kind: 'done' }> => ({ kind: 'done' })

beforeAll(async () => {
  await loadSdkScript()
})

beforeEach(() => {
  simulator().reset()
  simulator().configure({ fast: true })
  reports = []
  adapter = listening()
})

afterEach(async () => {
  await adapter.dispose()
  // Whatever was reported, main's contract takes it as it is.
  for (const report of reports) expect(FaceTecOutcome.parse(report)).toEqual(report)
})

describe('initialization outcomes', () => {
  it('reports a successful initialization once, with the SDK version and key mode', async () => {
    await adapter.initialize(DEV_KEYS)
    await adapter.initialize(DEV_KEYS)
    expect(reports).toEqual([
      {
        phase: 'initialization',
        ok: true,
        status: { code: 1, name: 'Initialized' },
        reason: 'initialized',
        action: 'continue',
        mode: 'development',
        sdkVersion: simulator().version,
        scans: 0,
        errorCodes: [],
        durationMs: expect.any(Number)
      }
    ])
  })

  it('reports how long FaceTec’s own initialization took', async () => {
    // The simulated SDK takes at least its scripted 150 ms: the measured time cannot be shorter.
    simulator().configure({ fast: true, delays: { initMs: 150 } })
    await adapter.initialize(DEV_KEYS)
    expect(reports[0]?.durationMs).toBeGreaterThanOrEqual(150)
    expect(Number.isInteger(reports[0]?.durationMs)).toBe(true)
  })

  it('reports each failed attempt with FaceTec’s status, then the success after it', async () => {
    simulator().configure({ fast: true, init: { outcomes: [FaceTecSDKStatus.NetworkIssues, 'success'] } })
    expect((await adapter.initialize(DEV_KEYS)).ok).toBe(false)
    expect((await adapter.initialize(DEV_KEYS)).ok).toBe(true)
    expect(reports.map((report) => [report.ok, report.status, report.reason, report.action])).toEqual([
      [false, { code: 2, name: 'NetworkIssues' }, 'sdk-status', 'retry'],
      [true, { code: 1, name: 'Initialized' }, 'initialized', 'continue']
    ])
  })

  it('reports a licence problem as taking the kiosk out of service', async () => {
    simulator().configure({ fast: true, init: { failWith: FaceTecSDKStatus.KeyExpiredOrInvalid } })
    await adapter.initialize(DEV_KEYS)
    expect(reports).toMatchObject([
      { ok: false, status: { code: 8, name: 'KeyExpiredOrInvalid' }, action: 'out-of-service' }
    ])
  })

  it('reports an SDK script that cannot be loaded, with no FaceTec status', async () => {
    unloadSdk()
    try {
      const missing = listening({ baseUrl: '/no-facetec-folder-here/' })
      const error = await rejectionOf(missing.initialize(DEV_KEYS), FaceTecError)
      expect(error.code).toBe('script-load-failed')
      expect(reports).toEqual([
        {
          phase: 'initialization',
          ok: false,
          status: null,
          reason: 'script-load-failed',
          action: 'out-of-service',
          mode: 'development',
          sdkVersion: null,
          scans: 0,
          errorCodes: []
        }
      ])
    } finally {
      await loadSdkScript()
    }
  })
})

describe('session outcomes', () => {
  beforeEach(async () => {
    await adapter.initialize(DEV_KEYS)
    reports.length = 0
  })

  it('reports a capture handed over, with the number of FaceScans', async () => {
    await adapter.captureLiveness({ sessionToken: 'token', submit: takeIt, maxAttempts: 3 })
    expect(reports).toEqual([
      {
        phase: 'session',
        ok: true,
        status: { code: 0, name: 'SessionCompletedSuccessfully' },
        reason: 'submitted',
        action: 'continue',
        mode: 'development',
        sdkVersion: simulator().version,
        scans: 1,
        errorCodes: []
      }
    ])
  })

  it('reports a session the person stopped with FaceTec’s status', async () => {
    simulator().queueSession({ outcome: 'user-cancel' })
    await adapter.captureLiveness({ sessionToken: 'token', submit: takeIt, maxAttempts: 3 })
    expect(reports).toMatchObject([
      { ok: false, status: { code: 7, name: 'UserCancelled' }, reason: 'user-cancelled', action: 'retry', scans: 0 }
    ])
  })

  it('reports a session the adapter refused to start', async () => {
    await adapter.dispose()
    await rejectionOf(adapter.captureLiveness({ sessionToken: 'token', submit: takeIt, maxAttempts: 3 }), FaceTecError)
    expect(reports).toMatchObject([{ phase: 'session', ok: false, status: null, reason: 'not-initialized' }])
  })

  it('keeps the kiosk going when the listener throws', async () => {
    const throwing = createFaceTecAdapter({
      onOutcome: () => {
        throw new Error('listener broke')
      }
    })
    expect((await throwing.initialize(DEV_KEYS)).ok).toBe(true)
    expect((await throwing.captureLiveness({ sessionToken: 'token', submit: takeIt, maxAttempts: 3 })).kind).toBe(
      'submitted'
    )
    await throwing.dispose()
  })
})
