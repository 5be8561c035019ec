/**
 * Config files as operators write them: the shipped example (resources/config.example.json) is valid
 * and complete, and each kind of mistake in a file is refused with an error naming the bad field.
 */
import { readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfigFile, parseConfig } from '../../../main/config/config'
import { parsePinHash } from '../../../main/staff/pin'
import { tempDir } from '../../support/temp-dir'

const EXAMPLE_PATH = join(import.meta.dirname, '..', '..', '..', 'resources', 'config.example.json')
type Json = Record<string, unknown>
const example = (): Json => JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8')) as Json

/** Every leaf path of a JSON value, e.g. `assure.timeouts.connectMs` (arrays are leaves). */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix]
  return Object.entries(value).flatMap(([key, inner]) => leafPaths(inner, prefix ? `${prefix}.${key}` : key))
}

/** Sets `path` (dot-separated) in a copy of the example; `undefined` removes nothing, it sets. */
function exampleWith(path: string, value: unknown): Json {
  const copy = example()
  const keys = path.split('.')
  let target = copy
  for (const key of keys.slice(0, -1)) target = target[key] as Json
  target[keys.at(-1) as string] = value
  return copy
}

describe('the example config file', () => {
  it('is valid, and a live kiosk as a fleet would run it', async () => {
    const config = await loadConfigFile(EXAMPLE_PATH)
    expect(config).toMatchObject({
      kioskId: 'oslo-storgata-01',
      mode: 'live',
      assure: { baseUrl: 'https://api.signicat.com', clientId: expect.any(String) },
      verification: { archiveFolder: expect.stringMatching(/^\//) },
      facetec: { sdkFolder: expect.stringMatching(/^\//) },
      window: { kiosk: true },
      security: { allowPlaintextKeyStore: false },
      site: 'Oslo Storgata',
      telemetry: {
        endpoint: 'https://otel-collector.bank.example:4318',
        headers: { Authorization: { env: 'KIOSK_OTEL_AUTHORIZATION' } }
      }
    })
    expect(() => parsePinHash(config.staff.pinHash ?? '')).not.toThrow()
  })

  it('spells out every field that has a default, so operators see all there is to set', () => {
    const written = new Set(leafPaths(example()))
    const missing = leafPaths(parseConfig({})).filter((path) => !written.has(path))
    expect(missing, 'add these fields to resources/config.example.json').toEqual([])
  })

  it('has every field documented in the README’s configuration table', () => {
    // Each row names its field in backticks, siblings after a slash by their last name only:
    // `assure.timeouts.connectMs` / `headersMs`. A documented field covers what lies below it
    // (`telemetry.headers` covers each header the example sets).
    const readme = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8')
    const documented = new Set<string>()
    for (const [, cell = ''] of readme.matchAll(/^\| (`[^|]+) \|/gm)) {
      const names = [...cell.matchAll(/`([\w.]+)`/g)].map(([, name = '']) => name)
      const [first = ''] = names
      const parent = first.split('.').slice(0, -1).join('.')
      for (const name of names) documented.add(name.includes('.') || !parent ? name : `${parent}.${name}`)
    }
    const covered = (path: string): boolean =>
      path.split('.').some((_, index, keys) => documented.has(keys.slice(0, index + 1).join('.')))
    const undocumented = leafPaths(example()).filter((path) => !covered(path))
    expect(undocumented, 'add a row for these to the README’s configuration table').toEqual([])
  })

  it('also spells out the optional fields without a default', () => {
    const written = new Set(leafPaths(example()))
    for (const path of [
      'assure.tokenUrl',
      'assure.clientId',
      'assure.paths.startVerification',
      'assure.paths.image',
      'assure.paths.setImages',
      'assure.paths.download',
      'verification.archiveFolder',
      'facetec.sdkFolder',
      'staff.pinHash',
      'window.kiosk',
      'site',
      'telemetry.endpoint',
      'telemetry.headers.Authorization.env'
    ]) {
      expect(written.has(path), path).toBe(true)
    }
  })

  it('holds no secret: the schema refuses one, and the example names none', () => {
    expect(readFileSync(EXAMPLE_PATH, 'utf8')).not.toMatch(/secret/i)
    expect(() => parseConfig(exampleWith('assure.clientSecret', 'hunter2'))).toThrow(/assure: .*clientSecret/)
  })
})

/** [what is wrong, the file's content, the field path the error must name]. */
const badFiles: Array<[string, Json | unknown[], string]> = [
  // wrong types
  ['kioskId as a number', exampleWith('kioskId', 12), 'kioskId'],
  ['a timeout as a string', exampleWith('assure.timeouts.connectMs', '5000'), 'assure.timeouts.connectMs'],
  ['retention as a string', exampleWith('verification.retentionDays', '30'), 'verification.retentionDays'],
  ['archiveOn as a string, not a list', exampleWith('verification.archiveOn', 'accepted'), 'verification.archiveOn'],
  ['languages as a string, not a list', exampleWith('journey.languages', 'nb'), 'journey.languages'],
  ['kiosk mode as "yes"', exampleWith('window.kiosk', 'yes'), 'window.kiosk'],
  ['a boolean as 1', exampleWith('security.allowPlaintextKeyStore', 1), 'security.allowPlaintextKeyStore'],
  ['null where a boolean belongs', exampleWith('facetec.allowUnsafeEval', null), 'facetec.allowUnsafeEval'],
  ['a section as a list', exampleWith('assure', []), 'assure'],
  ['a fractional idle time', exampleWith('journey.idleTimeoutSeconds', 60.5), 'journey.idleTimeoutSeconds'],
  ['the whole file a list', [], '(root)'],
  // unknown keys (typos, and things that must never be in the file)
  ['a misspelt top-level key', exampleWith('kioskID', 'x'), '(root)'],
  ['a misspelt nested key', exampleWith('journey.idleTimeout', 60), 'journey'],
  ['a client secret in the file', exampleWith('assure.clientSecret', 'hunter2'), 'assure'],
  ['a plaintext staff PIN in the file', exampleWith('staff.pin', '482913'), 'staff'],
  ['an unknown Assure path', exampleWith('assure.paths.verify', '/x'), 'assure.paths'],
  [
    'a collector credential written into the file',
    exampleWith('telemetry.headers', { Authorization: 'Api-Token dt0c01.abc' }),
    'telemetry.headers.Authorization'
  ],
  [
    'a header credential from an env name with a space',
    exampleWith('telemetry.headers', { 'X-Api-Key': { env: 'MY KEY' } }),
    'telemetry.headers.X-Api-Key.env'
  ],
  [
    'a header value with a line break',
    exampleWith('telemetry.headers', { 'X-Scope-OrgID': 'a\r\nX-Evil: 1' }),
    'telemetry.headers.X-Scope-OrgID'
  ],
  [
    'a collector endpoint that is not http(s)',
    exampleWith('telemetry.endpoint', 'grpc://otel:4317'),
    'telemetry.endpoint'
  ],
  [
    'an export interval of one second',
    exampleWith('telemetry.exportIntervalSeconds', 1),
    'telemetry.exportIntervalSeconds'
  ],
  ['a site with a slash', exampleWith('site', 'Oslo/Storgata'), 'site'],
  // relative paths
  ['a relative archive folder', exampleWith('verification.archiveFolder', 'archive'), 'verification.archiveFolder'],
  ['a ./relative SDK folder', exampleWith('facetec.sdkFolder', './facetec-sdk'), 'facetec.sdkFolder'],
  ['a ../relative SDK folder', exampleWith('facetec.sdkFolder', '../facetec-sdk'), 'facetec.sdkFolder'],
  ['an empty archive folder', exampleWith('verification.archiveFolder', ''), 'verification.archiveFolder'],
  // bad URLs
  ['an ftp base URL', exampleWith('assure.baseUrl', 'ftp://api.signicat.com'), 'assure.baseUrl'],
  ['a base URL without a scheme', exampleWith('assure.baseUrl', 'api.signicat.com'), 'assure.baseUrl'],
  ['a javascript: base URL', exampleWith('assure.baseUrl', 'javascript:alert(1)'), 'assure.baseUrl'],
  ['a file: token URL', exampleWith('assure.tokenUrl', 'file:///etc/passwd'), 'assure.tokenUrl'],
  ['an empty token URL', exampleWith('assure.tokenUrl', ''), 'assure.tokenUrl'],
  // FaceTec servers: https origins only (they go into the live CSP as they are)
  [
    'an http FaceTec server',
    exampleWith('facetec.serverOrigins', ['http://facetec.bank.example']),
    'facetec.serverOrigins.0'
  ],
  [
    'a FaceTec server with a path',
    exampleWith('facetec.serverOrigins', ['https://api.facetec.com', 'https://facetec.bank.example/api']),
    'facetec.serverOrigins.1'
  ],
  [
    'a wildcard FaceTec server',
    exampleWith('facetec.serverOrigins', ['https://*.facetec.com']),
    'facetec.serverOrigins.0'
  ],
  [
    'FaceTec servers as a string',
    exampleWith('facetec.serverOrigins', 'https://api.facetec.com'),
    'facetec.serverOrigins'
  ],
  [
    'a path template with an unknown placeholder',
    exampleWith('assure.paths.image', '/assure/dossiers/{dossier}/images'),
    'assure.paths.image'
  ],
  [
    'a path template with a query that is not name=value pairs',
    exampleWith('assure.paths.download', '/download?all'),
    'assure.paths.download'
  ],
  [
    'a path template with a fragment',
    exampleWith('assure.paths.image', '/images?depiction={depiction}#x'),
    'assure.paths.image'
  ],
  // bad PIN hashes
  ['a plaintext PIN as the hash', exampleWith('staff.pinHash', '482913'), 'staff.pinHash'],
  [
    'a bcrypt hash',
    exampleWith('staff.pinHash', '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW'),
    'staff.pinHash'
  ],
  [
    'a truncated scrypt hash',
    exampleWith('staff.pinHash', 'scrypt$32768$8$1$7Q5VZyD+NXGUgIVqoObIqA=='),
    'staff.pinHash'
  ],
  [
    'a scrypt hash with a space',
    exampleWith('staff.pinHash', 'scrypt$32768$8$1$7Q5VZyD+NXGU gIVqoObIqA==$obfW602kq'),
    'staff.pinHash'
  ],
  // languages
  ['a default language not offered', { ...exampleWith('journey.languages', ['en', 'sv']) }, 'journey.defaultLanguage'],
  ['an unsupported language', exampleWith('journey.languages', ['nb', 'de']), 'journey.languages.1'],
  ['no languages at all', exampleWith('journey.languages', []), 'journey.languages'],
  // values out of range or not in the list
  ['an unknown mode', exampleWith('mode', 'production'), 'mode'],
  ['a kiosk id with spaces', exampleWith('kioskId', 'Oslo Storgata 1'), 'kioskId'],
  ['a kiosk id with a path in it', exampleWith('kioskId', '../etc'), 'kioskId'],
  [
    'an unknown final status to archive',
    exampleWith('verification.archiveOn', ['approved']),
    'verification.archiveOn.0'
  ],
  [
    'an idle time too short to read the screen',
    exampleWith('journey.idleTimeoutSeconds', 5),
    'journey.idleTimeoutSeconds'
  ],
  ['no liveness attempt at all', exampleWith('journey.maxLivenessAttempts', 0), 'journey.maxLivenessAttempts'],
  ['zero retention', exampleWith('verification.retentionDays', 0), 'verification.retentionDays'],
  ['a window narrower than any screen', exampleWith('window.width', 100), 'window.width'],
  ['an overall timeout of 10 ms', exampleWith('assure.timeouts.totalMs', 10), 'assure.timeouts.totalMs'],
  ['an unknown reference source', exampleWith('journey.referenceSource', 'camera'), 'journey.referenceSource'],
  ['a staff session of zero minutes', exampleWith('staff.sessionMinutes', 0), 'staff.sessionMinutes']
]

describe('a bad config file', () => {
  it.each(badFiles)('is refused, naming the field: %s', async (_what, content, field) => {
    const dir = await tempDir('kiosk-config')
    const path = join(dir, 'config.json')
    await writeFile(path, JSON.stringify(content, null, 2))
    const attempt = loadConfigFile(path)
    await expect(attempt).rejects.toBeInstanceOf(ConfigError)
    const message = await attempt.then(
      () => '',
      (error: unknown) => (error as Error).message
    )
    expect(message).toContain(`${path} is invalid`)
    expect(message.split('\n').slice(1)).toContainEqual(
      expect.stringMatching(new RegExp(`^  ${field.replace(/[.()]/g, '\\$&')}: `))
    )
  })

  it('is refused with every bad field named at once', () => {
    let content = exampleWith('kioskId', 'has spaces')
    content = { ...content, assure: { ...(content.assure as Json), baseUrl: 'ftp://x' }, staff: { pinHash: '482913' } }
    const attempt = () => parseConfig(content, 'kiosk.json')
    expect(attempt).toThrow(ConfigError)
    expect(attempt).toThrow(/kioskId: [\s\S]*assure\.baseUrl: [\s\S]*staff\.pinHash: /)
  })

  it('that is not JSON (a trailing comma, a comment) says so', async () => {
    const dir = await tempDir('kiosk-config')
    for (const text of ['{ "kioskId": "a", }', '{ // comment\n "kioskId": "a" }']) {
      const path = join(dir, 'config.json')
      await writeFile(path, text)
      await expect(loadConfigFile(path)).rejects.toThrow(/config\.json is not valid JSON/)
    }
  })
})
