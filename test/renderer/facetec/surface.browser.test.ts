/**
 * The simulated FaceTec SDK against the REAL FaceTec Browser SDK 9.7.27's measured public surface
 * (test/fixtures/facetec-9.7.27-surface.json, provenance in test/fixtures/README.md). Every
 * expectation here is read from that file, none is written from the simulator's own code: a member,
 * parameter count, enum value, customization field or default that differs from the real SDK fails.
 * Both forms code can get the SDK in are checked: the classic script's `window.FaceTecSDK`, and the
 * module export a bundler hands to `import { FaceTecSDK } from ".../FaceTecSDK.js"`.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import surface from '../../fixtures/facetec-9.7.27-surface.json'
import * as adapterTypes from '../../../renderer/src/facetec/sdk-types'
import type { FaceTecFaceScanProcessor, FaceTecSDKGlobal } from '../../../renderer/src/facetec/sdk-types'
import {
  FaceTecSDK as ImportedFaceTecSDK,
  FaceTecSimulator as ImportedSimulator
} from '../../../renderer/facetec-simulated/static/core-sdk/FaceTecSDK.js/FaceTecSDK.js'
import { loadSdkScript, simulatedUi, simulator } from '../support/facetec'

const real = surface.runtime_real

/** What the page's global looked like right after the module import above, before any script tag. */
const globalAfterModuleImport = typeof (window as { FaceTecSDK?: unknown }).FaceTecSDK

type Loose = Record<string, unknown>
/** One entry of `declared_shapes`: a property or method as the real `.d.ts` declares it. */
type DeclaredMember = { name: string; kind: string; params?: number; isStatic: boolean; type: string }
const loose = (value: unknown): Loose => value as Loose

/** The images directory the measured defaults point into (the kiosk's own, set before measuring). */
const MEASURED_IMAGES_DIRECTORY = real.customization.guidanceCustomization.values.defaultLocationForImages

const isClassSyntax = (value: unknown): boolean =>
  typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value))

const forms: Array<[string, () => FaceTecSDKGlobal, () => { reset(): void }]> = [
  ['the classic script’s window.FaceTecSDK', () => window.FaceTecSDK as FaceTecSDKGlobal, () => simulator()],
  ['the module export (import { FaceTecSDK })', () => ImportedFaceTecSDK, () => ImportedSimulator]
]

beforeAll(async () => {
  await loadSdkScript()
})

describe('loading', () => {
  it('as a module, exports FaceTecSDK and sets no global, like the real file', () => {
    expect(typeof ImportedFaceTecSDK).toBe(real.moduleImport.type)
    expect(ImportedFaceTecSDK.version()).toBe(real.moduleImport.version)
    expect(globalAfterModuleImport).toBe(real.moduleImport.global)
  })

  it('as a classic script, sets window.FaceTecSDK with the real version', () => {
    expect(window.FaceTecSDK?.version()).toBe(real.version)
    expect(window.FaceTecSDK).not.toBe(ImportedFaceTecSDK)
  })
})

describe.each(forms)('%s', (_form, sdkOf, controlOf) => {
  let sdk: Loose
  beforeEach(() => {
    controlOf().reset()
    sdk = loose(sdkOf())
  })

  it('has exactly the real global’s members, in its order', () => {
    expect(Object.keys(sdk)).toEqual(Object.keys(real.members))
  })

  it.each(Object.entries(real.members))('%s: same kind, parameter count and shape', (name, member) => {
    const descriptor = Object.getOwnPropertyDescriptor(sdk, name)
    expect(descriptor, name).toBeDefined()
    expect(Boolean(descriptor?.get || descriptor?.set), 'accessor').toBe(member.accessor)
    const value = sdk[name]
    expect(value === null ? 'object' : typeof value, 'type').toBe(member.type)
    if (member.arity !== null) expect((value as (...args: unknown[]) => unknown).length, 'arity').toBe(member.arity)
    expect(isClassSyntax(value), 'class syntax').toBe(member.classSyntax)
    if ('value' in member) expect(value, 'value').toEqual(member.value)
  })

  it.each(Object.entries(real.enums))('%s has the real values (and reverse mapping)', (name, values) => {
    expect({ ...loose(sdk[name]) }).toEqual(values)
  })

  it('starts NeverInitialized, with the real auditTrailType and getLockoutEndTime', () => {
    expect(loose(sdk).getStatus).toBeTypeOf('function')
    expect((sdk.getStatus as () => number)()).toBe(real.status)
    expect(typeof sdk.auditTrailType).toBe(real.auditTrailType.type)
    expect(sdk.auditTrailType).toBe(real.auditTrailType.value)
    expect(sdk.getLockoutEndTime).toBe(real.getLockoutEndTime.value)
  })

  it('keeps auditTrailType a number when more audit images are asked for', () => {
    const global = sdkOf()
    global.setMaxAuditTrailImages(global.FaceTecAuditTrailImagesToReturn.UP_TO_SIX)
    expect(global.auditTrailType).toBe(real.auditTrailType.value)
  })

  it('has the FaceTecCustomization statics with their parameter counts', () => {
    const customization = loose(sdk.FaceTecCustomization)
    for (const name of real.statics) {
      expect(Object.hasOwn(customization, name), name).toBe(true)
      expect(typeof customization[name], name).toBe('function')
      const arity = (real.staticArity as Record<string, number>)[name]
      expect((customization[name] as (...args: unknown[]) => unknown).length, name).toBe(arity)
    }
  })

  describe('new FaceTecCustomization()', () => {
    let customization: Loose
    beforeEach(() => {
      sdkOf().setImagesDirectory(MEASURED_IMAGES_DIRECTORY)
      customization = loose(new (sdkOf().FaceTecCustomization)())
    })

    it('has the real fields, in the real order', () => {
      expect(Object.keys(customization)).toEqual(Object.keys(real.customization))
    })

    it.each(Object.entries(real.customization))('%s has the real shape and defaults', (name, measured) => {
      const part = customization[name]
      expect(typeof part).toBe(measured.type)
      if (!('fields' in measured)) return expect(part).toBe(measured.value)
      const object = loose(part)
      expect(Object.keys(object)).toEqual(measured.fields)
      const values = measured.values as Record<string, unknown>
      for (const field of measured.fields) {
        // The measurement kept every string, number and boolean; a field it did not keep is not one.
        if (field in values) expect(object[field], field).toEqual(values[field])
        else expect(['string', 'number', 'boolean'], field).not.toContain(typeof object[field])
      }
    })

    it('builds its sub-objects with the sub-customization classes the global offers', () => {
      const declared = surface.declared_shapes.FaceTecCustomization.filter(
        (entry) => entry.kind === 'property' && entry.type in real.members
      )
      expect(declared.length).toBeGreaterThan(0)
      for (const { name, type } of declared) {
        const Class = sdk[type] as new () => object
        const standalone = new Class()
        expect(Object.keys(standalone), type).toEqual(Object.keys(loose(customization[name])))
        expect(customization[name], name).toBeInstanceOf(Class)
      }
    })

    it('has the methods the .d.ts declares on its sub-objects, with their parameter counts', () => {
      for (const entry of surface.declared_shapes.FaceTecCustomization) {
        const shape = (surface.declared_shapes as unknown as Record<string, DeclaredMember[] | undefined>)[entry.type]
        if (entry.kind !== 'property' || !shape) continue
        for (const method of shape.filter((m) => m.kind === 'method' && m.name !== 'constructor' && !m.isStatic)) {
          const fn = loose(customization[entry.name])[method.name]
          expect(typeof fn, `${entry.name}.${method.name}`).toBe('function')
          expect((fn as (...args: unknown[]) => unknown).length, `${entry.name}.${method.name}`).toBe(method.params)
        }
      }
    })
  })

  it('answers the X-User-Agent in the real format, for the page it runs on', () => {
    const measured = real.userAgent.split('|')
    const measuredEmpty = real.userAgentEmpty.split('|')
    // The measurement asked for "" and for one session id: the field the second answer has more.
    expect(measured.slice(0, -1)).toEqual(measuredEmpty)
    const sessionId = measured.at(-1) ?? ''
    // Where the real answer carries the page's host and the browser's language, ours carries this page's.
    const here = (field: string, index: number): string =>
      [
        [3, location.hostname],
        [8, navigator.language],
        [9, navigator.language.split('-')[0] ?? '']
      ]
        .find(([at]) => at === index)?.[1]
        ?.toString() ?? field
    const global = sdkOf()
    expect(global.createFaceTecAPIUserAgentString(sessionId)).toBe(measured.map(here).join('|'))
    expect(global.createFaceTecAPIUserAgentString('')).toBe(measuredEmpty.map(here).join('|'))
  })

  it('hands a session started before initialization to the processor inside the constructor, then completes', async () => {
    const events: string[] = []
    const handed: { result?: Loose; callback?: Loose } = {}
    let done!: () => void
    const completed = new Promise<void>((resolve) => (done = resolve))
    const processor: FaceTecFaceScanProcessor = {
      processSessionResultWhileFaceTecSDKWaits(result, callback) {
        events.push('processSessionResultWhileFaceTecSDKWaits')
        handed.result = loose(result)
        handed.callback = loose(callback)
      },
      onFaceTecSDKCompletelyDone() {
        events.push('onFaceTecSDKCompletelyDone')
        done()
      }
    }
    new (sdkOf().FaceTecSession)(processor, 'session-token')
    events.push('constructor returned')
    expect(simulatedUi()).toBeNull()
    await completed
    // The measurement notes when completion came ("… @26 ms"); the order is what code can rely on.
    expect(events).toEqual(real.uninitializedSession.events.map((event) => event.replace(/ @\d+ ms$/, '')))
    expect(handed.result).toEqual(real.uninitializedSession.handed.result)
    expect(Object.keys(handed.result ?? {})).toEqual(real.uninitializedSession.handed.resultKeys)
    expect(Object.keys(handed.result ?? {})).toEqual(surface.declared_shapes.FaceTecSessionResult.map((m) => m.name))

    // The callback's own members are the real one's public ones, in the real order (its internals aside).
    const ownKeys = Object.keys(handed.callback ?? {})
    const publicMethods = surface.declared_shapes.FaceTecFaceScanResultCallback.map((m) => m.name)
    expect([...ownKeys].sort()).toEqual([...publicMethods].sort())
    expect(ownKeys).toEqual(real.uninitializedSession.handed.callbackKeys.filter((key) => ownKeys.includes(key)))
    for (const method of surface.declared_shapes.FaceTecFaceScanResultCallback) {
      expect(typeof handed.callback?.[method.name], method.name).toBe('function')
    }
  })
})

describe('the adapter’s own FaceTec types', () => {
  it.each(Object.entries(surface.declared_enums))('declare %s with the values of the real .d.ts', (name, values) => {
    const declared = (adapterTypes as unknown as Record<string, Loose | undefined>)[name]
    expect(declared, name).toBeDefined()
    expect(Object.fromEntries(Object.entries(declared ?? {}).filter(([key]) => !/^\d+$/.test(key)))).toEqual(values)
  })
})

afterEach(() => {
  expect(simulatedUi()).toBeNull()
})
