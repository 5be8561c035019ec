import { writeFile } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  ConfigError,
  describeConfigSource,
  loadConfigFile,
  loadKioskConfig,
  nearestKey,
  parseConfig,
  resolveMode,
  tokenUrlOf
} from '../../../main/config/config'
import { kioskSetupFrom } from '../../../main/config/kiosk-setup'
import { readOperatorSettings } from '../../../main/config/operator'
import { chooseSdkFolder } from '../../../main/app-origin/sdk-folder'
import { tempDir } from '../../support/temp-dir'

describe('configuration', () => {
  it('defaults everything, so no file means a working demo kiosk', async () => {
    const config = await loadConfigFile(join(tmpdir(), 'does-not-exist', 'config.json'))
    expect(config).toEqual(parseConfig({}))
    expect(config.mode).toBe('auto')
    expect(config.assure.baseUrl).toBe('https://api.signicat.com')
    expect(resolveMode(config, {})).toBe('demo')
    // No collector unless one is configured: nothing leaves the kiosk by default.
    expect(config.telemetry).toEqual({ exportIntervalSeconds: 60, headers: {}, logs: 'warn' })
    expect(config.site).toBeUndefined()
  })

  it('chimes for a visitor sent to staff only when the file asks for it, and hands that to the page', async () => {
    const page = async (file: unknown) => {
      const config = parseConfig(file)
      const sdk = chooseSdkFolder({ mode: 'demo', simulatedRoot: tmpdir(), allowUnsafeEval: false })
      const { settings: operator } = await readOperatorSettings(config)
      return kioskSetupFrom(config, { mode: 'demo', sdk, operator }).journeySettings.chimeOnSentToStaff
    }
    expect(await page({})).toBe(false)
    expect(await page({ staff: { chimeOnSentToStaff: true } })).toBe(true)
    expect(() => parseConfig({ staff: { chimeOnSentToStaff: 'yes' } })).toThrow(/staff\.chimeOnSentToStaff/)
  })

  it('takes a collector credential only by the name of its environment variable', () => {
    expect(() => parseConfig({ telemetry: { headers: { 'X-API-Key': 'k-123' } } })).toThrow(
      /telemetry\.headers\.X-API-Key: a credential never goes in this file/
    )
    expect(
      parseConfig({
        telemetry: { endpoint: 'http://otel.branch.local:4318', headers: { 'X-API-Key': { env: 'OTEL_KEY' } } }
      }).telemetry.headers
    ).toEqual({ 'X-API-Key': { env: 'OTEL_KEY' } })
    expect(parseConfig({ site: 'Tromsø sentrum' }).site).toBe('Tromsø sentrum')
  })

  it('is live in auto mode only when both a client id and a secret are present', () => {
    const config = parseConfig({ assure: { clientId: 'sandbox-round-apple-123' } })
    expect(resolveMode(config, { ASSURE_CLIENT_SECRET: 's' })).toBe('live')
    expect(resolveMode(parseConfig({}), { ASSURE_CLIENT_ID: 'id', ASSURE_CLIENT_SECRET: 's' })).toBe('live')
    expect(resolveMode(parseConfig({ mode: 'demo' }), { ASSURE_CLIENT_ID: 'id', ASSURE_CLIENT_SECRET: 's' })).toBe(
      'demo'
    )
    // A secret stored earlier in the OS key store counts as much as the environment variable.
    expect(resolveMode(config, {}, { storedSecret: true })).toBe('live')
    expect(resolveMode(parseConfig({}), {}, { storedSecret: true })).toBe('demo')
  })

  it('refuses auto mode with a client id but no secret, rather than starting demo mode (issue 17, row 16)', () => {
    // Demo mode's sandbox answers "accepted" to anyone: a kiosk half-configured for live must not serve it.
    const config = parseConfig({ assure: { clientId: 'sandbox-round-apple-123' } })
    expect(() => resolveMode(config, {})).toThrow(ConfigError)
    expect(() => resolveMode(config, {})).toThrow(/client id is configured, but no client secret/)
    expect(() => resolveMode(parseConfig({}), { ASSURE_CLIENT_ID: 'id' })).toThrow(ConfigError)
    // Live mode without a secret stays possible: staff enter it in staff mode.
    expect(resolveMode(parseConfig({ mode: 'live', assure: { clientId: 'id' } }), {})).toBe('live')
  })

  describe('what the second security review found (issue 17, row 15)', () => {
    it.each([
      ['/', /root of a drive/],
      ['/usr', /top-level folder/],
      ['/etc', /top-level folder/],
      [homedir(), /home folder/],
      [dirname(homedir()), /home folder|top-level|root/]
    ])('refuses facetec.sdkFolder %s: the renderer could read any file below it', (sdkFolder, message) => {
      expect(() => parseConfig({ facetec: { sdkFolder } })).toThrow(message)
    })

    it('accepts the SDK’s own folder', () => {
      expect(parseConfig({ facetec: { sdkFolder: '/opt/facetec-sdk' } }).facetec.sdkFolder).toBe('/opt/facetec-sdk')
      const inHome = join(homedir(), 'facetec-sdk')
      expect(parseConfig({ facetec: { sdkFolder: inHome } }).facetec.sdkFolder).toBe(inHome)
    })

    it.each([
      ['an http token URL', { tokenUrl: 'http://api.signicat.com/auth/open/connect/token' }, /https/],
      ['an http base URL', { baseUrl: 'http://api.signicat.com' }, /https/],
      [
        'credentials in the token URL',
        { tokenUrl: 'https://id:secret@api.signicat.com/token' },
        /user name or password/
      ],
      ['credentials in the base URL', { baseUrl: 'https://id@api.signicat.com' }, /user name or password/]
    ])('refuses %s', (_label, assure, message) => {
      expect(() => parseConfig({ assure })).toThrow(message)
    })

    it('allows http to this computer (a local sandbox)', () => {
      expect(parseConfig({ assure: { baseUrl: 'http://127.0.0.1:4010' } }).assure.baseUrl).toBe('http://127.0.0.1:4010')
    })

    it.each([
      ['N far above any kiosk', 'scrypt$1073741824$8$1'],
      ['memory of N and r together', 'scrypt$1048576$32$1'],
      ['work of N, r and p together', 'scrypt$1048576$8$16']
    ])('refuses a PIN hash with absurd scrypt parameters (%s)', (_label, params) => {
      const pinHash = `${params}$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=`
      expect(() => parseConfig({ staff: { pinHash } })).toThrow(ConfigError)
    })
  })

  it('names every bad field', () => {
    const attempt = () =>
      parseConfig(
        {
          kioskId: 'has spaces',
          mode: 'party',
          assure: { baseUrl: 'ftp://x' },
          verification: { linkedReferencePlacement: 'their-dossier' },
          extra: 1
        },
        'kiosk.json'
      )
    expect(attempt).toThrow(ConfigError)
    try {
      attempt()
    } catch (error) {
      const message = (error as Error).message
      expect(message).toContain('kiosk.json is invalid')
      expect(message).toMatch(/kioskId: /)
      expect(message).toMatch(/mode: /)
      expect(message).toMatch(/assure\.baseUrl: /)
      expect(message).toMatch(/verification\.linkedReferencePlacement: /)
      expect(message).toMatch(/\(root\): .*extra/)
    }
  })

  it('derives the token URL from the base URL unless configured, and checks path templates', () => {
    expect(tokenUrlOf(parseConfig({}).assure)).toBe('https://api.signicat.com/auth/open/connect/token')
    expect(tokenUrlOf(parseConfig({ assure: { baseUrl: 'http://127.0.0.1:4010/' } }).assure)).toBe(
      'http://127.0.0.1:4010/auth/open/connect/token'
    )
    expect(tokenUrlOf(parseConfig({ assure: { tokenUrl: 'https://id.example/token' } }).assure)).toBe(
      'https://id.example/token'
    )
    const config = parseConfig({
      assure: { paths: { startVerification: '/assure/dossiers/{dossierId}/processes/{processId}/verify' } }
    })
    expect(config.assure.paths.startVerification).toMatch(/verify$/)
    expect(() => parseConfig({ assure: { paths: { image: '/x/{dossier}' } } })).toThrow(
      /assure\.paths\.image: the only placeholders/
    )
    expect(() => parseConfig({ assure: { paths: { download: 'no-leading-slash' } } })).toThrow(
      /assure\.paths\.download/
    )
    expect(() => parseConfig({ assure: { timeouts: { headersMs: 5 } } })).toThrow(/assure\.timeouts\.headersMs/)
  })

  it('accepts a template with a query (Get image’s ?depiction=), and nothing that could smuggle more in', () => {
    for (const image of [
      '/assure/dossiers/{dossierId}/processes/{processId}/images?depiction={depiction}',
      '/assure/dossiers/{dossierId}/processes/{processId}/images?depiction={imageType}&size=full',
      '/assure/dossiers/{dossierId}/processes/{processId}/images/{imageType}'
    ])
      expect(parseConfig({ assure: { paths: { image } } }).assure.paths.image).toBe(image)
    for (const image of [
      '/images?',
      '/images?depiction',
      '/images?depiction={depiction}&',
      '/images??depiction={depiction}',
      '/images?depiction={depiction}#top',
      '/images?a=1&&b=2',
      '/images?depiction={depiction}?x=1',
      '/images?depiction={ depiction }',
      '/images?depiction={depiction',
      '/images?depiction=}{',
      '/images?depiction=%2F',
      '/images?next=https://evil.example',
      '/images?depiction={dossier}'
    ])
      expect(() => parseConfig({ assure: { paths: { image } } }), image).toThrow(/assure\.paths\.image/)
  })

  it("lets live mode's CSP talk to FaceTec's own server by default, or to the operator's on-premise ones", () => {
    expect(parseConfig({}).facetec.serverOrigins).toEqual(['https://api.facetec.com'])
    const onPremise = ['https://facetec.bank.example', 'https://10.20.30.40:8443']
    expect(parseConfig({ facetec: { serverOrigins: onPremise } }).facetec.serverOrigins).toEqual(onPremise)
    expect(parseConfig({ facetec: { serverOrigins: [] } }).facetec.serverOrigins).toEqual([])
    expect(() => parseConfig({ facetec: { serverOrigins: ['https://facetec.bank.example/'] } })).toThrow(
      /facetec\.serverOrigins\.0: must be an https origin/
    )
  })

  it('explains a file that is not JSON', async () => {
    const dir = await tempDir('kiosk-config')
    const path = join(dir, 'config.json')
    await writeFile(path, '{ "kioskId": ')
    await expect(loadConfigFile(path)).rejects.toThrow(/config\.json is not valid JSON/)
  })

  it('accepts a file saved as UTF-8 with a byte-order mark (Windows Notepad)', async () => {
    const dir = await tempDir('kiosk-config')
    const path = join(dir, 'config.json')
    await writeFile(path, '\uFEFF{ "kioskId": "notepad-kiosk" }', 'utf8')
    expect((await loadConfigFile(path)).kioskId).toBe('notepad-kiosk')
  })

  it.each([
    ['a // comment', '{\n  "kioskId": "a",\n  // the branch\n  "mode": "demo"\n}', 'line 3, column 3'],
    ['a trailing comma', '{\n  "kioskId": "a",\n}', 'line 3, column 1'],
    ['a missing comma', '{\n  "kioskId": "a"\n  "mode": "demo"\n}', 'line 3, column 3'],
    ['a file cut short', '{\n  "kioskId": ', 'line 2, column 14']
  ])('points at the line and column of a JSON mistake: %s', async (_what, text, where) => {
    const dir = await tempDir('kiosk-config')
    const path = join(dir, 'config.json')
    await writeFile(path, text)
    const message = await loadConfigFile(path).then(
      () => 'loaded',
      (error: unknown) => (error as Error).message
    )
    expect(message).toContain(`${path} is not valid JSON: ${where}: `)
    expect(message).not.toMatch(/position/)
  })

  it('suggests the nearest known key for an unknown one, in the section where it was found', () => {
    const message = (raw: unknown): string => {
      try {
        parseConfig(raw, 'kiosk.json')
        return 'valid'
      } catch (error) {
        return (error as Error).message
      }
    }
    expect(message({ kioskID: 'a' })).toContain('(root): unknown key "kioskID" (did you mean "kioskId"?)')
    expect(message({ jounrey: {} })).toContain('(root): unknown key "jounrey" (did you mean "journey"?)')
    expect(message({ journey: { idleTimeout: 60 } })).toContain(
      'journey: unknown key "idleTimeout" (did you mean "idleTimeoutSeconds"?)'
    )
    expect(message({ assure: { timeouts: { conectMs: 1000 } } })).toContain(
      'assure.timeouts: unknown key "conectMs" (did you mean "connectMs"?)'
    )
    // Nothing close: no guess.
    expect(message({ assure: { colour: 'blue' } })).toMatch(/assure: unknown key "colour"$/m)
    // A secret is never "nearly" a known key: the message says where secrets go instead.
    expect(message({ assure: { clientSecret: 'x' } })).toMatch(/assure: unknown key "clientSecret": secrets and PINs/)
    expect(nearestKey('mdoe', ['kioskId', 'mode'])).toBe('mode')
    expect(nearestKey('x', ['kioskId', 'mode'])).toBeNull()
  })

  it('refuses a file named by ASSURE_KIOSK_CONFIG that does not exist, instead of starting a demo kiosk', async () => {
    const dir = await tempDir('kiosk-config')
    const configured = join(dir, 'typo', 'kiosk.json')
    const attempt = loadKioskConfig({ configured, defaultPath: join(dir, 'config.json') })
    await expect(attempt).rejects.toBeInstanceOf(ConfigError)
    await expect(attempt).rejects.toThrow(`ASSURE_KIOSK_CONFIG names ${configured}, which does not exist`)
    await expect(loadKioskConfig({ configured: ' ', defaultPath: join(dir, 'config.json') })).rejects.toThrow(
      /ASSURE_KIOSK_CONFIG is set but empty/
    )
  })

  it('says which file it loaded, or that there was none', async () => {
    const dir = await tempDir('kiosk-config')
    const defaultPath = join(dir, 'config.json')
    const none = await loadKioskConfig({ defaultPath })
    expect(none).toEqual({ config: parseConfig({}), file: null })
    expect(describeConfigSource(none.file)).toBe('no file: demo defaults')

    await writeFile(defaultPath, '{ "kioskId": "from-user-data" }')
    expect(await loadKioskConfig({ defaultPath })).toMatchObject({
      file: defaultPath,
      config: { kioskId: 'from-user-data' }
    })
    const configured = join(dir, 'fleet.json')
    await writeFile(configured, '{ "kioskId": "from-fleet" }')
    const loaded = await loadKioskConfig({ configured, defaultPath })
    expect(loaded).toMatchObject({ file: configured, config: { kioskId: 'from-fleet' } })
    expect(describeConfigSource(loaded.file)).toBe(configured)
  })
})
