/**
 * The Content-Security-Policy sent with the renderer's HTML and scripts, per mode. One directive per
 * line, each with the reason it is there; anything not listed falls back to `default-src 'none'`.
 *
 * Demo mode runs the simulated SDK (our own code, no eval, no sounds, no network) and keeps the
 * strictest policy the kiosk works with. Live mode runs the operator's real FaceTec SDK, which was
 * loaded through this very handler in Chromium and needs three things more (README, "FaceTec SDK"):
 * eval for its worker, its FaceTec server for development-mode initialization, and inline sounds.
 * Nothing else is widened for it, and eval only where it was measured to be needed: a dedicated
 * worker runs under the policy of its own script's response, so 'unsafe-eval' goes on the scripts of
 * the SDK's resource directory alone (workerScriptPolicy), never on the page (contentSecurityPolicy).
 */
export type CspOptions =
  | { mode: 'demo' }
  | {
      mode: 'live'
      /**
       * 'unsafe-eval' for the SDK's Web Worker (Emscripten/embind glue), which dies without it, as
       * loading the real 9.7.27 SDK showed; on the worker's scripts only, never on the page.
       * `facetec.allowUnsafeEval`; false when no SDK folder is configured.
       */
      allowEval: boolean
      /**
       * The FaceTec servers the SDK itself talks to, as https origins (`facetec.serverOrigins`):
       * FaceTec's https://api.facetec.com by default, or the operator's on-premise FaceTec server.
       */
      faceTecServers: readonly string[]
    }

const STRICT: CspOptions = { mode: 'demo' }

/** FaceTec's own server: where the SDK initializes in development mode (and FaceTec's Testing API). */
export const FACETEC_SERVER_ORIGIN = 'https://api.facetec.com'

/**
 * A plain https origin (scheme, host, optional port): no path, no wildcard, written as browsers
 * write it, so it means exactly one server in the policy and cannot smuggle in another directive.
 */
export function isHttpsOrigin(text: string): boolean {
  try {
    const url = new URL(text)
    return url.protocol === 'https:' && url.origin === text && !url.hostname.includes('*')
  } catch {
    return false
  }
}

/** The page's policy (and every response's but the worker's): never eval, in any mode. */
export function contentSecurityPolicy(options: CspOptions = STRICT): string {
  return policy(options, false)
}

/**
 * The policy for the scripts of the SDK's resource directory, which is where its Web Worker starts:
 * the page's, plus 'unsafe-eval' in live mode when `facetec.allowUnsafeEval` is on. The worker's
 * Emscripten/embind glue builds functions at run time (`new Function`); 'wasm-unsafe-eval', which the
 * page already has, covers WebAssembly compilation only, and the real 9.7.27 worker died without
 * 'unsafe-eval'.
 */
export function workerScriptPolicy(options: CspOptions = STRICT): string {
  return policy(options, options.mode === 'live' && options.allowEval)
}

function policy(options: CspOptions, allowEval: boolean): string {
  const live = options.mode === 'live' ? options : null
  for (const server of live?.faceTecServers ?? [])
    if (!isHttpsOrigin(server)) throw new Error(`not an https origin for the CSP: ${JSON.stringify(server)}`)
  const directives: Array<[string, string]> = [
    // Nothing is allowed unless a directive below says so.
    ['default-src', "'none'"],
    // Our bundle and the SDK script, both from the app origin. No inline script. WebAssembly
    // compilation needs 'wasm-unsafe-eval'; the real SDK's worker also needs 'unsafe-eval' (its
    // script's policy only, live only: workerScriptPolicy).
    ['script-src', `'self' 'wasm-unsafe-eval'${allowEval ? " 'unsafe-eval'" : ''}`],
    // Our stylesheet; the FaceTec SDK builds its UI with inline style attributes and <style> tags.
    ['style-src', "'self' 'unsafe-inline'"],
    // App and SDK images; data:/blob: for the camera snapshots and audit-trail previews.
    ['img-src', "'self' data: blob:"],
    // The live camera stream. In live mode also data:, because the real SDK's six vocal-guidance
    // sounds are inline data:audio/mpeg. We keep them rather than turning vocal guidance off through
    // customization: spoken prompts help visitors who cannot follow the screen well (the EU
    // Accessibility Act asks for more than one sense), data: media can carry no script, and whether
    // the SDK still loads its sounds with guidance off is not known.
    ['media-src', `'self' blob: mediastream:${live ? ' data:' : ''}`],
    // The app origin: the SDK fetches its .wasm/.data files. In live mode also FaceTec's servers, which
    // the SDK calls itself to initialize in development mode (blocked, no kiosk could initialize). The
    // renderer never talks to Assure: main does.
    ['connect-src', ["'self'", ...(live?.faceTecServers ?? [])].join(' ')],
    // The SDK's Web Worker is a script file in its resource directory on the app origin.
    ['worker-src', "'self'"],
    ['font-src', "'self'"],
    // No <base> rewriting, no form posts, no plugins, no embedding of the kiosk in another page.
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['object-src', "'none'"],
    ['frame-ancestors', "'none'"],
    ['frame-src', "'none'"],
    // The page runs sandboxed, keeping only scripts, its own origin (IPC sender check, storage, the
    // SDK's worker) and form events (the staff and ticket forms; form-action still posts nowhere).
    // Left out on purpose: allow-downloads (no download starts: blob, <a download>, or a navigation to
    // a binary file, any of which opens the OS's save dialog), allow-modals (no print dialog, alert or
    // confirm: native windows over the kiosk), allow-popups (no new window).
    ['sandbox', 'allow-scripts allow-same-origin allow-forms']
  ]
  return directives.map(([name, value]) => `${name} ${value}`).join('; ')
}
