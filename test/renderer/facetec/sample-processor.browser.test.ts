/**
 * FaceTec's own way of using the SDK, end to end against the simulated one: the SDK file imported as a
 * module (`import { FaceTecSDK } from ".../FaceTecSDK.js"`, bundled the way a bundler bundles the real
 * file), the folders set and development-mode initialization as FaceTec's sampleAppController does,
 * then FaceTec's sample LivenessCheckProcessor (test/renderer/fixtures/liveness-check-processor.ts),
 * which knows only the SDK's documented API: a session, processSessionResultWhileFaceTecSDKWaits with a
 * faceScan and audit-trail images, the upload to a stand-in server, proceedToNextStep with its
 * scanResultBlob, and onFaceTecSDKCompletelyDone.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  FaceTecSDK,
  FaceTecSimulator
} from '../../../renderer/facetec-simulated/static/core-sdk/FaceTecSDK.js/FaceTecSDK.js'
import type { FaceTecSessionResult } from '../../../renderer/src/facetec/sdk-types'
import { LivenessCheckProcessor, type LivenessServer } from '../fixtures/liveness-check-processor'
import { DEVICE_KEY, decodeJpeg, PUBLIC_KEY_PEM } from '../support/facetec'

/** What the stand-in for FaceTec's /liveness-3d endpoint received, one entry per upload. */
type Upload = { parameters: Parameters<LivenessServer>[0]; headers: Parameters<LivenessServer>[1] }

/** Runs the sample processor to onFaceTecSDKCompletelyDone; resolves with its last session result. */
function runSample(server: LivenessServer): Promise<{ result: FaceTecSessionResult | null; success: boolean }> {
  return new Promise((resolve) => {
    const processor: LivenessCheckProcessor = new LivenessCheckProcessor(
      'session-token-from-server',
      { onComplete: (result) => resolve({ result, success: processor.isSuccess() }) },
      DEVICE_KEY,
      server
    )
  })
}

/** FaceTec's server stand-in: records the upload, reports progress, answers with a scanResultBlob. */
function serverAnswering(uploads: Upload[], ...blobs: string[]): LivenessServer {
  return async (parameters, headers, onUploadProgress) => {
    uploads.push({ parameters, headers })
    onUploadProgress(30, 100)
    onUploadProgress(100, 100)
    return { wasProcessed: true, error: false, scanResultBlob: blobs.shift() ?? 'scan-result-blob' }
  }
}

beforeAll(async () => {
  // As FaceTec's sampleAppController: folders first, then development-mode initialization.
  FaceTecSDK.setResourceDirectory('/facetec-sdk/core-sdk/FaceTecSDK.js/resources')
  FaceTecSDK.setImagesDirectory('/facetec-sdk/core-sdk/FaceTec_images')
  const initialized = await new Promise<boolean>((resolve) =>
    FaceTecSDK.initializeInDevelopmentMode(DEVICE_KEY, PUBLIC_KEY_PEM, resolve)
  )
  expect(initialized).toBe(true)
  expect(FaceTecSDK.getStatus()).toBe(FaceTecSDK.FaceTecSDKStatus.Initialized)
})

/** Where this test's calls start in the simulator's record (the SDK stays initialized across tests). */
let firstCall = 0
beforeEach(() => {
  FaceTecSimulator.configure({ fast: true })
  firstCall = FaceTecSimulator.calls.length
})

afterEach(() => {
  expect(FaceTecSimulator.violations).toEqual([])
  expect(document.querySelector('[data-facetec-simulated]'), 'the UI is closed').toBeNull()
})

/** The arguments of this test's calls of one result-callback method. */
const callbackCalls = (name: string): unknown[][] =>
  FaceTecSimulator.calls
    .slice(firstCall)
    .filter((call) => call.name === `callback.${name}`)
    .map((call) => call.args)

describe("FaceTec's sample LivenessCheckProcessor, importing the SDK as a module", () => {
  it('runs a session to the success screen: FaceScan and audit images uploaded, blob handed back, completely done', async () => {
    const uploads: Upload[] = []
    const { result, success } = await runSample(serverAnswering(uploads, 'blob-from-server'))

    expect(success).toBe(true)
    expect(result?.status).toBe(FaceTecSDK.FaceTecSessionStatus.SessionCompletedSuccessfully)
    expect(result?.isCompletelyDone).toBe(true)
    expect(uploads).toHaveLength(1)
    const [{ parameters, headers }] = uploads as [Upload]
    // What FaceTec's server gets: a FaceScan, the first audit image and its low-quality twin, the session.
    expect(parameters.faceScan).toMatch(/^[A-Za-z0-9+/]+={0,2}$/)
    expect(parameters.faceScan?.length).toBeGreaterThan(200_000)
    expect(parameters.sessionId).toBe(result?.sessionId)
    expect(parameters.auditTrailImage).toBe(result?.auditTrail[0])
    expect(parameters.lowQualityAuditTrailImage).toBe(result?.lowQualityAuditTrail[0])
    const audit = await decodeJpeg(parameters.auditTrailImage ?? '')
    const lowQuality = await decodeJpeg(parameters.lowQualityAuditTrailImage ?? '')
    expect(audit.width).toBeGreaterThan(lowQuality.width)
    expect(headers['X-Device-Key']).toBe(DEVICE_KEY)
    expect(headers['X-User-Agent']).toBe(FaceTecSDK.createFaceTecAPIUserAgentString(result?.sessionId ?? ''))
    expect(headers['X-User-Agent'].endsWith(`|${result?.sessionId ?? ''}`)).toBe(true)

    // The processor's calls, as the SDK saw them: progress as fractions, one proceedToNextStep with the blob.
    const calls = FaceTecSimulator.calls.slice(firstCall).map((call) => call.name)
    expect(calls).toEqual([
      'FaceTecSession',
      'callback.uploadProgress',
      'callback.uploadProgress',
      'FaceTecCustomization.setOverrideResultScreenSuccessMessage',
      'callback.proceedToNextStep'
    ])
    expect(callbackCalls('uploadProgress')).toEqual([[0.3], [1]])
    expect(callbackCalls('proceedToNextStep')).toEqual([['blob-from-server']])
  })

  it('scans again when FaceTec’s blob asks for a retry, and succeeds with the second FaceScan', async () => {
    FaceTecSimulator.queueSession({ afterProceed: ['retry', 'succeed'] })
    const uploads: Upload[] = []
    const { result, success } = await runSample(serverAnswering(uploads, 'blob-retry', 'blob-success'))
    expect(success).toBe(true)
    expect(uploads).toHaveLength(2)
    expect(uploads[0]?.parameters.faceScan).not.toBe(uploads[1]?.parameters.faceScan)
    expect(uploads[0]?.parameters.sessionId).toBe(uploads[1]?.parameters.sessionId)
    expect(result?.faceScan).toBe(uploads[1]?.parameters.faceScan)
    expect(callbackCalls('proceedToNextStep')).toEqual([['blob-retry'], ['blob-success']])
  })

  it('cancels when the server cannot process the scan; the sample then reports no success', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const server: LivenessServer = async () => ({
      wasProcessed: false,
      error: true,
      errorMessage: 'Liveness was not processed.',
      scanResultBlob: ''
    })
    const { result, success } = await runSample(server)
    expect(success).toBe(false)
    expect(result?.isCompletelyDone).toBe(false)
    expect(consoleError).toHaveBeenCalledWith('Liveness was not processed.')
    expect(callbackCalls('cancel')).toHaveLength(1)
    consoleError.mockRestore()
  })

  it('cancels without uploading when the person stops the check', async () => {
    FaceTecSimulator.queueSession({ outcome: 'user-cancel' })
    const consoleLog = vi.spyOn(console, 'log').mockImplementation(() => undefined)
    const server = vi.fn<LivenessServer>()
    const { result, success } = await runSample(server)
    expect(result?.status).toBe(FaceTecSDK.FaceTecSessionStatus.UserCancelled)
    expect(success).toBe(false)
    expect(server).not.toHaveBeenCalled()
    expect(consoleLog).toHaveBeenCalledWith(expect.stringContaining('UserCancelled'))
    consoleLog.mockRestore()
  })
})
