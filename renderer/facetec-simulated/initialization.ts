/**
 * initializeInDevelopmentMode / initializeInProductionMode: the status machine of reference §6.2.
 * NeverInitialized -> StillLoadingResources (during the call) -> Initialized or a failure status,
 * with the boolean callback on a later task. The checks mirror what the real SDK is known to check:
 * secure context, resources, device key, production key, public key (as a console error), lockout.
 */
import { FaceTecSDKStatus } from '../src/facetec/sdk-types'
import { core } from './core'
import { INVALID_PUBLIC_KEY_ERROR, isWellFormedPublicKeyPem } from './pem-check'
import { delaysOf, later } from './timing'

/** The one file in resources/ the simulated SDK needs, fetched like the real SDK fetches its .data. */
export const RESOURCE_MANIFEST = 'simulated-resources.json'

type InitCallback = (initializedSuccessfully: boolean) => void

/** The initialization in flight: later calls while it runs get its answer too. */
let attempt: { callbacks: InitCallback[] } | null = null

/** `productionKey` is undefined in development mode. */
export function initialize(
  productionKey: unknown,
  deviceKeyIdentifier: unknown,
  publicEncryptionKey: unknown,
  callback: InitCallback
): void {
  if (typeof callback !== 'function') throw new TypeError('FaceTecSDK: initialize needs a callback function')
  if (core.status === FaceTecSDKStatus.Initialized) {
    void later().then(() => deliver(callback, true))
    return
  }
  if (attempt) {
    attempt.callbacks.push(callback)
    return
  }
  const mine = { callbacks: [callback] }
  attempt = mine
  core.status = FaceTecSDKStatus.StillLoadingResources
  void decide(productionKey, deviceKeyIdentifier, publicEncryptionKey).then(({ status, ok }) => {
    // Deinitialized meanwhile: its callbacks were already answered.
    if (attempt !== mine) return
    attempt = null
    core.status = status
    for (const each of mine.callbacks) deliver(each, ok)
  })
}

function deliver(callback: InitCallback, ok: boolean): void {
  try {
    callback(ok)
  } catch (error) {
    // As if thrown inside the SDK's own task: visible on the page, the SDK carries on.
    reportError(error)
  }
}

async function decide(
  productionKey: unknown,
  deviceKeyIdentifier: unknown,
  publicEncryptionKey: unknown
): Promise<{ status: FaceTecSDKStatus; ok: boolean }> {
  await later(delaysOf(core.script).initMs)
  const scripted = core.nextInitOutcome()
  if (scripted !== null && scripted !== 'success') return { status: scripted, ok: false }
  if (!window.isSecureContext) return fail(FaceTecSDKStatus.GetUserMediaRemoteHTTPNotSupported)
  if (!(await resourcesLoad())) return fail(FaceTecSDKStatus.ResourcesCouldNotBeLoadedOnLastInit)
  if (typeof deviceKeyIdentifier !== 'string' || !/^[A-Za-z0-9]{8,}$/.test(deviceKeyIdentifier))
    return fail(FaceTecSDKStatus.InvalidDeviceKeyIdentifier)
  if (productionKey !== undefined && !isUsableProductionKey(productionKey))
    return fail(FaceTecSDKStatus.KeyExpiredOrInvalid)
  if (!isWellFormedPublicKeyPem(publicEncryptionKey)) {
    // The real SDK names this problem only on the console (reference §2). Which status it leaves
    // behind is unknown; the simulator stays NeverInitialized and answers false.
    // eslint-disable-next-line no-console -- reproducing the real SDK's console-only report
    console.error(INVALID_PUBLIC_KEY_ERROR)
    return fail(FaceTecSDKStatus.NeverInitialized)
  }
  if (core.isLockedOut()) return fail(FaceTecSDKStatus.DeviceLockedOut)
  return { status: FaceTecSDKStatus.Initialized, ok: true }
}

const fail = (status: FaceTecSDKStatus): { status: FaceTecSDKStatus; ok: boolean } => ({ status, ok: false })

async function resourcesLoad(): Promise<boolean> {
  try {
    const response = await fetch(
      new URL(`${core.resourceDirectory.replace(/\/$/, '')}/${RESOURCE_MANIFEST}`, document.baseURI),
      { credentials: 'same-origin' }
    )
    if (!response.ok) return false
    const manifest = (await response.json()) as { simulatedFaceTecResources?: unknown }
    return manifest.simulatedFaceTecResources === true
  } catch {
    return false
  }
}

/**
 * The object browser integrations pass ({ domains, expiryDate, key }). Which domain string the real
 * SDK matches is unknown (reference §5.1), so the simulator checks shape and expiry only.
 */
function isUsableProductionKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const { domains, expiryDate, key } = value as Record<string, unknown>
  if (
    typeof domains !== 'string' ||
    typeof expiryDate !== 'string' ||
    typeof key !== 'string' ||
    domains === '' ||
    key === ''
  )
    return false
  const expiry = Date.parse(expiryDate)
  return Number.isFinite(expiry) && expiry >= Date.now() - 24 * 60 * 60_000
}

/** deinitialize: an initialization still in flight answers false, and its result is dropped. */
export function dropPendingInitialization(): void {
  const dropped = attempt
  attempt = null
  for (const each of dropped?.callbacks ?? []) void later().then(() => deliver(each, false))
}
