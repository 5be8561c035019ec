/**
 * Capturing through the adapter, against the simulated SDK on the fake webcam: what `submit` gets,
 * what FaceTec is told for each answer, retries and the attempt limit, every way a session can end,
 * and the rules FaceTec imposes (one terminal call per callback, one result per capture, one session
 * at a time). After every test the simulated SDK must report no broken rule.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SimulatedScanOutcome } from '../../../renderer/facetec-simulated/control-types'
import {
  createFaceTecAdapter,
  FaceTecError,
  FaceTecSessionStatus,
  outcomeOfSessionStatus,
  type CaptureResult,
  type FaceTecAdapter,
  type LivenessCapture,
  type SubmitCapture,
  type SubmitDecision
} from '../../../renderer/src/facetec'
import { dictionaries, LANGUAGES } from '../../../renderer/src/i18n'
import {
  callNames,
  decodeJpeg,
  DEV_KEYS,
  expectNoViolations,
  loadSdkScript,
  sdk,
  simulatedUi,
  simulator,
  until
} from '../support/facetec'
import { rejectionOf } from '../../support/rejection'

let adapter: FaceTecAdapter

/** A submit that answers the given decisions in order (the last one repeats) and records captures. */
function submitting(...decisions: SubmitDecision[]): SubmitCapture & { captures: LivenessCapture[] } {
  const captures: LivenessCapture[] = []
  const submit = async (capture: LivenessCapture, progress: (fraction: number) => void): Promise<SubmitDecision> => {
    captures.push(capture)
    progress(0.3)
    progress(1)
    return decisions[captures.length - 1] ?? decisions.at(-1) ?? { kind: 'cancel' }
  }
  return Object.assign(submit, { captures })
}

const proceed: SubmitDecision = { kind: 'proceed', scanResultBlob: 'scan-result-blob' }

/** The terminal calls FaceTec received, per result callback: [sessionId/scan, call names]. */
function terminalCallsPerCallback(): string[][] {
  const perCallback = new Map<string, string[]>()
  for (const call of simulator().calls) {
    if (!/^callback\.(proceedToNextStep|cancel|succeed|retry)$/.test(call.name)) continue
    const key = `${call.sessionId}#${call.scan}`
    perCallback.set(key, [...(perCallback.get(key) ?? []), call.name.slice('callback.'.length)])
  }
  return [...perCallback.values()]
}

function failed(result: CaptureResult): Extract<CaptureResult, { kind: 'failed' }> {
  if (result.kind !== 'failed') throw new Error(`expected a failed capture, got ${result.kind}`)
  return result
}

const rejection = (promise: Promise<unknown>) => rejectionOf(promise, FaceTecError)

beforeAll(async () => {
  await loadSdkScript()
})

beforeEach(async () => {
  simulator().reset()
  simulator().configure({ fast: true })
  adapter = createFaceTecAdapter()
  expect((await adapter.initialize(DEV_KEYS)).ok).toBe(true)
})

afterEach(async () => {
  expectNoViolations()
  for (const calls of terminalCallsPerCallback()) expect(calls, 'one terminal call per callback').toHaveLength(1)
  await adapter.dispose()
  expect(simulatedUi()).toBeNull()
})

describe('a successful capture', () => {
  it('submits the FaceScan, audit images, user agent and session id, then completes on FaceTec’s success screen', async () => {
    const submit = submitting(proceed)
    const result = await adapter.captureLiveness({ sessionToken: 'token', submit, maxAttempts: 3 })
    expect(result.kind).toBe('completed')
    expect(result.attempts).toBe(1)
    expect(result.outcome).toMatchObject({
      reason: 'completed',
      action: 'continue',
      messageKey: 'facetec.session.completed'
    })
    const [capture] = submit.captures
    if (!capture || result.kind !== 'completed') throw new Error('no capture')
    expect(result.capture).toEqual(capture)
    expect(capture.faceScan.length).toBeGreaterThan(200_000)
    expect(capture.userAgent).toBe(sdk().createFaceTecAPIUserAgentString(capture.sessionId))
    expect((await decodeJpeg(capture.auditTrailImage)).width).toBeGreaterThan(0)
    expect((await decodeJpeg(capture.lowQualityAuditTrailImage)).width).toBeGreaterThan(0)
    // Progress went to FaceTec's bar; the blob went to FaceTec.
    expect(
      simulator()
        .calls.filter((call) => call.name === 'callback.uploadProgress')
        .map((call) => call.args[0])
    ).toEqual([0.3, 1])
    expect(simulator().calls.find((call) => call.name === 'callback.proceedToNextStep')?.args).toEqual([
      'scan-result-blob'
    ])
    expect(adapter.capturing).toBe(false)
  })

  it('clamps progress to 0..1 and ignores nonsense, so FaceTec’s bar never sees a percentage', async () => {
    const submit: SubmitCapture = async (_capture, progress) => {
      progress(-1)
      progress(Number.NaN)
      progress(50)
      return proceed
    }
    await adapter.captureLiveness({ sessionToken: 'token', submit, maxAttempts: 1 })
    expect(
      simulator()
        .calls.filter((call) => call.name === 'callback.uploadProgress')
        .map((call) => call.args[0])
    ).toEqual([0, 1])
  })

  it('reports "submitted" and closes FaceTec’s UI when the server gives no blob', async () => {
    const submit = submitting({ kind: 'done' })
    const result = await adapter.captureLiveness({ sessionToken: 'token', submit, maxAttempts: 3 })
    expect(result.kind).toBe('submitted')
    expect(result.outcome).toMatchObject({
      reason: 'submitted',
      action: 'continue',
      messageKey: 'facetec.session.submitted'
    })
    if (result.kind === 'submitted') expect(result.capture).toEqual(submit.captures[0])
    expect(terminalCallsPerCallback()).toEqual([['cancel']])
  })

  it('runs a real capture at demo-mode pace when nothing is scripted', async () => {
    simulator().configure({})
    const result = await adapter.captureLiveness({ sessionToken: 'token', submit: submitting(proceed), maxAttempts: 1 })
    expect(result.kind).toBe('completed')
  })
})

describe('retries and the attempt limit', () => {
  it('asks for another scan when submit says retry, and submits that one too', async () => {
    const submit = submitting({ kind: 'retry' }, proceed)
    const result = await adapter.captureLiveness({ sessionToken: 'token', submit, maxAttempts: 3 })
    expect(result.kind).toBe('completed')
    expect(result.attempts).toBe(2)
    expect(submit.captures).toHaveLength(2)
    expect(submit.captures[0]?.faceScan).not.toBe(submit.captures[1]?.faceScan)
    expect(terminalCallsPerCallback()).toEqual([['retry'], ['proceedToNextStep']])
  })

  it('re-enters submit when FaceTec itself asks for a retry after a blob', async () => {
    simulator().queueSession({ afterProceed: ['retry', 'succeed'] })
    const submit = submitting(proceed)
    const result = await adapter.captureLiveness({ sessionToken: 'token', submit, maxAttempts: 3 })
    expect(result.kind).toBe('completed')
    expect(result.attempts).toBe(2)
    expect(submit.captures).toHaveLength(2)
  })

  it('stops at maxAttempts when submit keeps asking for retries, and sends the customer to staff', async () => {
    const submit = submitting({ kind: 'retry' })
    const result = failed(await adapter.captureLiveness({ sessionToken: 'token', submit, maxAttempts: 2 }))
    expect(result.outcome).toMatchObject({
      reason: 'retry-limit-reached',
      action: 'call-staff',
      messageKey: 'facetec.session.retryLimit'
    })
    expect(result.attempts).toBe(2)
    expect(submit.captures).toHaveLength(2)
    expect(terminalCallsPerCallback()).toEqual([['retry'], ['cancel']])
  })

  it('stops at maxAttempts when FaceTec keeps asking for retries, without submitting the extra scan', async () => {
    simulator().queueSession({ afterProceed: ['retry', 'retry', 'retry'] })
    const submit = submitting(proceed)
    const result = failed(await adapter.captureLiveness({ sessionToken: 'token', submit, maxAttempts: 2 }))
    expect(result.outcome.reason).toBe('retry-limit-reached')
    expect(result.attempts).toBe(2)
    expect(submit.captures).toHaveLength(2)
    expect(terminalCallsPerCallback()).toEqual([['proceedToNextStep'], ['proceedToNextStep'], ['cancel']])
  })

  it('refuses a maxAttempts that is not a positive integer', async () => {
    await expect(
      adapter.captureLiveness({ sessionToken: 'token', submit: submitting(proceed), maxAttempts: 0 })
    ).rejects.toThrow(RangeError)
    expect(simulator().sessionsStarted).toBe(0)
  })
})

describe('when submit does not go through', () => {
  it('cancels FaceTec when submit says cancel', async () => {
    const result = failed(
      await adapter.captureLiveness({ sessionToken: 'token', submit: submitting({ kind: 'cancel' }), maxAttempts: 3 })
    )
    expect(result.outcome).toMatchObject({ reason: 'submit-cancelled', action: 'retry' })
    expect(terminalCallsPerCallback()).toEqual([['cancel']])
  })

  it('cancels FaceTec when submit rejects, and keeps the reason for the log', async () => {
    const submit: SubmitCapture = async () => {
      throw new Error('main is unreachable')
    }
    const result = failed(await adapter.captureLiveness({ sessionToken: 'token', submit, maxAttempts: 3 }))
    expect(result.outcome).toMatchObject({
      reason: 'submit-failed',
      action: 'retry',
      messageKey: 'facetec.session.sendFailed'
    })
    expect(result.detail).toContain('main is unreachable')
    expect(terminalCallsPerCallback()).toEqual([['cancel']])
  })

  it('cancels FaceTec when submit throws synchronously', async () => {
    const submit = ((): Promise<SubmitDecision> => {
      throw new Error('boom')
    }) as SubmitCapture
    expect(
      failed(await adapter.captureLiveness({ sessionToken: 'token', submit, maxAttempts: 3 })).outcome.reason
    ).toBe('submit-failed')
  })
})

describe('every way a session can end', () => {
  const scripted: Array<[SimulatedScanOutcome, FaceTecSessionStatus, string, string]> = [
    ['user-cancel', FaceTecSessionStatus.UserCancelled, 'user-cancelled', 'retry'],
    ['timeout', FaceTecSessionStatus.Timeout, 'timeout', 'retry'],
    ['camera-denied', FaceTecSessionStatus.CameraNotEnabled, 'camera-denied', 'call-staff'],
    [
      'camera-permission-dismissed',
      FaceTecSessionStatus.UserCancelledWhenAttemptingToGetCameraPermissions,
      'camera-denied',
      'call-staff'
    ],
    ['camera-not-running', FaceTecSessionStatus.CameraNotRunning, 'camera-not-running', 'call-staff'],
    ['locked-out', FaceTecSessionStatus.LockedOut, 'locked-out', 'call-staff'],
    ['context-switch', FaceTecSessionStatus.ContextSwitch, 'context-switch', 'retry'],
    ['internal-error', FaceTecSessionStatus.UnknownInternalError, 'internal-error', 'retry']
  ]

  it.each(scripted)(
    'maps a scripted %s to %s, without submitting anything',
    async (outcome, status, reason, action) => {
      simulator().queueSession({ outcome })
      const submit = submitting(proceed)
      const result = failed(await adapter.captureLiveness({ sessionToken: 'token', submit, maxAttempts: 3 }))
      expect(result.sessionStatus).toBe(status)
      expect(result.outcome).toMatchObject({ reason, action })
      expect(result.attempts).toBe(0)
      expect(submit.captures).toHaveLength(0)
      expect(terminalCallsPerCallback()).toEqual([['cancel']])
      for (const language of LANGUAGES) expect(dictionaries[language][result.outcome.messageKey].trim()).not.toBe('')
    }
  )

  // What each ending means for the person at the kiosk, written out rather than read from the
  // adapter's own table: changing a mapping must change this list.
  const expectedEndings: Record<string, [reason: string, messageKey: string, action: string]> = {
    MissingGuidanceImages: ['sdk-misconfigured', 'facetec.unavailable', 'out-of-service'],
    Timeout: ['timeout', 'facetec.session.timeout', 'retry'],
    ContextSwitch: ['context-switch', 'facetec.session.interrupted', 'retry'],
    ProgrammaticallyCancelled: ['cancelled', 'facetec.session.interrupted', 'retry'],
    OrientationChangeDuringSession: ['orientation-change', 'facetec.session.interrupted', 'retry'],
    LandscapeModeNotAllowed: ['sdk-misconfigured', 'facetec.unavailable', 'out-of-service'],
    UserCancelled: ['user-cancelled', 'facetec.session.userCancelled', 'retry'],
    UserCancelledFromNewUserGuidance: ['user-cancelled', 'facetec.session.userCancelled', 'retry'],
    UserCancelledFromRetryGuidance: ['user-cancelled', 'facetec.session.userCancelled', 'retry'],
    UserCancelledWhenAttemptingToGetCameraPermissions: ['camera-denied', 'facetec.session.cameraDenied', 'call-staff'],
    LockedOut: ['locked-out', 'facetec.session.lockedOut', 'call-staff'],
    CameraNotEnabled: ['camera-denied', 'facetec.session.cameraDenied', 'call-staff'],
    NonProductionModeDeviceKeyIdentifierInvalid: ['sdk-misconfigured', 'facetec.unavailable', 'out-of-service'],
    DocumentNotReady: ['not-ready', 'facetec.session.notReady', 'retry'],
    SessionInProgress: ['session-in-progress', 'facetec.session.busy', 'retry'],
    CameraNotRunning: ['camera-not-running', 'facetec.session.cameraNotRunning', 'call-staff'],
    InitializationNotCompleted: ['not-ready', 'facetec.session.notReady', 'retry'],
    UnknownInternalError: ['internal-error', 'facetec.session.error', 'retry'],
    UserCancelledViaClickableReadyScreenSubtext: ['user-cancelled', 'facetec.session.userCancelled', 'retry'],
    NotAllowedUseIframeConstructor: ['sdk-misconfigured', 'facetec.unavailable', 'out-of-service'],
    NotAllowedUseNonIframeConstructor: ['sdk-misconfigured', 'facetec.unavailable', 'out-of-service'],
    IFrameNotAllowedWithoutPermission: ['sdk-misconfigured', 'facetec.unavailable', 'out-of-service'],
    StillLoadingResources: ['not-ready', 'facetec.session.notReady', 'retry'],
    ResourcesCouldNotBeLoadedOnLastInit: ['sdk-misconfigured', 'facetec.unavailable', 'out-of-service'],
    UserCancelledFullScreenMode: ['user-cancelled', 'facetec.session.userCancelled', 'retry']
  }

  it('maps every FaceTecSessionStatus the SDK can end a session with', async () => {
    const statuses = Object.values(FaceTecSessionStatus).filter(
      (value): value is FaceTecSessionStatus =>
        typeof value === 'number' && value !== FaceTecSessionStatus.SessionCompletedSuccessfully
    )
    // Every status of the SDK's enum is in the list above, and nothing else.
    expect(statuses.map((status) => FaceTecSessionStatus[status]).sort()).toEqual(Object.keys(expectedEndings).sort())
    for (const status of statuses) {
      // A fresh SDK each time: LockedOut, for one, would otherwise end every later session.
      simulator().reset()
      simulator().configure({ fast: true, sessions: [{ outcome: status }] })
      adapter = createFaceTecAdapter()
      expect((await adapter.initialize(DEV_KEYS)).ok).toBe(true)
      const result = failed(
        await adapter.captureLiveness({ sessionToken: 'token', submit: submitting(proceed), maxAttempts: 3 })
      )
      expect(result.sessionStatus, FaceTecSessionStatus[status]).toBe(status)
      const [reason, messageKey, action] = expectedEndings[FaceTecSessionStatus[status]] ?? []
      expect(result.outcome, FaceTecSessionStatus[status]).toEqual({ reason, messageKey, action })
      expect(['retry', 'call-staff', 'out-of-service']).toContain(result.outcome.action)
      expect(terminalCallsPerCallback()).toEqual([['cancel']])
      expectNoViolations()
    }
  })

  it('ends with user-cancelled when the customer presses FaceTec’s Cancel button', async () => {
    simulator().configure({ fast: true, delays: { readyMs: 60_000 } })
    const capture = adapter.captureLiveness({ sessionToken: 'token', submit: submitting(proceed), maxAttempts: 3 })
    await until(() => simulator().phase === 'ready')
    simulatedUi()?.querySelector<HTMLButtonElement>('button[data-ftsim-action="cancel"]')?.click()
    const result = failed(await capture)
    expect(result.sessionStatus).toBe(FaceTecSessionStatus.UserCancelled)
    expect(result.outcome).toMatchObject({
      reason: 'user-cancelled',
      action: 'retry',
      messageKey: 'facetec.session.userCancelled'
    })
  })

  it('ends with user-cancelled when the customer leaves from the retry screen', async () => {
    simulator().configure({ fast: true, delays: { retryMs: 60_000 }, sessions: [{ afterProceed: ['retry'] }] })
    const capture = adapter.captureLiveness({ sessionToken: 'token', submit: submitting(proceed), maxAttempts: 3 })
    await until(() => simulator().phase === 'retry')
    expect(simulator().pressCancel()).toBe(true)
    const result = failed(await capture)
    expect(result.sessionStatus).toBe(FaceTecSessionStatus.UserCancelledFromRetryGuidance)
    expect(result.outcome.reason).toBe('user-cancelled')
    expect(result.attempts).toBe(1)
  })

  it('ends with locked-out once FaceTec locks the kiosk after repeated failed scans', async () => {
    simulator().configure({ fast: true, lockout: { afterFailedScans: 2 } })
    const result = failed(
      await adapter.captureLiveness({ sessionToken: 'token', submit: submitting({ kind: 'retry' }), maxAttempts: 5 })
    )
    expect(result.outcome).toMatchObject({ reason: 'locked-out', action: 'call-staff' })
    expect(sdk().isLockedOut()).toBe(true)
  })
})

describe('one capture at a time, one result per capture', () => {
  it('rejects a second capture while one runs (SessionInProgress), and the first still completes', async () => {
    simulator().configure({ fast: true, delays: { readyMs: 60_000 } })
    const first = adapter.captureLiveness({ sessionToken: 'token', submit: submitting(proceed), maxAttempts: 1 })
    const second = await rejection(
      adapter.captureLiveness({ sessionToken: 'token', submit: submitting(proceed), maxAttempts: 1 })
    )
    expect(second.code).toBe('session-in-progress')
    expect(second.messageKey).toBe(outcomeOfSessionStatus(FaceTecSessionStatus.SessionInProgress).messageKey)
    expect(adapter.capturing).toBe(true)
    await until(() => simulator().phase === 'ready')
    simulator().pressReady()
    expect((await first).kind).toBe('completed')
    expect(simulator().sessionsStarted).toBe(1)
  })

  it('rejects a capture before initialization (InitializationNotCompleted) without starting a session', async () => {
    const fresh = createFaceTecAdapter()
    const error = await rejection(
      fresh.captureLiveness({ sessionToken: 'token', submit: submitting(proceed), maxAttempts: 1 })
    )
    expect(error.code).toBe('not-initialized')
    expect(error.action).toBe('retry')
    await adapter.dispose()
    const afterReset = await rejection(
      adapter.captureLiveness({ sessionToken: 'token', submit: submitting(proceed), maxAttempts: 1 })
    )
    expect(afterReset.code).toBe('not-initialized')
    expect(simulator().sessionsStarted).toBe(0)
  })

  it('resolves exactly once even if FaceTec reports completely-done twice', async () => {
    const global = sdk()
    const Session = global.FaceTecSession
    // A misbehaving SDK: onFaceTecSDKCompletelyDone arrives twice.
    const doubling = function (this: unknown, processor: ConstructorParameters<typeof Session>[0], token: string) {
      const done = processor.onFaceTecSDKCompletelyDone.bind(processor)
      processor.onFaceTecSDKCompletelyDone = () => {
        done()
        done()
      }
      return new Session(processor, token)
    } as unknown as typeof Session
    ;(global as { FaceTecSession: typeof Session }).FaceTecSession = doubling
    const settled = vi.fn()
    try {
      const result = await adapter
        .captureLiveness({ sessionToken: 'token', submit: submitting(proceed), maxAttempts: 1 })
        .then((r) => {
          settled(r)
          return r
        })
      expect(result.kind).toBe('completed')
    } finally {
      ;(global as { FaceTecSession: typeof Session }).FaceTecSession = Session
    }
    expect(settled).toHaveBeenCalledOnce()
  })

  it('makes exactly one terminal call even when submit answers after an abort', async () => {
    const controller = new AbortController()
    let answer!: (decision: SubmitDecision) => void
    const submit: SubmitCapture = () => new Promise((resolve) => (answer = resolve))
    const capture = adapter.captureLiveness({
      sessionToken: 'token',
      submit,
      maxAttempts: 1,
      signal: controller.signal
    })
    await until(() => simulator().phase === 'uploading')
    controller.abort()
    answer(proceed)
    const result = failed(await capture)
    expect(result.outcome).toMatchObject({ reason: 'cancelled', action: 'retry' })
    expect(terminalCallsPerCallback()).toEqual([['cancel']])
  })

  it('rejects a capture whose signal is already aborted, without starting a session', async () => {
    const controller = new AbortController()
    controller.abort()
    const error = await rejection(
      adapter.captureLiveness({
        sessionToken: 'token',
        submit: submitting(proceed),
        maxAttempts: 1,
        signal: controller.signal
      })
    )
    expect(error.code).toBe('aborted')
    expect(simulator().sessionsStarted).toBe(0)
  })

  it('cancels at the first result when aborted while FaceTec’s UI is up', async () => {
    simulator().configure({ fast: true, delays: { readyMs: 60_000 } })
    const controller = new AbortController()
    const submit = submitting(proceed)
    const capture = adapter.captureLiveness({
      sessionToken: 'token',
      submit,
      maxAttempts: 1,
      signal: controller.signal
    })
    await until(() => simulator().phase === 'ready')
    controller.abort()
    simulator().pressReady()
    expect(failed(await capture).outcome.reason).toBe('cancelled')
    expect(submit.captures).toHaveLength(0)
  })

  it('ends a running capture as aborted on an idle reset, closing FaceTec’s UI and the camera', async () => {
    simulator().configure({ fast: true, delays: { readyMs: 60_000 } })
    const capture = adapter.captureLiveness({ sessionToken: 'token', submit: submitting(proceed), maxAttempts: 1 })
    await until(() => simulator().phase === 'ready')
    const tracks = (simulatedUi()?.querySelector('video')?.srcObject as MediaStream).getTracks()
    await adapter.dispose()
    const result = failed(await capture)
    expect(result.outcome.reason).toBe('cancelled')
    expect(adapter.capturing).toBe(false)
    expect(simulatedUi()).toBeNull()
    expect(tracks.every((track) => track.readyState === 'ended')).toBe(true)
    expect(callNames()).toContain('deinitialize')
  })
})
