/**
 * The bridge contract: every IPC channel between the renderer and main, the runtime schema of every
 * argument, result and pushed event, and the `KioskApi` type that `window.kiosk` implements.
 *
 * All three processes read this file: main validates every call against it, the preload builds
 * `window.kiosk` from it, and the renderer imports its types only. It must import nothing but zod.
 *
 * Adding a capability = an entry in `invokeContract` (or `eventContract`), a handler in main's
 * composition (the compiler demands it), and a test. The preload needs no change.
 */
import { z } from 'zod'

/** Every channel starts with this prefix, so a stray channel in a log is easy to place. */
export const CHANNEL_PREFIX = 'kiosk:'

// ---------------------------------------------------------------------------------------------------
// Shared value schemas

export const AppMode = z.enum(['demo', 'live'])
export type AppMode = z.infer<typeof AppMode>

/** What the kiosk knows about its path to Assure. `unknown` until the first probe has answered. */
export const Connectivity = z.enum(['unknown', 'online', 'degraded', 'offline'])
export type Connectivity = z.infer<typeof Connectivity>

export const AppStatus = z.strictObject({
  mode: AppMode,
  version: z.string().max(64),
  kioskId: z.string().max(128),
  connectivity: Connectivity,
  /** ISO-8601 time of the last connectivity change, or null before the first probe. */
  connectivitySince: z.iso.datetime().nullable()
})
export type AppStatus = z.infer<typeof AppStatus>

// ---------------------------------------------------------------------------------------------------
// Results and errors

/**
 * Why a call failed, in terms the UI can act on. Thrown errors do not survive contextBridge with their
 * fields intact, so every call answers a `BridgeResult` instead of throwing.
 */
export const BridgeErrorCode = z.enum([
  /** The caller is not the app's own top-level frame on the app's own origin. */
  'forbidden-sender',
  /** The arguments did not match the contract (wrong type, too large, unknown field, ...). */
  'invalid-input',
  /** The service cannot answer now (network down, not configured); the UI may retry later. */
  'unavailable',
  'not-found',
  /** The request conflicts with the current state (e.g. a capture for a job that is already done). */
  'conflict',
  /** Anything else. The message is generic; details stay in main's log. */
  'internal'
])
export type BridgeErrorCode = z.infer<typeof BridgeErrorCode>

export const BridgeError = z.strictObject({
  code: BridgeErrorCode,
  message: z.string().max(2000),
  /** For `invalid-input`: the offending paths, never the offending values. */
  issues: z.array(z.string().max(500)).max(50).optional()
})
export type BridgeError = z.infer<typeof BridgeError>

export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: BridgeError }

// ---------------------------------------------------------------------------------------------------
// Calls (renderer -> main, answered)

interface InvokeSpec {
  readonly channel: `kiosk:${string}`
  /** Schema of the single argument; `z.undefined()` for calls without one. */
  readonly input: z.ZodType
  readonly output: z.ZodType
}

const NoInput = z.undefined()

export const invokeContract = {
  getStatus: { channel: 'kiosk:status:get', input: NoInput, output: AppStatus }
} as const satisfies Record<string, InvokeSpec>

// ---------------------------------------------------------------------------------------------------
// Events (main -> renderer, pushed)

interface EventSpec {
  readonly channel: `kiosk:${string}`
  readonly payload: z.ZodType
}

export const eventContract = {
  onStatusChanged: { channel: 'kiosk:event:status', payload: AppStatus }
} as const satisfies Record<string, EventSpec>

// ---------------------------------------------------------------------------------------------------
// Types derived from the tables

export type InvokeContract = typeof invokeContract
export type EventContract = typeof eventContract
export type InvokeName = keyof InvokeContract
export type EventName = keyof EventContract

/** What a call receives in the renderer (before parsing) and what main's handler gets (after). */
export type InputOf<K extends InvokeName> = z.input<InvokeContract[K]['input']>
export type ParsedInputOf<K extends InvokeName> = z.output<InvokeContract[K]['input']>
/** What main's handler may return, and what the renderer receives after main's outbound parse. */
export type OutputOf<K extends InvokeName> = z.output<InvokeContract[K]['output']>
export type HandlerOutputOf<K extends InvokeName> = z.input<InvokeContract[K]['output']>
export type PayloadOf<K extends EventName> = z.output<EventContract[K]['payload']>

export type Unsubscribe = () => void

export type KioskApi = {
  readonly [K in InvokeName]: undefined extends InputOf<K>
    ? () => Promise<BridgeResult<OutputOf<K>>>
    : (input: InputOf<K>) => Promise<BridgeResult<OutputOf<K>>>
} & {
  readonly [K in EventName]: (listener: (payload: PayloadOf<K>) => void) => Unsubscribe
}

/** The name under which the preload exposes the API: `window.kiosk`. */
export const KIOSK_API_KEY = 'kiosk'
