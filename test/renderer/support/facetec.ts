/** Helpers for the FaceTec tests: the simulated SDK's globals, keys, and pixel comparison. */
import { expect } from 'vitest'
export { meanDifference } from '../../support/mean-difference'
import type { FaceTecSimulatorControl } from '../../../renderer/facetec-simulated/control-types'
import type { FaceTecKeys } from '../../../renderer/src/facetec'
import type { FaceTecSDKGlobal } from '../../../renderer/src/facetec/sdk-types'

/** Where main serves the SDK folder; the renderer test server serves the simulated SDK there too. */
export const SDK_SCRIPT_URL = '/facetec-sdk/core-sdk/FaceTecSDK.js/FaceTecSDK.js'

/** A real RSA-2048 public key (no private half exists anywhere), as FaceTec's Config.js writes it. */
export const PUBLIC_KEY_PEM = [
  '-----BEGIN PUBLIC KEY-----',
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAqp/sR2qWm3LLs/6zMOoS',
  'QxaDA+IvTQ+iYdmP1Ia5/9Bg/z5t3j6ur5DJqo7K+nRMLLnUPW3PzFm/9FnzRkx9',
  'D1uyXZyWSlCiz7B0YOAdg1LbY9/Sgy5YJc9h+rjRe/mLVnrcxKd/CS0Ghzz7/z9V',
  'S8CzVjrZhsa4VHulz1mEyZ9eoKXYcX3ejmBodBI0cC19nmono4lc1BdWuGKj5wgY',
  't6WvsL1CgaLFvCjSh5d6l/m2t3X9QbBFV8myUohi3HghtUXVRyBs6hSy0dY27Rzp',
  'lPNGx2mnS5P0ifi558T+Az5GOP1/rGJq/UgA/qGHh+xFxD2WQ3bKRDTF1ZSqel69',
  'XQIDAQAB',
  '-----END PUBLIC KEY-----'
].join('\n')

export const DEVICE_KEY = 'dKioskSimulatedDeviceKey0123456789'

export const DEV_KEYS: FaceTecKeys = {
  deviceKeyIdentifier: DEVICE_KEY,
  publicFaceScanEncryptionKey: PUBLIC_KEY_PEM,
  productionKeyText: null
}

/** Injects the SDK script the way FaceTec's own sample page does, for tests of the SDK itself. */
export async function loadSdkScript(): Promise<FaceTecSDKGlobal> {
  if (!window.FaceTecSDK) {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script')
      script.src = SDK_SCRIPT_URL
      script.onload = () => resolve()
      script.onerror = () => reject(new Error(`could not load ${SDK_SCRIPT_URL}`))
      document.head.append(script)
    })
  }
  return sdk()
}

export function sdk(): FaceTecSDKGlobal {
  const global = window.FaceTecSDK
  if (!global) throw new Error('window.FaceTecSDK is not loaded')
  return global
}

export function simulator(): FaceTecSimulatorControl {
  const control = window.FaceTecSimulator
  if (!control) throw new Error('window.FaceTecSimulator is not loaded')
  return control
}

/** Forgets every SDK script and global, as on a fresh page. */
export function unloadSdk(): void {
  window.FaceTecSimulator?.reset()
  delete window.FaceTecSDK
  delete window.FaceTecSimulator
  for (const script of document.querySelectorAll('script[src*="FaceTecSDK.js"]')) script.remove()
}

/** The names of calls the simulated SDK recorded, in order. */
export function callNames(): string[] {
  return simulator().calls.map((call) => call.name)
}

/** Every test ends with an SDK whose rules were all kept. */
export function expectNoViolations(): void {
  expect(simulator().violations).toEqual([])
}

/** The simulated UI's element, if it is on screen. */
export function simulatedUi(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-facetec-simulated]')
}

// --- pixels ----------------------------------------------------------------------------------------

export const THUMB_WIDTH = 32
export const THUMB_HEIGHT = 24

function thumbnailOf(source: CanvasImageSource): number[] {
  const canvas = new OffscreenCanvas(THUMB_WIDTH, THUMB_HEIGHT)
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no 2d context')
  context.drawImage(source, 0, 0, THUMB_WIDTH, THUMB_HEIGHT)
  return Array.from(context.getImageData(0, 0, THUMB_WIDTH, THUMB_HEIGHT).data)
}

/** Decodes base64 JPEG (no data: prefix) with the browser's decoder; throws if it is not an image. */
export async function decodeJpeg(base64: string): Promise<ImageBitmap> {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))
  return createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }))
}

export async function thumbnailOfJpeg(base64: string): Promise<number[]> {
  return thumbnailOf(await decodeJpeg(base64))
}

/** A frame straight from getUserMedia (the fake webcam), unmirrored, as a thumbnail. */
export async function thumbnailOfWebcam(): Promise<number[]> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false })
  try {
    const video = document.createElement('video')
    video.muted = true
    video.srcObject = stream
    await video.play()
    await new Promise<void>((resolve) => video.requestVideoFrameCallback(() => resolve()))
    return thumbnailOf(video)
  } finally {
    for (const track of stream.getTracks()) track.stop()
  }
}

/** Standard deviation of the colour channels: ~0 for a blank (single-colour) picture. */
export function spread(pixels: number[]): number {
  const values = pixels.filter((_, i) => i % 4 !== 3)
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length)
}

/** Resolves once `predicate` holds, checking every few milliseconds (bounded by the test timeout). */
export async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 10))
}
