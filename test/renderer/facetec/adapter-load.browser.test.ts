/**
 * Loading the SDK: a classic script from the app's own origin, a 9.x check on what it defines, and
 * the resource and image folders set before anything initializes. A 10.x or unknown SDK folder is
 * refused with a typed error the kiosk can show as "out of service".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFaceTecAdapter, FaceTecError, FaceTecUnsupportedVersionError } from '../../../renderer/src/facetec'
import type { FaceTecSDKGlobal } from '../../../renderer/src/facetec/sdk-types'
import { callNames, SDK_SCRIPT_URL, unloadSdk } from '../support/facetec'
import { rejectionOf } from '../../support/rejection'

/** A stand-in global with only what a version check can look at. */
function stubGlobal(members: Record<string, unknown>): void {
  window.FaceTecSDK = {
    setResourceDirectory: () => undefined,
    setImagesDirectory: () => undefined,
    ...members
  } as unknown as FaceTecSDKGlobal
}

const loadError = (promise: Promise<unknown>) => rejectionOf(promise, FaceTecError)

beforeEach(() => unloadSdk())
afterEach(() => unloadSdk())

describe('loading the FaceTec SDK', () => {
  it('injects one classic script for /facetec-sdk/core-sdk/FaceTecSDK.js/FaceTecSDK.js and sets both folders', async () => {
    const adapter = createFaceTecAdapter()
    const { version } = await adapter.load()
    expect(version).toMatch(/^9\./)
    const scripts = [...document.querySelectorAll<HTMLScriptElement>('script[src*="FaceTecSDK.js"]')]
    expect(scripts).toHaveLength(1)
    expect(new URL(scripts[0]?.src ?? '').pathname).toBe(SDK_SCRIPT_URL)
    expect(scripts[0]?.type, 'never type=module').toBe('')
    expect(callNames()).toEqual(['setResourceDirectory', 'setImagesDirectory'])
    expect(window.FaceTecSimulator?.calls.map((call) => call.args[0])).toEqual([
      '/facetec-sdk/core-sdk/FaceTecSDK.js/resources',
      '/facetec-sdk/core-sdk/FaceTec_images'
    ])
  })

  it('loads once, however often it is asked', async () => {
    const adapter = createFaceTecAdapter()
    await Promise.all([adapter.load(), adapter.load()])
    await adapter.load()
    expect(document.querySelectorAll('script[src*="FaceTecSDK.js"]')).toHaveLength(1)
  })

  it('reuses an SDK already on the page instead of running the bundle twice', async () => {
    await createFaceTecAdapter().load()
    await createFaceTecAdapter().load()
    expect(document.querySelectorAll('script[src*="FaceTecSDK.js"]')).toHaveLength(1)
  })

  it('fails clearly when the SDK folder is missing, and can try again later', async () => {
    const adapter = createFaceTecAdapter({ baseUrl: '/no-facetec-folder-here/' })
    const error = await loadError(adapter.load())
    expect(error.code).toBe('script-load-failed')
    expect(error.action).toBe('out-of-service')
    expect(error.messageKey).toBe('facetec.unavailable')
    expect(error.message).toContain('/no-facetec-folder-here/core-sdk/FaceTecSDK.js/FaceTecSDK.js')
    expect(document.querySelectorAll('script[src*="FaceTecSDK.js"]'), 'no dead tag left behind').toHaveLength(0)
    expect((await loadError(adapter.load())).code).toBe('script-load-failed')
  })

  it('fails with global-missing when the script runs but defines no FaceTecSDK', async () => {
    const error = await loadError(createFaceTecAdapter({ baseUrl: '/test/renderer/fixtures/not-facetec/' }).load())
    expect(error.code).toBe('global-missing')
    expect(error.action).toBe('out-of-service')
  })

  it('gives up with script-timeout when the script neither loads nor fails in time', async () => {
    const error = await loadError(createFaceTecAdapter({ timeoutMs: 0 }).load())
    expect(error.code).toBe('script-timeout')
  })

  it('refuses a 10.x (session-request) SDK, detected by initializeWithSessionRequest', async () => {
    stubGlobal({ version: () => '10.1.18', initializeWithSessionRequest: () => undefined })
    const error = await loadError(createFaceTecAdapter().load())
    expect(error).toBeInstanceOf(FaceTecUnsupportedVersionError)
    expect(error.code).toBe('unsupported-version')
    expect((error as FaceTecUnsupportedVersionError).generation).toBe('sessionRequest10')
    expect((error as FaceTecUnsupportedVersionError).version).toBe('10.1.18')
    expect(error.action).toBe('out-of-service')
    expect(error.message).toMatch(/10\.x/)
  })

  it('refuses a 10.x SDK by its version alone, and a "9.x" one that has the 10.x entry point', async () => {
    stubGlobal({ version: () => '10.0.43' })
    expect(((await loadError(createFaceTecAdapter().load())) as FaceTecUnsupportedVersionError).generation).toBe(
      'sessionRequest10'
    )
    stubGlobal({ version: () => '9.7.27', initializeWithSessionRequest: () => undefined })
    expect(((await loadError(createFaceTecAdapter().load())) as FaceTecUnsupportedVersionError).generation).toBe(
      'sessionRequest10'
    )
  })

  it.each([
    ['an 8.x ZoOm version', () => '8.12.1'],
    ['a version that is not a version', () => 'banana'],
    [
      'a version() that throws',
      () => {
        throw new Error('nope')
      }
    ],
    ['a version() that answers a number', () => 9]
  ])('refuses %s as unknown', async (_name, version) => {
    stubGlobal({ version })
    const error = await loadError(createFaceTecAdapter().load())
    expect(error).toBeInstanceOf(FaceTecUnsupportedVersionError)
    expect((error as FaceTecUnsupportedVersionError).generation).toBe('unknown')
  })

  it('refuses a global without version()', async () => {
    stubGlobal({})
    expect(((await loadError(createFaceTecAdapter().load())) as FaceTecUnsupportedVersionError).generation).toBe(
      'unknown'
    )
  })

  it('accepts a 9.x version', async () => {
    const directories: string[] = []
    stubGlobal({
      version: () => '9.6.28',
      setResourceDirectory: (dir: string) => directories.push(dir),
      setImagesDirectory: (dir: string) => directories.push(dir)
    })
    expect(await createFaceTecAdapter().load()).toEqual({ version: '9.6.28' })
    expect(directories).toEqual([
      '/facetec-sdk/core-sdk/FaceTecSDK.js/resources',
      '/facetec-sdk/core-sdk/FaceTec_images'
    ])
  })
})
