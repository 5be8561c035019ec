/**
 * The sandbox's endpoints by name (counted per request, and what faults are aimed at) and its rate
 * limit: the part of the sandbox the demo app needs. Fault injection (./faults.ts, ./fault-control.ts)
 * builds on these but stays out of the app's bundle.
 */
import { z } from 'zod'

export const ENDPOINTS = [
  'probe',
  'token',
  'createDossier',
  'listDossiers',
  'getDossier',
  'deleteDossier',
  'createProcess',
  'getProcess',
  'deleteProcess',
  'getImage',
  'setImages',
  'startVerification',
  'download'
] as const
export const Endpoint = z.enum(ENDPOINTS)
export type Endpoint = z.infer<typeof Endpoint>

/**
 * Counts requests per second across the whole API (one window for every endpoint, not one per
 * endpoint: Assure's real limits are unknown) and says when one is over the limit.
 */
export function createRateLimiter(now: () => number): {
  admit(limitPerSecond: number | null): boolean
  forget(): void
} {
  const recent: number[] = []
  return {
    forget() {
      recent.length = 0
    },
    admit(limit) {
      if (limit === null) return true
      const t = now()
      while (recent.length > 0 && (recent[0] as number) <= t - 1000) recent.shift()
      if (recent.length >= limit) return false
      recent.push(t)
      return true
    }
  }
}
