/**
 * The router is the only way into main from the renderer. These tests are written as an attacker
 * would probe it: wrong senders, wrong shapes, prototype keys, oversized values. In every refusal
 * the service must not have been called.
 */
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { invokeContract, type AppStatus, type InvokeName } from '../../../preload/api'
import {
  createIpcRouter,
  createRouterFor,
  findStructuralProblem,
  registerIpcRouter,
  type IpcCallEvent,
  type IpcHandlers
} from '../../../main/ipc/router'
import { ServiceError } from '../../../main/ipc/service-error'
import type { AppOrigin } from '../../../main/ipc/sender-policy'
import { createLogger } from '../../../main/log/logger'
import { memorySink } from '../../support/log'

const origin: AppOrigin = { protocol: 'assure-kiosk:', host: 'app' }
const topFrame = (url = 'assure-kiosk://app/index.html'): IpcCallEvent => ({ senderFrame: { url, parent: null } })

/** Every handler the contract needs; the ones a test does not care about fail loudly if called. */
function handlersWith(overrides: Partial<IpcHandlers>): IpcHandlers {
  const unused = (name: string) => () => {
    throw new Error(`${name} was not expected to be called`)
  }
  const all = Object.fromEntries(
    Object.keys(invokeContract).map((name) => [name, unused(name)])
  ) as unknown as IpcHandlers
  return { ...all, ...overrides }
}

const status: AppStatus = {
  mode: 'demo',
  version: '1.2.3',
  kioskId: 'kiosk-7',
  connectivity: 'online',
  connectivitySince: '2026-11-26T09:00:00.000Z',
  setupProblem: null
}

/** A contract with inputs of every kind, to exercise the router's parsing independent of today's calls. */
const testContract = {
  echo: {
    channel: 'kiosk:test:echo',
    input: z.strictObject({
      name: z.string().max(8),
      count: z.number().int().min(0).max(10),
      nested: z.strictObject({ flag: z.boolean() }).optional(),
      tags: z.array(z.string().max(4)).max(3).optional()
    }),
    output: z.strictObject({ name: z.string() })
  },
  ping: { channel: 'kiosk:test:ping', input: z.undefined(), output: z.literal('pong') }
}

function makeRouter() {
  const sink = memorySink()
  const echo = vi.fn(async (input: unknown) => ({ name: (input as { name: string }).name }))
  const ping = vi.fn(() => 'pong')
  const router = createRouterFor(testContract, { echo, ping }, { origin, log: createLogger({ sink, level: 'debug' }) })
  return { router, echo, ping, sink }
}

describe('registration', () => {
  it('registers exactly one handler for every channel of the contract', () => {
    const handle = vi.fn()
    const removeHandler = vi.fn()
    const router = createIpcRouter({
      handlers: handlersWith({ getStatus: () => status }),
      origin,
      log: createLogger({ sink: () => {} })
    })
    const unregister = registerIpcRouter({ handle, removeHandler }, router)

    const registered = handle.mock.calls.map(([channel]) => channel as string)
    expect(registered.sort()).toEqual(
      Object.values(invokeContract)
        .map((spec) => spec.channel)
        .sort()
    )
    expect(new Set(registered).size).toBe(registered.length)

    unregister()
    expect(removeHandler.mock.calls.map(([channel]) => channel as string).sort()).toEqual(registered)
  })

  it('refuses to build a router with a handler missing, or with one the contract does not list', () => {
    const options = { origin, log: createLogger({ sink: () => {} }) }
    expect(() => createRouterFor(testContract, { echo: vi.fn() }, options)).toThrow(/No IPC handler for ping/)
    expect(() => createRouterFor(testContract, { echo: vi.fn(), ping: vi.fn(), extra: vi.fn() }, options)).toThrow(
      /not in the contract/
    )
  })

  it('passes the real IPC event and all arguments through to the router', async () => {
    const handle = vi.fn()
    const router = createIpcRouter({
      handlers: handlersWith({ getStatus: () => status }),
      origin,
      log: createLogger({ sink: () => {} })
    })
    registerIpcRouter({ handle, removeHandler: vi.fn() }, router)
    const listener = handle.mock.calls[0]?.[1] as (event: IpcCallEvent, ...args: unknown[]) => Promise<unknown>
    await expect(listener(topFrame())).resolves.toEqual({ ok: true, value: status })
    await expect(listener(topFrame(), 'extra')).resolves.toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })
})

describe('a well-formed call from the app', () => {
  it('reaches the service with the parsed input and answers its result', async () => {
    const { router, echo } = makeRouter()
    const result = await router.dispatch('kiosk:test:echo', topFrame(), [{ name: 'Ada', count: 3, tags: ['a'] }])
    expect(result).toEqual({ ok: true, value: { name: 'Ada' } })
    expect(echo).toHaveBeenCalledWith({ name: 'Ada', count: 3, tags: ['a'] })
  })

  it('answers getStatus from the status service', async () => {
    const router = createIpcRouter({
      handlers: handlersWith({ getStatus: () => status }),
      origin,
      log: createLogger({ sink: () => {} })
    })
    await expect(router.dispatch(invokeContract.getStatus.channel, topFrame(), [])).resolves.toEqual({
      ok: true,
      value: status
    })
  })
})

describe('senders that are refused', () => {
  const hostileSenders: Array<[string, IpcCallEvent]> = [
    ['a sub-frame on the app origin', { senderFrame: { url: 'assure-kiosk://app/index.html', parent: {} } }],
    ['a frame that is already gone', { senderFrame: null }],
    ['another https origin', topFrame('https://evil.example/')],
    ['the app host under another scheme', topFrame('https://app/index.html')],
    ['another host under the app scheme', topFrame('assure-kiosk://evil/index.html')],
    ['a look-alike host', topFrame('assure-kiosk://app.evil/index.html')],
    ['credentials smuggled into the URL', topFrame('assure-kiosk://app@evil/index.html')],
    ['a file:// page', topFrame('file:///C:/kiosk/index.html')],
    ['about:blank', topFrame('about:blank')],
    ['a data: URL', topFrame('data:text/html,<script>1</script>')],
    ['an unparseable URL', topFrame('not a url')],
    ['an empty URL', topFrame('')]
  ]

  it.each(hostileSenders)('refuses %s without calling the service', async (_label, event) => {
    const { router, echo, sink } = makeRouter()
    const result = await router.dispatch('kiosk:test:echo', event, [{ name: 'Ada', count: 1 }])
    expect(result).toEqual({ ok: false, error: { code: 'forbidden-sender', message: expect.any(String) } })
    expect(echo).not.toHaveBeenCalled()
    expect(sink.records.some((record) => record.level === 'warn' && record.message.includes('untrusted sender'))).toBe(
      true
    )
  })

  it('accepts a loopback origin when that is the configured app origin (the end-to-end harness)', async () => {
    const router = createRouterFor(
      testContract,
      { echo: async () => ({ name: 'x' }), ping: () => 'pong' },
      {
        origin: { protocol: 'http:', host: '127.0.0.1:4173' },
        log: createLogger({ sink: () => {} })
      }
    )
    await expect(router.dispatch('kiosk:test:ping', topFrame('http://127.0.0.1:4173/'), [])).resolves.toEqual({
      ok: true,
      value: 'pong'
    })
    await expect(router.dispatch('kiosk:test:ping', topFrame('http://127.0.0.1:4174/'), [])).resolves.toMatchObject({
      ok: false
    })
  })
})

describe('inputs that are refused', () => {
  const protoPayload = JSON.parse('{"name":"Ada","count":1,"__proto__":{"admin":true}}') as unknown
  const nestedProto = JSON.parse('{"name":"Ada","count":1,"nested":{"flag":true,"__proto__":{"x":1}}}') as unknown
  const hostileInputs: Array<[string, unknown[]]> = [
    ['no argument', []],
    ['a string instead of an object', ['Ada']],
    ['null', [null]],
    ['an array', [[{ name: 'Ada', count: 1 }]]],
    ['a number where a string belongs', [{ name: 42, count: 1 }]],
    ['a string where a number belongs', [{ name: 'Ada', count: '1' }]],
    ['a fractional count', [{ name: 'Ada', count: 1.5 }]],
    ['a count out of range', [{ name: 'Ada', count: 11 }]],
    ['an oversized string', [{ name: 'A'.repeat(9), count: 1 }]],
    ['a megabyte string', [{ name: 'A'.repeat(1_000_000), count: 1 }]],
    ['too many array items', [{ name: 'Ada', count: 1, tags: ['a', 'b', 'c', 'd'] }]],
    ['an oversized array item', [{ name: 'Ada', count: 1, tags: ['abcde'] }]],
    ['an extra field', [{ name: 'Ada', count: 1, admin: true }]],
    ['an extra nested field', [{ name: 'Ada', count: 1, nested: { flag: true, more: 1 } }]],
    ['a __proto__ key', [protoPayload]],
    ['a nested __proto__ key', [nestedProto]],
    ['a constructor key', [{ name: 'Ada', count: 1, constructor: { prototype: {} } }]],
    ['a prototype key', [{ name: 'Ada', count: 1, prototype: {} }]],
    ['a symbol key', [{ name: 'Ada', count: 1, [Symbol('x')]: 1 }]],
    ['a Date where the object belongs', [Object.assign(new Date(), { name: 'Ada', count: 1 })]],
    ['a Map where the object belongs', [new Map([['name', 'Ada']])]],
    [
      'deep nesting',
      [{ name: 'Ada', count: 1, nested: JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`) as unknown }]
    ],
    [
      'two arguments',
      [
        { name: 'Ada', count: 1 },
        { name: 'Eve', count: 2 }
      ]
    ]
  ]

  it.each(hostileInputs)('refuses %s with invalid-input, and the service is never called', async (_label, args) => {
    const { router, echo } = makeRouter()
    const result = await router.dispatch('kiosk:test:echo', topFrame(), args)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(echo).not.toHaveBeenCalled()
  })

  it('names the offending field but never echoes its value', async () => {
    const { router } = makeRouter()
    const secret = 'S3CRET-VALUE'
    const result = await router.dispatch('kiosk:test:echo', topFrame(), [{ name: secret, count: 1 }])
    if (result.ok) throw new Error('expected a refusal')
    expect(result.error.issues?.join(' ')).toMatch(/^name:/)
    expect(JSON.stringify(result)).not.toContain(secret)
  })

  it('refuses an argument on a call that takes none', async () => {
    const { router, ping } = makeRouter()
    await expect(router.dispatch('kiosk:test:ping', topFrame(), [{}])).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-input' }
    })
    expect(ping).not.toHaveBeenCalled()
  })

  it('refuses a channel outside the contract', async () => {
    const { router } = makeRouter()
    await expect(router.dispatch('kiosk:test:nope', topFrame(), [])).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-input' }
    })
  })

  it('calls the service for exactly the inputs the schema accepts, whatever arrives (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.anything({
          withObjectString: true,
          withNullPrototype: true,
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withTypedArray: true
        }),
        async (value) => {
          const { router, echo } = makeRouter()
          const result = await router.dispatch('kiosk:test:echo', topFrame(), [value])
          const acceptable = findStructuralProblem(value) === null && testContract.echo.input.safeParse(value).success
          expect(result.ok).toBe(acceptable)
          expect(echo).toHaveBeenCalledTimes(acceptable ? 1 : 0)
        }
      ),
      { numRuns: 300 }
    )
  })
})

describe('what the service answers', () => {
  it('passes a ServiceError’s code and message to the renderer', async () => {
    const router = createRouterFor(
      testContract,
      {
        echo: () => {
          throw new ServiceError('unavailable', 'Assure cannot be reached right now.')
        },
        ping: () => 'pong'
      },
      { origin, log: createLogger({ sink: () => {} }) }
    )
    await expect(router.dispatch('kiosk:test:echo', topFrame(), [{ name: 'a', count: 1 }])).resolves.toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'Assure cannot be reached right now.' }
    })
  })

  it('hides an unexpected error behind a generic message and logs it', async () => {
    const sink = memorySink()
    const router = createRouterFor(
      testContract,
      {
        echo: () => {
          throw new Error('ECONNRESET while calling https://api.signicat.com with Bearer abc.def.ghi')
        },
        ping: () => 'pong'
      },
      { origin, log: createLogger({ sink }) }
    )
    const result = await router.dispatch('kiosk:test:echo', topFrame(), [{ name: 'a', count: 1 }])
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: expect.not.stringContaining('ECONNRESET') }
    })
    expect(sink.records.find((record) => record.level === 'error')?.fields).toMatchObject({
      channel: 'kiosk:test:echo'
    })
    expect(JSON.stringify(sink.records)).not.toContain('abc.def.ghi')
  })

  it('never lets a field outside the contract reach the renderer', async () => {
    const router = createIpcRouter({
      handlers: handlersWith({ getStatus: () => ({ ...status, accessToken: 'eyJhbGciOi.leak.me' }) as AppStatus }),
      origin,
      log: createLogger({ sink: () => {} })
    })
    const result = await router.dispatch(invokeContract.getStatus.channel, topFrame(), [])
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(JSON.stringify(result)).not.toContain('leak')
  })
})

describe('every channel of the real contract', () => {
  const jobId = '3f6c2b1e-8d4a-4c1f-9b7e-2a5d6c8e9f01'
  /** One well-formed input per call. A Record over the contract: a new call does not compile without one. */
  const wellFormed: Record<InvokeName, unknown> = {
    getStatus: undefined,
    getJourneySettings: undefined,
    prepareVerification: {
      reference: { kind: 'linked-process', dossierId: jobId, processId: jobId, imageType: 'portrait' }
    },
    submitCapture: {
      jobId,
      faceScan: 'QUFBQQ==',
      auditTrailImage: '/9j/4AAQ',
      lowQualityAuditTrailImage: '/9j/4AAQ',
      userAgent: 'facetec-ua',
      sessionId: 's-1'
    },
    cancelVerification: { jobId },
    getJob: { jobId },
    unlockStaff: { pin: '482916' },
    lockStaff: undefined,
    getStaffOverview: undefined,
    updateStaffSettings: { maxLivenessAttempts: 4, defaultLanguage: 'nb' },
    setCredentials: { clientId: 'prod-round-apple-9', clientSecret: 'secret' },
    runDiagnostics: undefined,
    listJobs: { reference: '3f6c2b1e' },
    retryJob: { jobId },
    discardJob: { jobId },
    exportResult: { jobId },
    listAuditLog: undefined,
    exportAuditLog: undefined,
    chooseReferencePhoto: undefined,
    clearReferencePhoto: undefined,
    confirmReferencePhoto: undefined,
    setKioskClosed: { closed: true },
    acknowledgeSentToStaff: undefined,
    getDeskState: undefined,
    reportSentToStaff: { reason: 'retry-limit' },
    reportFaceTecOutcome: {
      phase: 'initialization',
      ok: false,
      status: { code: 2, name: 'NetworkIssues' },
      reason: 'sdk-status',
      action: 'retry',
      mode: 'development',
      sdkVersion: '9.7.27',
      scans: 0,
      errorCodes: ['980897']
    },
    getFaceTecOutcome: undefined,
    reportVisit: {
      event: 'ended',
      outcome: 'accepted',
      timings: { startToCameraMs: 8_400, cameraWaitMs: 310, captureToResultMs: 560 }
    },
    quitKiosk: undefined
  }

  /** Ways to spoil a well-formed input, each of which the contract must refuse. */
  function spoiled(input: unknown): Array<[string, unknown]> {
    if (input === undefined)
      return [
        ['an argument where none is taken', { a: 1 }],
        ['null', null],
        ['a string', 'x']
      ]
    const object = input as Record<string, unknown>
    const variants: Array<[string, unknown]> = [
      ['null', null],
      ['a string', 'x'],
      ['an array', [object]],
      ['an extra field', { ...object, extra: true }],
      ['a __proto__ key', JSON.parse(JSON.stringify(object).replace(/^\{/, '{"__proto__":{"polluted":true},'))],
      ['a constructor key', { ...object, constructor: { name: 'x' } }]
    ]
    for (const key of Object.keys(object)) {
      variants.push([`${key} as a number`, { ...object, [key]: 42 }])
      variants.push([`${key} as a 5 MB string`, { ...object, [key]: 'A'.repeat(5_000_001) }])
    }
    return variants
  }

  const cases = (Object.keys(invokeContract) as InvokeName[]).flatMap((name) =>
    spoiled(wellFormed[name]).map(([label, input]) => [name, label, input] as const)
  )

  it.each(Object.keys(invokeContract) as InvokeName[])('%s accepts its well-formed input', async (name) => {
    const handler = vi.fn(() => ({}) as never)
    const router = createIpcRouter({
      handlers: handlersWith({ [name]: handler }),
      origin,
      log: createLogger({ sink: () => {} })
    })
    await router.dispatch(invokeContract[name].channel, topFrame(), [wellFormed[name]])
    expect(handler).toHaveBeenCalledTimes(1)
  })

  it('takes a linked reference as portrait by default, and leaves the choice of dossier to main', async () => {
    const handler = vi.fn(() => ({}) as never)
    const router = createIpcRouter({
      handlers: handlersWith({ prepareVerification: handler }),
      origin,
      log: createLogger({ sink: () => {} })
    })
    const reference = { kind: 'linked-process', dossierId: jobId, processId: jobId }
    await router.dispatch(invokeContract.prepareVerification.channel, topFrame(), [{ reference }])
    expect(handler).toHaveBeenLastCalledWith({ reference: { ...reference, imageType: 'portrait' } })
    // The page cannot say where Assure data goes: that is main's configuration.
    const refused = await router.dispatch(invokeContract.prepareVerification.channel, topFrame(), [
      { reference: { ...reference, placement: 'new-dossier' } }
    ])
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(handler).toHaveBeenCalledTimes(1)
  })

  it.each(cases)('%s refuses %s, and its service is never called', async (name, _label, input) => {
    const handler = vi.fn()
    const router = createIpcRouter({
      handlers: handlersWith({ [name]: handler }),
      origin,
      log: createLogger({ sink: () => {} })
    })
    const result = await router.dispatch(invokeContract[name].channel, topFrame(), [input])
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(handler).not.toHaveBeenCalled()
  })

  it.each(Object.keys(invokeContract) as InvokeName[])('%s refuses a sub-frame and a foreign origin', async (name) => {
    const handler = vi.fn()
    const router = createIpcRouter({
      handlers: handlersWith({ [name]: handler }),
      origin,
      log: createLogger({ sink: () => {} })
    })
    for (const event of [
      { senderFrame: { url: 'assure-kiosk://app/index.html', parent: {} } },
      topFrame('https://evil.example/')
    ]) {
      expect(await router.dispatch(invokeContract[name].channel, event, [wellFormed[name]])).toMatchObject({
        ok: false,
        error: { code: 'forbidden-sender' }
      })
    }
    expect(handler).not.toHaveBeenCalled()
  })
})
