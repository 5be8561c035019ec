/**
 * The app origin serves two folders (the renderer and the FaceTec SDK). Nothing outside them may be
 * reachable, however the path is spelled.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createAppRequestHandler } from '../../../main/app-origin/app-request-handler'
import { FACETEC_SDK_MOUNT as SDK_MOUNT } from '../../../preload/api'
import {
  contentSecurityPolicy,
  FACETEC_SERVER_ORIGIN,
  isHttpsOrigin,
  type CspOptions
} from '../../../main/app-origin/csp'
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
  await writeFile(join(base, 'secret.txt'), 'TOP SECRET')
  await writeFile(join(sdk, 'core-sdk', 'FaceTecSDK.js', 'FaceTecSDK.js'), 'var FaceTecSDK = {}')
  await writeFile(join(sdk, 'core-sdk', 'FaceTecSDK.js', 'resources', 'abc.wasm'), new Uint8Array([0, 97, 115, 109]))
  await writeFile(join(sdk, 'core-sdk', 'FaceTecSDK.js', 'resources', 'abc.data'), 'data')
  await symlink(join(base, 'secret.txt'), join(sdk, 'escape.txt'))
  await symlink(base, join(sdk, 'escape-dir'))
  await symlink(join(sdk, 'core-sdk', 'FaceTecSDK.js', 'FaceTecSDK.js'), join(sdk, 'inside-link.js'))
})

const get = (url: string, method = 'GET') =>
  createAppRequestHandler({ rendererRoot: renderer, sdkRoot: sdk })(new Request(url, { method }))

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
    "frame-src 'none'"
  ]
  const live: CspOptions = { mode: 'live', allowEval: true, faceTecServers: [FACETEC_SERVER_ORIGIN] }

  it('in demo mode (and by default) allows only the app origin, WebAssembly and the camera stream', () => {
    expect(contentSecurityPolicy().split('; ')).toEqual(strict)
    expect(contentSecurityPolicy({ mode: 'demo' })).toBe(contentSecurityPolicy())
  })

  it("in live mode adds exactly what the real SDK needs: eval for its worker, FaceTec's server, inline sounds", () => {
    expect(contentSecurityPolicy(live).split('; ')).toEqual([
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
      "frame-src 'none'"
    ])
  })

  it("leaves out 'unsafe-eval' when the operator turns it off, and names on-premise FaceTec servers instead", () => {
    const policy = contentSecurityPolicy({
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

  it("goes with the SDK's scripts (its worker included), not with its data files", async () => {
    const handler = createAppRequestHandler({ rendererRoot: renderer, sdkRoot: sdk, csp: live })
    const page = await handler(new Request('http://127.0.0.1:1/'))
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy(live))
    const script = await handler(new Request(`http://127.0.0.1:1${SDK_MOUNT}core-sdk/FaceTecSDK.js/FaceTecSDK.js`))
    expect(script.headers.get('content-security-policy')).toBe(contentSecurityPolicy(live))
    const wasm = await handler(new Request(`http://127.0.0.1:1${SDK_MOUNT}core-sdk/FaceTecSDK.js/resources/abc.wasm`))
    expect(wasm.status).toBe(200)
    expect(wasm.headers.get('content-security-policy')).toBeNull()
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
    const handler = createAppRequestHandler({ rendererRoot: renderer, sdkRoot: null })
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
