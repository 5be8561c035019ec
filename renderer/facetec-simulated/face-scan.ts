/**
 * A stand-in for FaceTec's encrypted FaceScan: a small readable header (so a sandbox server can
 * recognise a simulated scan and its session) followed by random bytes, because a real FaceScan is
 * encrypted and incompressible, ~350 kB (reference §4). Uploads therefore weigh what real ones do.
 */
import { bytesToBase64 } from './base64'
import { SIMULATED_SDK_VERSION } from './version'

export const FACE_SCAN_MAGIC = 'FaceTecSimulatedFaceScan/1'
export const DEFAULT_FACE_SCAN_BYTES = 300_000
const RANDOM_CHUNK = 65_536 // getRandomValues' per-call limit

export function simulatedFaceScan(sessionId: string, scan: number, size = DEFAULT_FACE_SCAN_BYTES): string {
  const header = new TextEncoder().encode(
    `${FACE_SCAN_MAGIC}\n${JSON.stringify({ sdk: SIMULATED_SDK_VERSION, sessionId, scan })}\n`
  )
  const bytes = new Uint8Array(Math.max(size, header.length))
  bytes.set(header)
  for (let offset = header.length; offset < bytes.length; offset += RANDOM_CHUNK) {
    crypto.getRandomValues(bytes.subarray(offset, Math.min(bytes.length, offset + RANDOM_CHUNK)))
  }
  return bytesToBase64(bytes)
}
