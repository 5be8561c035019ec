/**
 * Fault injection for the sandbox: what an endpoint should do instead of (or after) answering
 * normally, and how often. Used from tests in code and over the control API.
 */
import { z } from 'zod'
import { Endpoint } from './endpoints'

export { createRateLimiter, Endpoint, ENDPOINTS } from './endpoints'

export const Fault = z.discriminatedUnion('kind', [
  /** Answer this status with a Signicat error body (5xx, 4xx; 429 gets a Retry-After). */
  z.strictObject({
    kind: z.literal('status'),
    status: z.number().int().min(400).max(599),
    /** Up to 10^10 s: a hostile server's absurd Retry-After is a fault kiosks must survive. */
    retryAfterSeconds: z.number().int().min(0).max(10_000_000_000).optional()
  }),
  /** Wait this long, then answer normally. */
  z.strictObject({ kind: z.literal('delay'), ms: z.number().int().min(0).max(600_000) }),
  /** Never answer; the connection stays open until the client gives up. */
  z.strictObject({ kind: z.literal('hang') }),
  /** Drop the connection without an answer (ECONNRESET at the client). */
  z.strictObject({ kind: z.literal('reset') }),
  /** Answer 200 with a body that is not valid JSON. */
  z.strictObject({ kind: z.literal('malformed') }),
  /** Answer this status and JSON body instead: a hostile Assure's answer (an id of `..`, say). */
  z.strictObject({ kind: z.literal('json'), status: z.number().int().min(200).max(599), body: z.unknown() }),
  /**
   * Answer 200 with a zip bomb: `compressedKiB` of deflate that unpacks to `unpackedMiB` (an entry of
   * zeros), as the full result. `declaredMiB` is what its headers claim the entry unpacks to.
   */
  z.strictObject({
    kind: z.literal('zip-bomb'),
    unpackedMiB: z.number().int().min(1).max(4096),
    declaredMiB: z.number().int().min(0).max(4096).optional()
  })
])
export type Fault = z.infer<typeof Fault>

export const FaultRule = z.strictObject({
  /** One endpoint, or '*' for all of them (a network outage). */
  endpoint: z.union([Endpoint, z.literal('*')]),
  fault: Fault,
  /**
   * 'before': instead of handling the request (nothing changes on the server).
   * 'after': handle it (state changes), then fail the answer: the ambiguous case clients must survive.
   */
  phase: z.enum(['before', 'after']).default('before'),
  /** How many matching requests it affects; absent = until cleared. */
  times: z.number().int().min(1).max(1_000_000).optional()
})
export type FaultRuleInput = z.input<typeof FaultRule>
export type FaultRule = z.output<typeof FaultRule>

export interface FaultBook {
  add(rule: FaultRuleInput): number
  clear(): void
  /** The rule to apply to this request, consuming one of its `times`. */
  take(endpoint: Endpoint): FaultRule | null
  list(): Array<FaultRule & { id: number; remaining: number | null }>
}

export function createFaultBook(): FaultBook {
  let nextId = 1
  const rules = new Map<number, { rule: FaultRule; remaining: number | null }>()
  return {
    add(input) {
      const rule = FaultRule.parse(input)
      const id = nextId++
      rules.set(id, { rule, remaining: rule.times ?? null })
      return id
    },
    clear() {
      rules.clear()
    },
    take(endpoint) {
      for (const [id, entry] of rules) {
        if (entry.rule.endpoint !== '*' && entry.rule.endpoint !== endpoint) continue
        if (entry.remaining !== null) {
          entry.remaining -= 1
          if (entry.remaining <= 0) rules.delete(id)
        }
        return entry.rule
      }
      return null
    },
    list: () => [...rules].map(([id, { rule, remaining }]) => ({ ...rule, id, remaining }))
  }
}
