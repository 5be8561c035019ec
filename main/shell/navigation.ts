/**
 * Keeps every webContents on the app's own origin: no navigation or redirect elsewhere, no new
 * windows, no <webview>. Installed through `app.on('web-contents-created')`, so it also covers
 * contents created later (e.g. by the FaceTec SDK), not only the kiosk window.
 */
import type { Logger } from '../log/logger'
import { isAppUrl, type AppOrigin } from '../ipc/sender-policy'

/**
 * Same scheme, same host (port included), no user info: parsed, never compared as text, so
 * `assure-kiosk://app.evil/`, `assure-kiosk://app@evil/` and friends are refused.
 */
export function isAllowedNavigation(url: string, origin: AppOrigin): boolean {
  return isAppUrl(url, origin)
}

interface PreventableEvent {
  preventDefault(): void
}

/** The parts of Electron's `WebContents` the lock needs (a real WebContents satisfies it). */
export interface NavigationTarget {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

export function lockNavigation(contents: NavigationTarget, origin: AppOrigin, log: Logger): void {
  const scoped = log.child('navigation')
  const guard =
    (kind: 'will-navigate' | 'will-redirect') =>
    (event: PreventableEvent, url: string): void => {
      if (isAllowedNavigation(url, origin)) return
      event.preventDefault()
      scoped.warn('blocked a navigation', { kind, to: originForLog(url) })
    }
  contents.on('will-navigate', guard('will-navigate'))
  contents.on('will-redirect', guard('will-redirect'))
  // webviewTag is off in the window's preferences; this also refuses one attached any other way.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    scoped.warn('blocked a webview')
  })
  // The kiosk has one window. Links with target=_blank, window.open and middle-clicks all end here.
  contents.setWindowOpenHandler(({ url }) => {
    scoped.warn('blocked a new window', { to: originForLog(url) })
    return { action: 'deny' }
  })
}

/** What the logs say about a URL: its origin only (paths and queries may carry personal data). */
export function originForLog(url: string): string {
  try {
    const parsed = new URL(url)
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : parsed.protocol
  } catch {
    return 'unparseable'
  }
}
