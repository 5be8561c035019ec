/**
 * A `KioskApi` for controller tests: every call waits until the test answers it (or a responder set
 * for that call answers at once), and the test pushes main's events. So a test decides the order in
 * which main's answers arrive, which is what the controllers' race guards are about.
 */
import {
  eventContract,
  invokeContract,
  type BridgeErrorCode,
  type BridgeResult,
  type EventName,
  type InputOf,
  type InvokeName,
  type KioskApi,
  type OutputOf,
  type PayloadOf
} from '../../../preload/api'

export const ok = <T>(value: T): BridgeResult<T> => ({ ok: true, value })
export const fail = (code: BridgeErrorCode): BridgeResult<never> => ({
  ok: false,
  error: { code, message: `main answered ${code}` }
})

export interface PendingCall<K extends InvokeName> {
  readonly input: InputOf<K>
  answer(result: BridgeResult<OutputOf<K>>): void
}

type Responder<K extends InvokeName> = (input: InputOf<K>) => BridgeResult<OutputOf<K>>

export interface FakeKioskApi {
  readonly api: KioskApi
  /** The inputs of every call of `name` so far, answered or not, oldest first. */
  inputs<K extends InvokeName>(name: K): Array<InputOf<K>>
  /** The oldest unanswered call of `name`; fails the test if there is none. */
  next<K extends InvokeName>(name: K): PendingCall<K>
  /** Unanswered calls of `name`. */
  pending(name: InvokeName): number
  /** From now on, calls of `name` are answered at once by `responder`. */
  respond<K extends InvokeName>(name: K, responder: Responder<K>): void
  /** From now on, calls of `name` reject, as when the bridge itself fails and no answer comes. */
  breakBridge(name: InvokeName): void
  /** Main pushes an event to every listener the renderer registered. */
  emit<K extends EventName>(name: K, payload: PayloadOf<K>): void
  /** How many listeners for `name` are registered right now. */
  listeners(name: EventName): number
}

export function createFakeKioskApi(): FakeKioskApi {
  const made: Array<{ name: InvokeName; input: unknown }> = []
  const waiting: Array<{ name: InvokeName; input: unknown; resolve: (result: BridgeResult<unknown>) => void }> = []
  const responders = new Map<InvokeName, (input: unknown) => BridgeResult<unknown>>()
  const broken = new Set<InvokeName>()
  const subscribers = new Map<EventName, Set<(payload: unknown) => void>>()
  const api: Record<string, unknown> = {}

  for (const name of Object.keys(invokeContract) as InvokeName[]) {
    api[name] = (input?: unknown) =>
      new Promise<BridgeResult<unknown>>((resolve, reject) => {
        made.push({ name, input })
        if (broken.has(name)) return reject(new Error(`${name}: the bridge is gone`))
        const responder = responders.get(name)
        if (responder) resolve(responder(input))
        else waiting.push({ name, input, resolve })
      })
  }
  for (const name of Object.keys(eventContract) as EventName[]) {
    const set = new Set<(payload: unknown) => void>()
    subscribers.set(name, set)
    api[name] = (listener: (payload: unknown) => void) => {
      // Each subscription is its own entry, as with ipcRenderer.on, even for the same function.
      const entry = (payload: unknown): void => listener(payload)
      set.add(entry)
      return () => void set.delete(entry)
    }
  }

  return {
    api: api as KioskApi,
    inputs: <K extends InvokeName>(name: K) =>
      made.filter((call) => call.name === name).map((call) => call.input as InputOf<K>),
    next<K extends InvokeName>(name: K): PendingCall<K> {
      const index = waiting.findIndex((call) => call.name === name)
      if (index < 0) throw new Error(`no unanswered ${name} call`)
      const [call] = waiting.splice(index, 1)
      return {
        input: call!.input as InputOf<K>,
        answer: (result) => call!.resolve(result)
      }
    },
    pending: (name) => waiting.filter((call) => call.name === name).length,
    respond<K extends InvokeName>(name: K, responder: Responder<K>): void {
      responders.set(name, responder as (input: unknown) => BridgeResult<unknown>)
    },
    breakBridge(name) {
      broken.add(name)
    },
    emit(name, payload) {
      for (const listener of [...(subscribers.get(name) ?? [])]) listener(payload)
    },
    listeners: (name) => subscribers.get(name)?.size ?? 0
  }
}

/** Lets every promise chain that is already under way run to its end (no timers, no wall clock). */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))
