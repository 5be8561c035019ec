/**
 * The navigation lock: every webContents stays on the app's origin. Hostile URLs are a table, run
 * through the pure check and through the real event wiring on a stand-in webContents.
 */
import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { appOriginOf } from '../../../main/ipc/sender-policy'
import { APP_ENTRY_URL } from '../../../main/shell/app-scheme'
import { isAllowedNavigation, lockNavigation, type NavigationTarget } from '../../../main/shell/navigation'
import { createLogger } from '../../../main/log/logger'
import { memorySink } from '../../support/log'

const appOrigin = appOriginOf(APP_ENTRY_URL)

const sameOrigin = [
  'assure-kiosk://app/index.html',
  'assure-kiosk://app/',
  'assure-kiosk://app',
  'assure-kiosk://app/index.html#/result',
  'assure-kiosk://app/facetec-sdk/core-sdk/FaceTecSDK.js/FaceTecSDK.js?v=9',
  // Schemes are case-insensitive for every parser.
  'ASSURE-KIOSK://app/index.html'
]

const hostile: Array<[string, string]> = [
  ['another https origin', 'https://evil.example/'],
  ['the same host name on https', 'https://app/index.html'],
  ['the same host name on http', 'http://app/index.html'],
  ['a look-alike host with a suffix', 'assure-kiosk://app.evil.example/index.html'],
  ['a look-alike host with a prefix', 'assure-kiosk://evil-app/index.html'],
  ['a look-alike host, one letter more', 'assure-kiosk://apps/index.html'],
  ['a look-alike host, one letter less', 'assure-kiosk://ap/index.html'],
  ['a host with a trailing dot', 'assure-kiosk://app./index.html'],
  ['a host with an explicit port', 'assure-kiosk://app:443/index.html'],
  ['a homoglyph host (Cyrillic a)', 'assure-kiosk://\u0430pp/index.html'],
  ['an upper-case host (refused: fails closed)', 'assure-kiosk://APP/index.html'],
  ['user info naming the app, host elsewhere', 'assure-kiosk://app@evil.example/index.html'],
  ['user info in front of the app host', 'assure-kiosk://evil@app/index.html'],
  ['user and password in front of the app host', 'assure-kiosk://user:secret@app/index.html'],
  ['https with user info naming the app', 'https://assure-kiosk:app@evil.example/'],
  ['file:// to a system file', 'file:///etc/passwd'],
  ['file:// to a Windows path', 'file:///C:/Windows/System32/calc.exe'],
  ['file:// with the app host', 'file://app/index.html'],
  ['javascript:', 'javascript:alert(document.domain)'],
  ['data: HTML', 'data:text/html,<script>alert(1)</script>'],
  ['data: base64', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
  ['blob: from the app origin', 'blob:assure-kiosk://app/5c1f6f54-1b7a-4ad1-9c0e-2f1a3d4b5c6d'],
  ['about:blank', 'about:blank'],
  ['about:srcdoc', 'about:srcdoc'],
  ['chrome: internals', 'chrome://settings/'],
  ['devtools:', 'devtools://devtools/bundled/inspector.html'],
  ['mailto:', 'mailto:someone@example.com'],
  ['a custom OS scheme', 'ms-settings:privacy-webcam'],
  ['another custom scheme', 'zoommtg://zoom.us/join?confno=1'],
  ['the app scheme without slashes', 'assure-kiosk:app/index.html'],
  ['a scheme-relative URL (unparseable on its own)', '//app/index.html'],
  ['an empty string', ''],
  ['garbage', 'not a url at all']
]

describe('which URLs the kiosk may navigate to', () => {
  it.each(sameOrigin)('allows its own origin: %s', (url) => {
    expect(isAllowedNavigation(url, appOrigin)).toBe(true)
  })

  it.each(hostile)('refuses %s', (_name, url) => {
    expect(isAllowedNavigation(url, appOrigin)).toBe(false)
  })

  it('applies the same rules to the development server’s origin, port included', () => {
    const devOrigin = appOriginOf('http://localhost:5173/')
    expect(isAllowedNavigation('http://localhost:5173/src/main.tsx', devOrigin)).toBe(true)
    for (const url of [
      'http://localhost:5174/',
      'https://localhost:5173/',
      'http://127.0.0.1:5173/',
      'http://localhost:5173@evil.example/',
      'http://localhost/'
    ]) {
      expect(isAllowedNavigation(url, devOrigin), url).toBe(false)
    }
  })
})

/** A webContents stand-in: a real event emitter plus the window-open handler slot. */
class FakeContents extends EventEmitter implements NavigationTarget {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler
  }
}

function navigate(
  contents: FakeContents,
  event: 'will-navigate' | 'will-redirect' | 'will-attach-webview',
  url?: string
): boolean {
  const preventDefault = vi.fn()
  contents.emit(event, { preventDefault }, url)
  return preventDefault.mock.calls.length > 0
}

describe('the lock on a webContents', () => {
  const locked = () => {
    const sink = memorySink()
    const contents = new FakeContents()
    lockNavigation(contents, appOrigin, createLogger({ sink }))
    return { contents, records: sink.records }
  }

  it.each(hostile)('prevents navigating and redirecting to %s', (_name, url) => {
    const { contents } = locked()
    expect(navigate(contents, 'will-navigate', url)).toBe(true)
    expect(navigate(contents, 'will-redirect', url)).toBe(true)
  })

  it('lets the app move within its own origin', () => {
    const { contents, records } = locked()
    for (const url of sameOrigin) {
      expect(navigate(contents, 'will-navigate', url)).toBe(false)
      expect(navigate(contents, 'will-redirect', url)).toBe(false)
    }
    expect(records).toEqual([])
  })

  it('refuses every new window, even one on the app’s own origin', () => {
    const { contents } = locked()
    expect(contents.openHandler).not.toBeNull()
    for (const url of [APP_ENTRY_URL, 'https://evil.example/', 'about:blank', '']) {
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' })
    }
  })

  it('refuses every <webview>', () => {
    const { contents } = locked()
    expect(navigate(contents, 'will-attach-webview')).toBe(true)
  })

  it('logs what it blocked by origin only, never the path or query (they may name a person)', () => {
    const { contents, records } = locked()
    navigate(contents, 'will-navigate', 'https://evil.example/collect?name=Kari%20Nordmann&nin=01019012345')
    contents.openHandler?.({ url: 'https://popup.example/a/b?token=abc' })
    navigate(contents, 'will-navigate', 'data:text/html,<h1>Kari Nordmann</h1>')
    expect(records.map((record) => [record.scope, record.message, record.fields])).toEqual([
      ['main.navigation', 'blocked a navigation', { kind: 'will-navigate', to: 'https://evil.example' }],
      ['main.navigation', 'blocked a new window', { to: 'https://popup.example' }],
      ['main.navigation', 'blocked a navigation', { kind: 'will-navigate', to: 'data:' }]
    ])
    expect(JSON.stringify(records)).not.toMatch(/Kari|Nordmann|01019012345|abc/)
  })
})
