/**
 * The main-side IPC router. For every call, in this order:
 *   1. the sender must be the app's own top-level frame on the app's origin;
 *   2. the input must pass a structural guard (no prototype keys, bounded depth and size) and then the
 *      contract's schema (strict: unknown fields are refused, strings and arrays have size limits);
 *   3. only then is the service called; its answer is parsed with the contract's output schema, so a
 *      field the contract does not list (a token, a credential) can never reach the renderer.
 * Every outcome is a `BridgeResult`; nothing is thrown across the bridge.
 */
import type { z } from 'zod'
import {
  invokeContract,
  type BridgeError,
  type BridgeResult,
  type HandlerOutputOf,
  type InvokeName,
  type ParsedInputOf
} from '../../preload/api'
import type { Logger } from '../log/logger'
import { isTrustedSender, type AppOrigin, type SenderFrame } from './sender-policy'
import { ServiceError } from './service-error'

/** The parts of Electron's `IpcMainInvokeEvent` the router reads. */
export interface IpcCallEvent {
  readonly senderFrame: SenderFrame | null
}

export type IpcHandlers = {
  readonly [K in InvokeName]: undefined extends ParsedInputOf<K>
    ? (input?: ParsedInputOf<K>) => Promise<HandlerOutputOf<K>> | HandlerOutputOf<K>
    : (input: ParsedInputOf<K>) => Promise<HandlerOutputOf<K>> | HandlerOutputOf<K>
}

export interface IpcRouter {
  readonly channels: readonly string[]
  dispatch(channel: string, event: IpcCallEvent, args: readonly unknown[]): Promise<BridgeResult<unknown>>
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])
const MAX_DEPTH = 12
const MAX_NODES = 20_000

/**
 * What a call's argument may be built of: plain objects and arrays (and binary data). Anything else
 * that survives structured cloning (a Date, a Map, a RegExp, an Error) would reach a schema as an
 * object with no fields: a Date would parse as `{}`.
 */
function isPlainContainer(node: object): boolean {
  const proto: unknown = Object.getPrototypeOf(node)
  return proto === Object.prototype || proto === null || (Array.isArray(node) && proto === Array.prototype)
}

/** Returns why `value` is unsafe to hand to a schema, or null. Never echoes the value itself. */
export function findStructuralProblem(value: unknown): string | null {
  let nodes = 0
  const walk = (node: unknown, path: string, depth: number): string | null => {
    if (node === null || typeof node !== 'object') return null
    if (ArrayBuffer.isView(node) || node instanceof ArrayBuffer) return null
    if (!isPlainContainer(node)) return `${path || '(input)'} is not a plain object or array`
    if (depth > MAX_DEPTH) return `${path || '(input)'} is nested too deeply`
    // Bounded before it is walked: listing the keys of a 5-million-item array alone stalls main.
    if (Array.isArray(node) && node.length > MAX_NODES - nodes) return 'input has too many fields'
    for (const key of Reflect.ownKeys(node)) {
      if (++nodes > MAX_NODES) return 'input has too many fields'
      if (typeof key === 'symbol') return `${path || '(input)'} has a symbol key`
      if (UNSAFE_KEYS.has(key)) return `${path ? `${path}.` : ''}${key} is not an allowed key`
      const problem = walk((node as Record<string, unknown>)[key], path ? `${path}.${key}` : key, depth + 1)
      if (problem) return problem
    }
    return null
  }
  return walk(value, '', 0)
}

function issuePaths(error: z.ZodError): string[] {
  return error.issues.slice(0, 50).map((issue) => {
    const where = issue.path.length ? issue.path.map(String).join('.') : '(input)'
    return `${where}: ${issue.message}`.slice(0, 500)
  })
}

function fail(error: BridgeError): BridgeResult<never> {
  return { ok: false, error }
}

/** The shape of a contract entry, as the router reads it. */
export interface RouteSpec {
  readonly channel: string
  readonly input: z.ZodType
  readonly output: z.ZodType
}

/** The router for the app's contract; the compiler checks there is a handler for every call. */
export function createIpcRouter(options: { handlers: IpcHandlers; origin: AppOrigin; log: Logger }): IpcRouter {
  return createRouterFor(invokeContract, options.handlers as unknown as Record<string, RouteHandler>, options)
}

type RouteHandler = (input: unknown) => unknown

/** The same router over any contract table (tests use a table with inputs of every kind). */
export function createRouterFor(
  contract: Readonly<Record<string, RouteSpec>>,
  handlers: Readonly<Record<string, RouteHandler>>,
  options: { origin: AppOrigin; log: Logger }
): IpcRouter {
  const { origin } = options
  const log = options.log.child('ipc')
  const byChannel = new Map<string, string>()
  for (const [name, spec] of Object.entries(contract)) {
    if (typeof handlers[name] !== 'function') throw new Error(`No IPC handler for ${name}`)
    if (byChannel.has(spec.channel)) throw new Error(`Channel ${spec.channel} is used twice`)
    byChannel.set(spec.channel, name)
  }
  for (const name of Object.keys(handlers)) {
    if (!Object.hasOwn(contract, name)) throw new Error(`IPC handler ${name} is not in the contract`)
  }

  async function dispatch(
    channel: string,
    event: IpcCallEvent,
    args: readonly unknown[]
  ): Promise<BridgeResult<unknown>> {
    const name = byChannel.get(channel)
    if (!name) return fail({ code: 'invalid-input', message: 'Unknown channel.' })

    if (!isTrustedSender(event.senderFrame, origin)) {
      log.warn('refused a call from an untrusted sender', {
        channel,
        subFrame: event.senderFrame ? event.senderFrame.parent !== null : null,
        senderOrigin: safeOrigin(event.senderFrame?.url)
      })
      return fail({ code: 'forbidden-sender', message: 'This caller may not use the kiosk API.' })
    }

    if (args.length > 1) {
      return fail({
        code: 'invalid-input',
        message: `${name} takes at most one argument.`,
        issues: ['(input): too many arguments']
      })
    }
    const input = args[0]
    const problem = findStructuralProblem(input)
    if (problem) {
      log.warn('refused a structurally unsafe input', { channel, problem })
      return fail({ code: 'invalid-input', message: `Invalid input for ${name}.`, issues: [problem] })
    }
    const spec = contract[name] as RouteSpec
    const parsed = spec.input.safeParse(input)
    if (!parsed.success) {
      const issues = issuePaths(parsed.error)
      log.warn('refused an input that does not match the contract', { channel, issues })
      return fail({ code: 'invalid-input', message: `Invalid input for ${name}.`, issues })
    }

    let output: unknown
    try {
      const handler = handlers[name] as RouteHandler
      output = await handler(parsed.data)
    } catch (error) {
      if (error instanceof ServiceError) return fail({ code: error.code, message: error.message })
      log.error('handler failed', { channel, error })
      return fail({ code: 'internal', message: 'Something went wrong inside the kiosk.' })
    }

    const checked = spec.output.safeParse(output)
    if (!checked.success) {
      log.error('handler answered outside the contract', { channel, issues: issuePaths(checked.error) })
      return fail({ code: 'internal', message: 'Something went wrong inside the kiosk.' })
    }
    return { ok: true, value: checked.data }
  }

  return { channels: [...byChannel.keys()], dispatch }
}

function safeOrigin(url: string | undefined): string | null {
  if (!url) return null
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.host}`
  } catch {
    return 'unparseable'
  }
}

/** The parts of Electron's `ipcMain` that registration needs. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcCallEvent, ...args: unknown[]) => Promise<unknown>): void
  removeHandler(channel: string): void
}

/** Registers one handler per contract channel. Returns a function that removes them again. */
export function registerIpcRouter(ipcMain: IpcMainLike, router: IpcRouter): () => void {
  for (const channel of router.channels) {
    ipcMain.handle(channel, (event, ...args) => router.dispatch(channel, event, args))
  }
  return () => {
    for (const channel of router.channels) ipcMain.removeHandler(channel)
  }
}
