/**
 * The app's own origin. The renderer and the operator's FaceTec SDK folder are served from a custom
 * scheme instead of file://, because the SDK starts a Web Worker and fetches .wasm/.data files from its
 * resource directory, which file:// pages cannot do, and because a `standard` + `secure` scheme gives
 * the page a real origin (for the IPC sender check, CSP 'self', localStorage and getUserMedia).
 */
export const APP_SCHEME = 'assure-kiosk'
export const APP_HOST = 'app'
export const APP_ORIGIN_URL = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN_URL}/index.html`

/** Privileges for `protocol.registerSchemesAsPrivileged`; must be registered before `app` is ready. */
export const APP_SCHEME_PRIVILEGES = {
  /** Relative URLs, a real origin, web storage, and workers (the FaceTec SDK needs all four). */
  standard: true,
  /** A secure context: getUserMedia and WebAssembly streaming compile need it. */
  secure: true,
  /** fetch()/XHR to the scheme: the SDK's Emscripten loader fetches its .wasm and .data files. */
  supportFetchAPI: true,
  /** Range requests and streaming for media (FaceTec's vocal-guidance audio). */
  stream: true,
  /** Keep V8's code cache for our scripts between starts. */
  codeCache: true,
  /** No service worker may intercept the kiosk's own files. */
  allowServiceWorkers: false,
  /** Don't let the scheme bypass the CSP we send. */
  bypassCSP: false,
  corsEnabled: false
} as const

/** The parts of Electron's `protocol` module this file needs. */
export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: typeof APP_SCHEME_PRIVILEGES }>): void
}

export function registerAppScheme(protocol: ProtocolLike): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])
}
