/**
 * Initializing FaceTec through the adapter, against the simulated SDK: both key modes, every shape
 * of production key an operator may hand over, flattened PEM keys, every FaceTecSDKStatus turned
 * into something the kiosk can say and do, idempotence, FaceTec's texts in the kiosk's language, and
 * the idle reset.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { dictionaries, LANGUAGES, useLanguageStore } from '../../../renderer/src/i18n'
import {
  createFaceTecAdapter,
  describeSdkStatus,
  FaceTecSDKStatus,
  followKioskLanguage,
  type FaceTecAdapter,
  type InitResult
} from '../../../renderer/src/facetec'
import { faceTecStrings } from '../../../renderer/src/facetec/strings'
import {
  callNames,
  DEV_KEYS,
  expectNoViolations,
  loadSdkScript,
  PUBLIC_KEY_PEM,
  sdk,
  simulator
} from '../support/facetec'

const ALL_SDK_STATUSES = Object.values(FaceTecSDKStatus).filter(
  (value): value is FaceTecSDKStatus => typeof value === 'number'
)

const PRODUCTION_KEY = {
  domains: 'kiosk.example.com,localhost',
  expiryDate: '2099-12-31',
  key: '00304502210099aabbccddeeff'
}

let adapter: FaceTecAdapter

function failure(result: InitResult): Extract<InitResult, { ok: false }> {
  if (result.ok) throw new Error('expected initialization to fail')
  return result
}

/** The production key object the SDK was handed, as the simulator recorded it. */
function productionKeyGiven(): unknown {
  return simulator().calls.find((call) => call.name === 'initializeInProductionMode')?.args[0]
}

beforeAll(async () => {
  await loadSdkScript()
})

beforeEach(() => {
  simulator().reset()
  simulator().configure({ fast: true })
  adapter = createFaceTecAdapter()
})

afterEach(async () => {
  await adapter.dispose()
  useLanguageStore.getState().reset()
})

describe('initializing', () => {
  it('initializes in development mode without a production key, folders first, texts and colours after', async () => {
    expect(await adapter.initialize(DEV_KEYS)).toEqual({ ok: true, mode: 'development' })
    expect(adapter.initialized).toBe(true)
    expect(sdk().getStatus()).toBe(FaceTecSDKStatus.Initialized)
    expect(callNames()).toEqual([
      'setResourceDirectory',
      'setImagesDirectory',
      'initializeInDevelopmentMode',
      'configureLocalization',
      'setCustomization'
    ])
    expect(simulator().calls.find((call) => call.name === 'configureLocalization')?.args[0]).toEqual(faceTecStrings.en)
    expectNoViolations()
  })

  it('initializes only once, however often and concurrently it is asked', async () => {
    const [first, second] = await Promise.all([adapter.initialize(DEV_KEYS), adapter.initialize(DEV_KEYS)])
    const third = await adapter.initialize(DEV_KEYS)
    expect([first, second, third].every((result) => result.ok)).toBe(true)
    expect(callNames().filter((name) => name.startsWith('initialize'))).toEqual(['initializeInDevelopmentMode'])
  })

  it('treats an SDK that another adapter already initialized as initialized', async () => {
    await adapter.initialize(DEV_KEYS)
    const other = createFaceTecAdapter()
    expect(await other.initialize(DEV_KEYS)).toEqual({ ok: true, mode: 'development' })
    expect(callNames().filter((name) => name.startsWith('initialize'))).toEqual(['initializeInDevelopmentMode'])
  })

  it('maps every FaceTecSDKStatus an initialization can end in to a message and an action', async () => {
    for (const status of ALL_SDK_STATUSES) {
      simulator().reset()
      simulator().configure({ fast: true, init: { failWith: status } })
      const result = failure(await createFaceTecAdapter().initialize(DEV_KEYS))
      expect(result.status, FaceTecSDKStatus[status]).toBe(status)
      expect(result.statusName).toBe(FaceTecSDKStatus[status])
      expect(result.code).toBe('sdk-status')
      const expected = describeSdkStatus(status)
      expect({ messageKey: result.messageKey, action: result.action }).toEqual({
        messageKey: expected.messageKey,
        action: expected.action
      })
      for (const language of LANGUAGES) expect(dictionaries[language][result.messageKey].trim()).not.toBe('')
    }
  })

  it.each([
    [FaceTecSDKStatus.NeverInitialized, 'retry', 'facetec.init.failed'],
    [FaceTecSDKStatus.Initialized, 'retry', 'facetec.init.failed'],
    [FaceTecSDKStatus.NetworkIssues, 'retry', 'facetec.init.network'],
    [FaceTecSDKStatus.InvalidDeviceKeyIdentifier, 'out-of-service', 'facetec.unavailable'],
    [FaceTecSDKStatus.VersionDeprecated, 'out-of-service', 'facetec.unavailable'],
    [FaceTecSDKStatus.DeviceNotSupported, 'out-of-service', 'facetec.unavailable'],
    [FaceTecSDKStatus.DeviceInLandscapeMode, 'call-staff', 'facetec.init.screenOrientation'],
    [FaceTecSDKStatus.DeviceLockedOut, 'call-staff', 'facetec.init.lockedOut'],
    [FaceTecSDKStatus.KeyExpiredOrInvalid, 'out-of-service', 'facetec.unavailable'],
    [FaceTecSDKStatus.IFrameNotAllowedWithoutPermission, 'out-of-service', 'facetec.unavailable'],
    [FaceTecSDKStatus.StillLoadingResources, 'retry', 'facetec.init.loading'],
    [FaceTecSDKStatus.ResourcesCouldNotBeLoadedOnLastInit, 'out-of-service', 'facetec.unavailable'],
    [FaceTecSDKStatus.GetUserMediaRemoteHTTPNotSupported, 'out-of-service', 'facetec.unavailable']
  ] as const)('tells the customer what to do after %s', (status, action, messageKey) => {
    expect(describeSdkStatus(status)).toMatchObject({ action, messageKey })
  })

  it('asks the SDK again after NetworkIssues, and succeeds once the network is back', async () => {
    simulator().configure({ fast: true, init: { failWith: FaceTecSDKStatus.NetworkIssues } })
    expect(failure(await adapter.initialize(DEV_KEYS)).action).toBe('retry')
    simulator().configure({ fast: true })
    expect((await adapter.initialize(DEV_KEYS)).ok).toBe(true)
    expect(callNames().filter((name) => name.startsWith('initialize'))).toHaveLength(2)
  })

  it('does not ask the SDK again after a failure that stays for the page (an invalid licence)', async () => {
    simulator().configure({ fast: true, init: { failWith: FaceTecSDKStatus.KeyExpiredOrInvalid } })
    const first = failure(await adapter.initialize(DEV_KEYS))
    simulator().configure({ fast: true })
    const second = failure(await adapter.initialize(DEV_KEYS))
    expect(second).toEqual(first)
    expect(callNames().filter((name) => name.startsWith('initialize'))).toHaveLength(1)
  })

  it('fails with ResourcesCouldNotBeLoadedOnLastInit (out of service) when the SDK folder lacks its resources', async () => {
    await adapter.load()
    sdk().setResourceDirectory('/facetec-sdk/core-sdk/FaceTecSDK.js/missing')
    const result = failure(await adapter.initialize(DEV_KEYS))
    expect(result.status).toBe(FaceTecSDKStatus.ResourcesCouldNotBeLoadedOnLastInit)
    expect(result.action).toBe('out-of-service')
  })

  it('turns the SDK\'s console-only "Error Code NNN" report during init into a failure', async () => {
    await adapter.load()
    const global = sdk()
    const initialize = global.initializeInDevelopmentMode.bind(global)
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    // As the real SDK does for a key it cannot use: a console line, and a callback that says nothing more.
    global.initializeInDevelopmentMode = (deviceKey, publicKey, callback) => {
      console.error('FaceTec Browser SDK Error Code 980897: Invalid publicEncryptionKey parameter passed to initialize')
      initialize(deviceKey, publicKey, callback)
    }
    try {
      const result = failure(await adapter.initialize(DEV_KEYS))
      expect(result.code).toBe('sdk-console-error')
      expect(result.consoleErrors.map((error) => error.code)).toEqual(['980897'])
      expect(result.action).toBe('out-of-service')
      expect(consoleError).toHaveBeenCalledOnce()
    } finally {
      global.initializeInDevelopmentMode = initialize
      consoleError.mockRestore()
    }
  })

  it('gives up with a timeout when the SDK never calls back', async () => {
    simulator().configure({ delays: { initMs: 60_000 } })
    const slow = createFaceTecAdapter({ initTimeoutMs: 50 })
    const result = failure(await slow.initialize(DEV_KEYS))
    expect(result.code).toBe('timeout')
    expect(result.status).toBe(FaceTecSDKStatus.StillLoadingResources)
    expect(result.action).toBe('retry')
    await slow.dispose()
  })
})

describe('keys', () => {
  it.each([
    ['JSON object text', JSON.stringify(PRODUCTION_KEY)],
    ['JSON with extra fields (dropped)', JSON.stringify({ ...PRODUCTION_KEY, appId: 'com.example.kiosk' })],
    ['base64 of the JSON', btoa(JSON.stringify(PRODUCTION_KEY))],
    ['base64 of the JSON, wrapped over lines', btoa(JSON.stringify(PRODUCTION_KEY)).replace(/(.{20})/g, '$1\n')],
    [
      "the JS object literal of FaceTec's Config.js",
      `{ domains: "${PRODUCTION_KEY.domains}", expiryDate: "${PRODUCTION_KEY.expiryDate}", key: "${PRODUCTION_KEY.key}" }`
    ],
    [
      'FaceTec\'s "name = value" text',
      `domains = ${PRODUCTION_KEY.domains}\nexpiryDate = ${PRODUCTION_KEY.expiryDate}\nkey = ${PRODUCTION_KEY.key}\n`
    ],
    [
      'the same text flattened with literal \\n',
      `domains = ${PRODUCTION_KEY.domains}\\nexpiryDate = ${PRODUCTION_KEY.expiryDate}\\nkey = ${PRODUCTION_KEY.key}`
    ]
  ])(
    'initializes in production mode from %s, handing the SDK the { domains, expiryDate, key } object',
    async (_shape, productionKeyText) => {
      expect(await adapter.initialize({ ...DEV_KEYS, productionKeyText })).toEqual({ ok: true, mode: 'production' })
      expect(productionKeyGiven()).toEqual(PRODUCTION_KEY)
    }
  )

  it('reads the mobile "appId = …" text, passing the appId as the domains', async () => {
    const text = `appId      = *\nexpiryDate = ${PRODUCTION_KEY.expiryDate}\nkey        = ${PRODUCTION_KEY.key}`
    expect((await adapter.initialize({ ...DEV_KEYS, productionKeyText: text })).ok).toBe(true)
    expect(productionKeyGiven()).toEqual({
      domains: '*',
      expiryDate: PRODUCTION_KEY.expiryDate,
      key: PRODUCTION_KEY.key
    })
  })

  it('uses development mode for an empty production key text', async () => {
    expect(await adapter.initialize({ ...DEV_KEYS, productionKeyText: '  ' })).toEqual({
      ok: true,
      mode: 'development'
    })
  })

  it('reports an expired production key as out of service (KeyExpiredOrInvalid)', async () => {
    const result = failure(
      await adapter.initialize({
        ...DEV_KEYS,
        productionKeyText: JSON.stringify({ ...PRODUCTION_KEY, expiryDate: '2020-01-01' })
      })
    )
    expect(result.status).toBe(FaceTecSDKStatus.KeyExpiredOrInvalid)
    expect(result.action).toBe('out-of-service')
  })

  it.each([
    ['unreadable text', 'this is not a key'],
    ['JSON without a key', JSON.stringify({ domains: 'x', expiryDate: '2099-01-01' })],
    ['JSON array', '[1,2,3]']
  ])('refuses a production key that is %s without calling the SDK', async (_what, productionKeyText) => {
    const result = failure(await adapter.initialize({ ...DEV_KEYS, productionKeyText }))
    expect(result.code).toBe('invalid-keys')
    expect(result.action).toBe('out-of-service')
    expect(callNames().filter((name) => name.startsWith('initialize'))).toEqual([])
  })

  it.each([
    ['on one line with spaces', PUBLIC_KEY_PEM.replace(/\n/g, ' ')],
    ['on one line with literal \\n', PUBLIC_KEY_PEM.replace(/\n/g, '\\n')],
    [
      'with Windows line ends and stray indentation',
      PUBLIC_KEY_PEM.split('\n')
        .map((line) => `  ${line}`)
        .join('\r\n')
    ],
    ['as the bare base64 body', PUBLIC_KEY_PEM.split('\n').slice(1, -1).join('')],
    ['with no newlines at all between the lines', PUBLIC_KEY_PEM.replace(/\n/g, '')]
  ])('normalises a public key given %s into a PEM with real newlines', async (_how, publicFaceScanEncryptionKey) => {
    expect((await adapter.initialize({ ...DEV_KEYS, publicFaceScanEncryptionKey })).ok).toBe(true)
    expect(simulator().calls.find((call) => call.name === 'initializeInDevelopmentMode')?.args[1]).toBe(PUBLIC_KEY_PEM)
  })

  it('refuses a public key that is not a PEM key without calling the SDK', async () => {
    const result = failure(
      await adapter.initialize({
        ...DEV_KEYS,
        publicFaceScanEncryptionKey: '-----BEGIN PUBLIC KEY----- not base64! -----END PUBLIC KEY-----'
      })
    )
    expect(result.code).toBe('invalid-keys')
    expect(callNames().filter((name) => name.startsWith('initialize'))).toEqual([])
  })
})

describe("FaceTec's texts follow the kiosk language", () => {
  it('applies the language after initialization and again when it changes', async () => {
    const norwegian = createFaceTecAdapter({ language: 'nb' })
    await norwegian.initialize(DEV_KEYS)
    const localizations = () =>
      simulator()
        .calls.filter((call) => call.name === 'configureLocalization')
        .map((call) => call.args[0])
    expect(localizations()).toEqual([faceTecStrings.nb])
    norwegian.setLanguage('en')
    expect(localizations()).toEqual([faceTecStrings.nb, faceTecStrings.en])
    expectNoViolations()
    await norwegian.dispose()
  })

  it('waits for initialization before configuring texts (the SDK refuses them earlier)', async () => {
    adapter.setLanguage('nb')
    expect(callNames()).not.toContain('configureLocalization')
    await adapter.initialize(DEV_KEYS)
    expect(
      simulator()
        .calls.filter((call) => call.name === 'configureLocalization')
        .map((call) => call.args[0])
    ).toEqual([faceTecStrings.nb])
    expectNoViolations()
  })

  it('follows the language the customer picks on the kiosk', async () => {
    await adapter.initialize(DEV_KEYS)
    const stop = followKioskLanguage(adapter)
    useLanguageStore.getState().setLanguage('nb')
    stop()
    useLanguageStore.getState().setLanguage('en')
    const applied = simulator()
      .calls.filter((call) => call.name === 'configureLocalization')
      .map((call) => call.args[0])
    expect(applied).toEqual([faceTecStrings.en, faceTecStrings.en, faceTecStrings.nb])
  })

  it('has every FaceTec text in every kiosk language', () => {
    const reference = Object.keys(faceTecStrings.en).sort()
    for (const language of LANGUAGES) {
      const strings = faceTecStrings[language] as Record<string, string>
      expect(Object.keys(strings).sort()).toEqual(reference)
      for (const key of reference) expect(strings[key]?.trim(), `${language}:${key}`).not.toBe('')
    }
  })
})

describe('idle reset', () => {
  it('deinitializes the SDK and forgets its state, after which it initializes again', async () => {
    await adapter.initialize(DEV_KEYS)
    await adapter.dispose()
    expect(adapter.initialized).toBe(false)
    expect(callNames()).toContain('deinitialize')
    expect(sdk().getStatus()).toBe(FaceTecSDKStatus.NeverInitialized)
    expect((await adapter.initialize(DEV_KEYS)).ok).toBe(true)
    expect(callNames().filter((name) => name.startsWith('initialize'))).toHaveLength(2)
  })

  it('ends initialized when a new customer starts while the reset is still deinitializing', async () => {
    await adapter.initialize(DEV_KEYS)
    const disposing = adapter.dispose()
    const again = adapter.initialize(DEV_KEYS)
    await disposing
    expect(await again).toEqual({ ok: true, mode: 'development' })
    expect(adapter.initialized).toBe(true)
    expect(sdk().getStatus()).toBe(FaceTecSDKStatus.Initialized)
    expect(callNames().slice(-6)).toContain('deinitialize')
  })

  it('ends initialized when the reset lands while an initialization is still in flight', async () => {
    const first = adapter.initialize(DEV_KEYS)
    const disposing = adapter.dispose()
    const second = adapter.initialize(DEV_KEYS)
    await Promise.all([first, disposing])
    expect((await second).ok).toBe(true)
    expect(sdk().getStatus()).toBe(FaceTecSDKStatus.Initialized)
  })

  it('forgets a sticky failure, so a fixed kiosk can initialize after the reset', async () => {
    simulator().configure({ fast: true, init: { failWith: FaceTecSDKStatus.KeyExpiredOrInvalid } })
    expect((await adapter.initialize(DEV_KEYS)).ok).toBe(false)
    await adapter.dispose()
    simulator().configure({ fast: true })
    expect((await adapter.initialize(DEV_KEYS)).ok).toBe(true)
  })

  it("uses 9.6's unload when the SDK has no deinitialize", async () => {
    await adapter.initialize(DEV_KEYS)
    const global = sdk()
    const deinitialize = global.deinitialize
    global.deinitialize = undefined
    try {
      await adapter.dispose()
    } finally {
      global.deinitialize = deinitialize
    }
    expect(callNames()).toContain('unload')
    expect(callNames()).not.toContain('deinitialize')
  })
})

describe('between visitors (benchmark P8)', () => {
  const initializations = (): number => callNames().filter((name) => name.startsWith('initialize')).length

  it('keeps the SDK initialized for the next visit with the same keys: no second initialization', async () => {
    await adapter.initialize(DEV_KEYS)
    await adapter.endVisit()
    expect(adapter.initialized).toBe(true)
    expect(callNames()).not.toContain('deinitialize')
    expect(await adapter.initialize({ ...DEV_KEYS })).toEqual({ ok: true, mode: 'development' })
    expect(initializations()).toBe(1)
    expect(sdk().getStatus()).toBe(FaceTecSDKStatus.Initialized)
  })

  it('initializes again, from scratch, when Assure hands out other keys', async () => {
    await adapter.initialize(DEV_KEYS)
    await adapter.endVisit()
    const rotated = { ...DEV_KEYS, deviceKeyIdentifier: 'dRotatedKeyIdentifier0123456789AB' }
    expect(await adapter.initialize(rotated)).toEqual({ ok: true, mode: 'development' })
    expect(callNames()).toContain('deinitialize')
    expect(initializations()).toBe(2)
    expect(sdk().getStatus()).toBe(FaceTecSDKStatus.Initialized)
  })

  it('resets as the idle reset does when the visit ends with the SDK not initialized (a failure)', async () => {
    simulator().configure({ fast: true, init: { failWith: FaceTecSDKStatus.KeyExpiredOrInvalid } })
    expect((await adapter.initialize(DEV_KEYS)).ok).toBe(false)
    await adapter.endVisit()
    simulator().configure({ fast: true })
    expect((await adapter.initialize(DEV_KEYS)).ok).toBe(true)
  })
})
