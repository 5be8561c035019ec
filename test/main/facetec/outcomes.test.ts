/**
 * FaceTec's outcomes reach main through the bridge: the renderer's report goes through the real IPC
 * router and contract, main logs it (status code and name, SDK version, what the kiosk did) at a
 * level that says how bad it is, and keeps the last one for staff. Anything that is not a code (a
 * session id, free text, an image) is refused at the router and reaches neither the log nor staff.
 */
import { describe, expect, it } from 'vitest'
import { invokeContract, type FaceTecOutcome, type InvokeName } from '../../../preload/api'
import { createFaceTecOutcomes } from '../../../main/facetec/outcomes'
import { createIpcRouter, type IpcCallEvent, type IpcHandlers } from '../../../main/ipc/router'
import type { AppOrigin } from '../../../main/ipc/sender-policy'
import { createLogger } from '../../../main/log/logger'
import { memorySink } from '../../support/log'
import { ManualClock } from '../../support/manual-clock'

const origin: AppOrigin = { protocol: 'assure-kiosk:', host: 'app' }
const fromApp: IpcCallEvent = { senderFrame: { url: 'assure-kiosk://app/index.html', parent: null } }

const networkIssues: FaceTecOutcome = {
  phase: 'initialization',
  ok: false,
  status: { code: 2, name: 'NetworkIssues' },
  reason: 'sdk-status',
  action: 'retry',
  mode: 'development',
  sdkVersion: '9.7.27',
  scans: 0,
  errorCodes: []
}

function kiosk(simulated = false) {
  const sink = memorySink()
  const log = createLogger({ sink, level: 'debug' })
  const clock = new ManualClock()
  const outcomes = createFaceTecOutcomes({ log, clock, simulated })
  const unused = Object.fromEntries(
    (Object.keys(invokeContract) as InvokeName[]).map((name) => [
      name,
      () => {
        throw new Error(`${name} was not expected`)
      }
    ])
  ) as unknown as IpcHandlers
  const router = createIpcRouter({
    handlers: { ...unused, reportFaceTecOutcome: (outcome) => outcomes.report(outcome) },
    origin,
    log
  })
  const report = (outcome: unknown) => router.dispatch(invokeContract.reportFaceTecOutcome.channel, fromApp, [outcome])
  const facetecLogs = () => sink.records.filter((record) => record.scope === 'main.facetec')
  return { outcomes, report, sink, facetecLogs, clock }
}

describe('a FaceTec outcome reported through the bridge', () => {
  it('is logged with its status code and name, the SDK version and what the kiosk did, and kept for staff', async () => {
    const k = kiosk()
    expect(await k.report(networkIssues)).toEqual({ ok: true, value: null })
    expect(k.facetecLogs()).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: 'FaceTec could not initialize',
        fields: {
          status: 2,
          statusName: 'NetworkIssues',
          reason: 'sdk-status',
          action: 'retry',
          mode: 'development',
          sdkVersion: '9.7.27',
          simulated: false
        }
      })
    ])
    expect(k.outcomes.last()).toEqual({ ...networkIssues, at: new Date(k.clock.now()).toISOString(), simulated: false })
  })

  it.each([
    [
      'an initialization that succeeded',
      {
        ...networkIssues,
        ok: true,
        status: { code: 1, name: 'Initialized' },
        reason: 'initialized',
        action: 'continue'
      },
      'info',
      'FaceTec initialized'
    ],
    [
      'a failure that takes the kiosk out of service',
      { ...networkIssues, status: { code: 8, name: 'KeyExpiredOrInvalid' }, action: 'out-of-service' },
      'error',
      'FaceTec could not initialize'
    ],
    [
      'a missing SDK script (FaceTec never answered)',
      { ...networkIssues, status: null, reason: 'script-load-failed', action: 'out-of-service', sdkVersion: null },
      'error',
      'FaceTec could not initialize'
    ],
    [
      'a session with a capture',
      {
        ...networkIssues,
        phase: 'session',
        ok: true,
        status: { code: 0, name: 'SessionCompletedSuccessfully' },
        reason: 'submitted',
        action: 'continue',
        scans: 1
      },
      'info',
      'a FaceTec session ended with a capture'
    ],
    [
      'a session the person stopped',
      {
        ...networkIssues,
        phase: 'session',
        status: { code: 7, name: 'UserCancelled' },
        reason: 'user-cancelled',
        action: 'retry',
        scans: 0
      },
      'info',
      'a FaceTec session ended without a capture'
    ],
    [
      'a lockout that sends the person to staff',
      {
        ...networkIssues,
        phase: 'session',
        status: { code: 11, name: 'LockedOut' },
        reason: 'locked-out',
        action: 'call-staff',
        scans: 2
      },
      'warn',
      'a FaceTec session ended without a capture'
    ]
  ] as const)('logs %s at the level it deserves', async (_what, outcome, level, message) => {
    const k = kiosk()
    expect(await k.report(outcome)).toMatchObject({ ok: true })
    expect(k.facetecLogs()).toEqual([expect.objectContaining({ level, message })])
    expect(k.outcomes.last()).toMatchObject(outcome)
  })

  it('says in the log and to staff whether it was demo mode’s simulated SDK', async () => {
    const k = kiosk(true)
    await k.report(networkIssues)
    expect(k.facetecLogs()[0]?.fields).toMatchObject({ simulated: true })
    expect(k.outcomes.last()).toMatchObject({ simulated: true })
  })

  it.each([
    ['a session id', { ...networkIssues, sessionId: '7f3c9a52-0b1e-4d2a-9c61-2f8e5b7d4a10' }],
    ['free text as the reason', { ...networkIssues, reason: 'scan of Kari Nordmann failed' }],
    ['free text as the status name', { ...networkIssues, status: { code: 2, name: 'Network issues for Kari' } }],
    ['an image among the error codes', { ...networkIssues, errorCodes: ['/9j/4AAQSkZJRgABAQ'] }],
    ['a version that is not one', { ...networkIssues, sdkVersion: '9.7.27; user=kari@example.com' }],
    ['a status that is not FaceTec’s kind of number', { ...networkIssues, status: { code: -1, name: 'X' } }],
    ['an unknown action', { ...networkIssues, action: 'reboot' }]
  ])('refuses %s, and neither logs nor keeps anything of it', async (_what, outcome) => {
    const k = kiosk()
    expect(await k.report(outcome)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(k.facetecLogs()).toEqual([])
    expect(k.outcomes.last()).toBeNull()
    // The router's own warning names the field, never its value.
    expect(JSON.stringify(k.sink.records)).not.toMatch(/Kari|kari@|9j\/4AAQ|7f3c9a52/)
  })
})
