/**
 * Who may call main: only the app's own top-level frame, on the app's own origin (VS Code's
 * ValidatedIpcMain does the same). A sub-frame, a page that navigated elsewhere, or a frame that is
 * already gone is refused, whatever it sends.
 */

/** The parts of Electron's `WebFrameMain` that the check reads. */
export interface SenderFrame {
  readonly url: string
  readonly parent: unknown
}

/** The app's origin, e.g. `{ protocol: 'assure-kiosk:', host: 'app' }` or a loopback http origin. */
export interface AppOrigin {
  readonly protocol: string
  readonly host: string
}

export function appOriginOf(url: string): AppOrigin {
  const parsed = new URL(url)
  return { protocol: parsed.protocol, host: parsed.host }
}

/**
 * Compares protocol and host explicitly: for a custom scheme, `URL.origin` is the opaque "null", so
 * comparing origins would accept every custom-scheme page alike.
 */
export function isAppUrl(url: string, origin: AppOrigin): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  return (
    parsed.protocol === origin.protocol &&
    parsed.host === origin.host &&
    parsed.username === '' &&
    parsed.password === ''
  )
}

export function isTrustedSender(frame: SenderFrame | null | undefined, origin: AppOrigin): boolean {
  if (!frame) return false
  if (frame.parent !== null) return false
  return isAppUrl(frame.url, origin)
}
