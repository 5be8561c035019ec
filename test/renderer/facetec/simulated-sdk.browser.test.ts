/**
 * The simulated FaceTec SDK on its own, loaded as the classic script `npm run build` emits. What it
 * must get right is what an integration can observe: async callbacks, the callback rules, the status
 * machine, and a real camera picture in the audit trail. Its surface (members, enums, customization)
 * is pinned to the real SDK's by surface.browser.test.ts, and FaceTec's sample processor runs against
 * it in sample-processor.browser.test.ts.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  FaceTecAuditTrailImagesToReturn,
  FaceTecSDKStatus,
  FaceTecSessionStatus,
  type FaceTecFaceScanProcessor,
  type FaceTecFaceScanResultCallback,
  type FaceTecSDKGlobal,
  type FaceTecSessionResult
} from '../../../renderer/src/facetec/sdk-types'
import { faceTecStrings } from '../../../renderer/src/facetec/strings'
import {
  DEVICE_KEY,
  PUBLIC_KEY_PEM,
  callNames,
  decodeJpeg,
  expectNoViolations,
  loadSdkScript,
  meanDifference,
  sdk,
  simulatedUi,
  simulator,
  spread,
  thumbnailOfJpeg,
  thumbnailOfWebcam,
  until
} from '../support/facetec'

/** A one-frame .mjpeg fixture is a plain JPEG file. */
async function fixtureBase64(path: string): Promise<string> {
  const bytes = new Uint8Array(await (await fetch(path)).arrayBuffer())
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

function initialize(global: FaceTecSDKGlobal = sdk(), pem = PUBLIC_KEY_PEM): Promise<boolean> {
  return new Promise((resolve) => global.initializeInDevelopmentMode(DEVICE_KEY, pem, resolve))
}

/** A processor that records what it is given and lets the test decide each terminal call. */
class RecordingProcessor implements FaceTecFaceScanProcessor {
  readonly results: FaceTecSessionResult[] = []
  readonly callbacks: FaceTecFaceScanResultCallback[] = []
  completelyDone = 0
  uiPresentWhenDone: boolean | null = null
  readonly done: Promise<void>
  private finish!: () => void

  constructor(
    private readonly respond: (
      result: FaceTecSessionResult,
      callback: FaceTecFaceScanResultCallback,
      processor: RecordingProcessor
    ) => void = (_r, callback) => callback.cancel()
  ) {
    this.done = new Promise((resolve) => (this.finish = resolve))
  }

  processSessionResultWhileFaceTecSDKWaits(
    result: FaceTecSessionResult,
    callback: FaceTecFaceScanResultCallback
  ): void {
    this.results.push(result)
    this.callbacks.push(callback)
    this.respond(result, callback, this)
  }

  onFaceTecSDKCompletelyDone(): void {
    this.completelyDone++
    this.uiPresentWhenDone = simulatedUi() !== null
    this.finish()
  }

  get last(): FaceTecSessionResult {
    const result = this.results.at(-1)
    if (!result) throw new Error('no result yet')
    return result
  }
}

const proceedWith =
  (blob = 'scan-result-blob') =>
  (result: FaceTecSessionResult, callback: FaceTecFaceScanResultCallback): void => {
    if (result.status !== FaceTecSessionStatus.SessionCompletedSuccessfully) return callback.cancel()
    setTimeout(() => callback.proceedToNextStep(blob), 0)
  }

beforeAll(async () => {
  await loadSdkScript()
})

beforeEach(() => {
  simulator().reset()
  simulator().configure({ fast: true })
})

afterEach(() => {
  expect(simulatedUi(), 'the simulated UI is closed after every test').toBeNull()
})

describe('the global', () => {
  it('is a 9.x classic global whose version() is parseable as 9.x', () => {
    const script = document.querySelector<HTMLScriptElement>('script[src$="/core-sdk/FaceTecSDK.js/FaceTecSDK.js"]')
    expect(script?.type).toBe('')
    expect(sdk().version()).toMatch(/^9\.\d+\.\d+/)
    expect('initializeWithSessionRequest' in sdk()).toBe(false)
  })

  it('answers a deterministic X-User-Agent per session id', () => {
    const global = sdk()
    expect(global.createFaceTecAPIUserAgentString('abc')).toBe(global.createFaceTecAPIUserAgentString('abc'))
    expect(global.createFaceTecAPIUserAgentString('abc')).not.toBe(global.createFaceTecAPIUserAgentString('def'))
    expect(global.createFaceTecAPIUserAgentString('')).not.toBe('')
  })
})

describe('initialization', () => {
  it('goes NeverInitialized -> StillLoadingResources -> Initialized and calls back on a later task', async () => {
    const global = sdk()
    global.setResourceDirectory('/facetec-sdk/core-sdk/FaceTecSDK.js/resources')
    expect(global.getStatus()).toBe(FaceTecSDKStatus.NeverInitialized)
    let answered: boolean | null = null
    const done = new Promise<void>((resolve) =>
      global.initializeInDevelopmentMode(DEVICE_KEY, PUBLIC_KEY_PEM, (ok) => {
        answered = ok
        resolve()
      })
    )
    expect(answered).toBeNull()
    expect(global.getStatus()).toBe(FaceTecSDKStatus.StillLoadingResources)
    await Promise.resolve()
    expect(answered, 'not in a microtask either').toBeNull()
    await done
    expect(answered).toBe(true)
    expect(global.getStatus()).toBe(FaceTecSDKStatus.Initialized)
  })

  it('records the setter calls in order', async () => {
    const global = sdk()
    global.setResourceDirectory('/facetec-sdk/core-sdk/FaceTecSDK.js/resources')
    global.setImagesDirectory('/facetec-sdk/core-sdk/FaceTec_images')
    await initialize(global)
    global.setMaxAuditTrailImages(FaceTecAuditTrailImagesToReturn.UP_TO_SIX)
    expect(callNames()).toEqual([
      'setResourceDirectory',
      'setImagesDirectory',
      'initializeInDevelopmentMode',
      'setMaxAuditTrailImages'
    ])
    expect(simulator().calls[0]?.args).toEqual(['/facetec-sdk/core-sdk/FaceTecSDK.js/resources'])
  })

  it('fails with each scripted FaceTecSDKStatus, answering false', async () => {
    const global = sdk()
    for (const status of [
      FaceTecSDKStatus.NetworkIssues,
      FaceTecSDKStatus.KeyExpiredOrInvalid,
      FaceTecSDKStatus.DeviceNotSupported
    ]) {
      simulator().reset()
      simulator().configure({ fast: true, init: { failWith: status } })
      expect(await initialize(global)).toBe(false)
      expect(global.getStatus()).toBe(status)
    }
  })

  it('fails with ResourcesCouldNotBeLoadedOnLastInit when the resource directory is wrong', async () => {
    const global = sdk()
    global.setResourceDirectory('/facetec-sdk/core-sdk/FaceTecSDK.js/no-such-folder')
    expect(await initialize(global)).toBe(false)
    expect(global.getStatus()).toBe(FaceTecSDKStatus.ResourcesCouldNotBeLoadedOnLastInit)
  })

  it('fails with InvalidDeviceKeyIdentifier for an empty device key', async () => {
    const global = sdk()
    global.setResourceDirectory('/facetec-sdk/core-sdk/FaceTecSDK.js/resources')
    expect(
      await new Promise<boolean>((resolve) => global.initializeInDevelopmentMode('', PUBLIC_KEY_PEM, resolve))
    ).toBe(false)
    expect(global.getStatus()).toBe(FaceTecSDKStatus.InvalidDeviceKeyIdentifier)
  })

  it('reports a flattened public key only on the console, like the real SDK (Error Code 980897)', async () => {
    const global = sdk()
    global.setResourceDirectory('/facetec-sdk/core-sdk/FaceTecSDK.js/resources')
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    expect(await initialize(global, PUBLIC_KEY_PEM.replace(/\n/g, ' '))).toBe(false)
    expect(consoleError).toHaveBeenCalledWith(expect.stringMatching(/FaceTec Browser SDK Error Code 980897/))
    consoleError.mockRestore()
  })

  it('ignores and flags configureLocalization before a successful initialization', () => {
    sdk().configureLocalization(faceTecStrings.nb)
    expect(simulator().violations).toEqual([
      expect.stringMatching(/configureLocalization\(\) before a successful initialization/)
    ])
  })

  it('deinitialize returns to NeverInitialized and calls back on a later task', async () => {
    const global = sdk()
    global.setResourceDirectory('/facetec-sdk/core-sdk/FaceTecSDK.js/resources')
    await initialize(global)
    let called = false
    const done = new Promise<void>((resolve) =>
      global.deinitialize?.(() => {
        called = true
        resolve()
      })
    )
    expect(called).toBe(false)
    await done
    expect(global.getStatus()).toBe(FaceTecSDKStatus.NeverInitialized)
  })
})

describe('sessions', () => {
  beforeEach(async () => {
    sdk().setResourceDirectory('/facetec-sdk/core-sdk/FaceTecSDK.js/resources')
    sdk().setImagesDirectory('/facetec-sdk/core-sdk/FaceTec_images')
    expect(await initialize()).toBe(true)
  })

  afterEach(() => {
    expectNoViolations()
  })

  it('never calls the processor synchronously, and calls onFaceTecSDKCompletelyDone once, after the UI closed', async () => {
    const processor = new RecordingProcessor(proceedWith())
    new (sdk().FaceTecSession)(processor, 'session-token')
    expect(processor.results).toHaveLength(0)
    await processor.done
    expect(processor.completelyDone).toBe(1)
    expect(processor.uiPresentWhenDone).toBe(false)
    expect(processor.last.isCompletelyDone).toBe(true)
  })

  it('records copies, not the processor or its callbacks, so a finished session can be garbage-collected', async () => {
    const processor = new RecordingProcessor(proceedWith())
    new (sdk().FaceTecSession)(processor, 'session-token')
    await processor.done
    const recordedArgs = simulator().calls.flatMap((call) => call.args)
    expect(recordedArgs).not.toContain(processor)
    expect(simulator().calls.find((call) => call.name === 'FaceTecSession')?.args).toEqual([
      '[object RecordingProcessor]',
      'session-token'
    ])
    expect(
      recordedArgs.some(
        (arg) =>
          typeof arg === 'function' ||
          (typeof arg === 'object' &&
            arg !== null &&
            Object.getPrototypeOf(arg) !== Object.prototype &&
            !Array.isArray(arg))
      )
    ).toBe(false)
  })

  it('hands over a real JPEG audit trail whose pixels are the webcam picture, and a faceScan of realistic size', async () => {
    const processor = new RecordingProcessor(proceedWith())
    new (sdk().FaceTecSession)(processor, 'session-token')
    await processor.done
    const [result] = processor.results
    if (!result) throw new Error('no result')
    expect(result.status).toBe(FaceTecSessionStatus.SessionCompletedSuccessfully)
    expect(result.auditTrail).toHaveLength(1)
    expect(result.lowQualityAuditTrail).toHaveLength(1)
    const [audit = '', lowQuality = ''] = [result.auditTrail[0], result.lowQualityAuditTrail[0]]
    expect(audit.startsWith('data:')).toBe(false)
    // JPEG magic bytes FF D8 FF, decodable by the browser.
    expect(
      atob(audit.slice(0, 4))
        .split('')
        .map((c) => c.charCodeAt(0))
        .slice(0, 3)
    ).toEqual([0xff, 0xd8, 0xff])
    const bitmap = await decodeJpeg(audit)
    const small = await decodeJpeg(lowQuality)
    expect(bitmap.width).toBeGreaterThan(0)
    expect(small.width).toBeLessThan(bitmap.width)
    expect(lowQuality.length).toBeLessThan(audit.length)

    const fromAudit = await thumbnailOfJpeg(audit)
    const fromWebcam = await thumbnailOfWebcam()
    expect(spread(fromAudit), 'not a blank picture').toBeGreaterThan(20)
    const noFace = await thumbnailOfJpeg(await fixtureBase64('/test/fixtures/webcam-no-face.mjpeg'))
    // The fake webcam plays a face that drifts a little between frames: close to a live frame
    // (measured ~16/255), far from a different picture (measured ~108/255).
    expect(meanDifference(fromAudit, fromWebcam)).toBeLessThan(30)
    expect(meanDifference(fromAudit, noFace)).toBeGreaterThan(60)

    expect(result.faceScan?.length).toBeGreaterThan(200_000)
    expect(result.faceScan).toMatch(/^[A-Za-z0-9+/]+={0,2}$/)
    expect(atob(result.faceScan?.slice(0, 36) ?? '')).toMatch(/^FaceTecSimulatedFaceScan\/1/)
    expect(typeof result.sessionId).toBe('string')
  })

  it('hands over six audit-trail images when asked for UP_TO_SIX', async () => {
    sdk().setMaxAuditTrailImages(FaceTecAuditTrailImagesToReturn.UP_TO_SIX)
    const processor = new RecordingProcessor(proceedWith())
    new (sdk().FaceTecSession)(processor, 'session-token')
    await processor.done
    expect(processor.results[0]?.auditTrail).toHaveLength(6)
    expect(processor.results[0]?.lowQualityAuditTrail).toHaveLength(6)
  })

  it('throws and records a second terminal call on the same callback', async () => {
    let secondCall: unknown = null
    const processor = new RecordingProcessor((_result, callback) => {
      callback.cancel()
      try {
        callback.proceedToNextStep('late-blob')
      } catch (error) {
        secondCall = error
      }
    })
    new (sdk().FaceTecSession)(processor, 'session-token')
    await processor.done
    expect(secondCall).toBeInstanceOf(Error)
    expect(simulator().violations).toEqual([
      expect.stringMatching(/proceedToNextStep\(\) after cancel\(\) on the same result callback/)
    ])
    expect(processor.completelyDone).toBe(1)
    simulator().reset()
  })

  it('re-enters the processor with a new result and a new callback when FaceTec asks for a retry', async () => {
    simulator().queueSession({ afterProceed: ['retry', 'succeed'] })
    const processor = new RecordingProcessor(proceedWith())
    new (sdk().FaceTecSession)(processor, 'session-token')
    await processor.done
    expect(processor.results).toHaveLength(2)
    expect(processor.results[0]).not.toBe(processor.results[1])
    expect(processor.callbacks[0]).not.toBe(processor.callbacks[1])
    expect(processor.results[0]?.isCompletelyDone).toBe(false)
    expect(processor.results[1]?.isCompletelyDone).toBe(true)
    expect(processor.results[0]?.faceScan).not.toBe(processor.results[1]?.faceScan)
    expect(processor.completelyDone).toBe(1)
  })

  it('answers SessionInProgress to a second session while one runs, without disturbing the first', async () => {
    simulator().configure({ fast: true, delays: { readyMs: 60_000 } })
    const first = new RecordingProcessor(proceedWith())
    new (sdk().FaceTecSession)(first, 'session-token')
    await until(() => simulator().phase === 'ready')
    const second = new RecordingProcessor()
    new (sdk().FaceTecSession)(second, 'session-token')
    await second.done
    expect(second.results.map((r) => r.status)).toEqual([FaceTecSessionStatus.SessionInProgress])
    expect(second.results[0]?.faceScan).toBeNull()
    expect(simulator().pressReady()).toBe(true)
    await first.done
    expect(first.last.isCompletelyDone).toBe(true)
  })

  it('answers InitializationNotCompleted before initialization, inside the constructor and without any UI', async () => {
    await new Promise<void>((resolve) => sdk().deinitialize?.(resolve))
    const processor = new RecordingProcessor()
    new (sdk().FaceTecSession)(processor, 'session-token')
    expect(processor.results.map((r) => [r.status, r.sessionId])).toEqual([
      [FaceTecSessionStatus.InitializationNotCompleted, '']
    ])
    expect(processor.completelyDone).toBe(0)
    expect(simulatedUi()).toBeNull()
    await processor.done
    expect(processor.completelyDone).toBe(1)
  })

  it('answers StillLoadingResources to a session started while initializing', async () => {
    await new Promise<void>((resolve) => sdk().deinitialize?.(resolve))
    simulator().configure({ delays: { initMs: 60_000 } })
    sdk().initializeInDevelopmentMode(DEVICE_KEY, PUBLIC_KEY_PEM, () => undefined)
    const processor = new RecordingProcessor()
    new (sdk().FaceTecSession)(processor, 'session-token')
    await processor.done
    expect(processor.results.map((r) => r.status)).toEqual([FaceTecSessionStatus.StillLoadingResources])
    simulator().reset()
  })

  it('shows a full-screen UI with the live mirrored camera, an oval and a Cancel button that ends with UserCancelled', async () => {
    simulator().configure({ fast: true, delays: { readyMs: 60_000 } })
    const processor = new RecordingProcessor()
    new (sdk().FaceTecSession)(processor, 'session-token')
    await until(() => simulator().phase === 'ready')
    const ui = simulatedUi()
    const video = ui?.querySelector('video')
    expect(video?.srcObject).toBeInstanceOf(MediaStream)
    expect(getComputedStyle(video as HTMLVideoElement).transform).toMatch(/^matrix\(-1/)
    expect(ui?.querySelector('.ftsim-oval')).not.toBeNull()
    const box = ui?.getBoundingClientRect()
    expect(box?.width).toBe(window.innerWidth)
    expect(box?.height).toBe(window.innerHeight)
    const cancel = ui?.querySelector<HTMLButtonElement>('button[data-ftsim-action="cancel"]')
    expect(cancel?.hidden).toBe(false)
    expect(cancel?.textContent).toBe('Cancel')
    cancel?.click()
    await processor.done
    expect(processor.results.map((r) => r.status)).toEqual([FaceTecSessionStatus.UserCancelled])
    expect(video?.srcObject).toBeNull()
  })

  it('shows the prompts in the language given to configureLocalization', async () => {
    sdk().configureLocalization(faceTecStrings.nb)
    simulator().configure({ fast: true, delays: { readyMs: 60_000 } })
    const processor = new RecordingProcessor()
    new (sdk().FaceTecSession)(processor, 'session-token')
    await until(() => simulator().phase === 'ready')
    const ui = simulatedUi()
    expect(ui?.querySelector('button[data-ftsim-action="ready"]')?.textContent).toBe('JEG ER KLAR')
    expect(ui?.querySelector('button[data-ftsim-action="cancel"]')?.textContent).toBe('Avbryt')
    expect(ui?.textContent).toContain(faceTecStrings.nb.FaceTec_instructions_header_ready_desktop)
    expect(simulator().pressCancel()).toBe(true)
    await processor.done
  })

  it('shows the upload progress the processor reports', async () => {
    let release!: () => void
    const processor = new RecordingProcessor((result, callback) => {
      callback.uploadProgress(0.4)
      release = () => callback.proceedToNextStep('blob')
    })
    new (sdk().FaceTecSession)(processor, 'session-token')
    await until(() => processor.results.length === 1)
    const bar = simulatedUi()?.querySelector('[role="progressbar"]')
    expect(bar?.getAttribute('aria-valuenow')).toBe('40')
    expect(simulator().phase).toBe('uploading')
    release()
    await processor.done
  })

  it.each([
    ['NotAllowedError', 'Permission denied', FaceTecSessionStatus.CameraNotEnabled],
    ['NotAllowedError', 'Permission dismissed', FaceTecSessionStatus.UserCancelledWhenAttemptingToGetCameraPermissions],
    ['NotFoundError', 'Requested device not found', FaceTecSessionStatus.CameraNotRunning],
    ['NotReadableError', 'Could not start video source', FaceTecSessionStatus.CameraNotRunning]
  ])('maps a camera that fails with %s (%s) to its session status', async (name, message, status) => {
    const getUserMedia = vi
      .spyOn(navigator.mediaDevices, 'getUserMedia')
      .mockRejectedValue(new DOMException(message, name))
    const processor = new RecordingProcessor()
    new (sdk().FaceTecSession)(processor, 'session-token')
    await processor.done
    getUserMedia.mockRestore()
    expect(processor.results.map((r) => r.status)).toEqual([status])
  })

  it('locks out after the scripted number of failed scans', async () => {
    simulator().configure({
      fast: true,
      lockout: { afterFailedScans: 2 },
      sessions: [{ afterProceed: ['retry', 'retry'] }]
    })
    const processor = new RecordingProcessor(proceedWith())
    new (sdk().FaceTecSession)(processor, 'session-token')
    await processor.done
    expect(processor.results.map((r) => r.status)).toEqual([
      FaceTecSessionStatus.SessionCompletedSuccessfully,
      FaceTecSessionStatus.SessionCompletedSuccessfully,
      FaceTecSessionStatus.LockedOut
    ])
    expect(sdk().isLockedOut()).toBe(true)
    expect(sdk().getLockoutEndTime).toBeGreaterThan(Date.now())
    const next = new RecordingProcessor()
    new (sdk().FaceTecSession)(next, 'session-token')
    await next.done
    expect(next.results.map((r) => r.status)).toEqual([FaceTecSessionStatus.LockedOut])
  })

  it('closes the UI and releases the camera when deinitialized mid-session, calling the processor no more', async () => {
    simulator().configure({ fast: true, delays: { readyMs: 60_000 } })
    const processor = new RecordingProcessor()
    new (sdk().FaceTecSession)(processor, 'session-token')
    await until(() => simulator().phase === 'ready')
    const video = simulatedUi()?.querySelector('video')
    const tracks = (video?.srcObject as MediaStream).getTracks()
    await new Promise<void>((resolve) => sdk().deinitialize?.(resolve))
    expect(simulatedUi()).toBeNull()
    expect(tracks.every((track) => track.readyState === 'ended')).toBe(true)
    expect(processor.results).toHaveLength(0)
    expect(processor.completelyDone).toBe(0)
  })
})
