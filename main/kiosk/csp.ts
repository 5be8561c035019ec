/**
 * The Content-Security-Policy sent with the renderer's HTML. One directive per line, each with the
 * reason it is there; anything not listed falls back to `default-src 'none'`.
 */
export interface CspOptions {
  /**
   * The FaceTec Browser SDK's Emscripten/embind glue calls `new Function`/`eval`, so the real SDK most
   * likely needs 'unsafe-eval' (see README, "FaceTec SDK"). Off for demo mode's simulated SDK.
   */
  allowEval?: boolean
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const directives: Array<[string, string]> = [
    // Nothing is allowed unless a directive below says so.
    ['default-src', "'none'"],
    // Our bundle and the SDK script, both from the app origin. No inline script. WebAssembly
    // compilation needs 'wasm-unsafe-eval'; the real SDK's glue code may also need 'unsafe-eval'.
    ['script-src', `'self' 'wasm-unsafe-eval'${options.allowEval ? " 'unsafe-eval'" : ''}`],
    // Our stylesheet; the FaceTec SDK builds its UI with inline style attributes and <style> tags.
    ['style-src', "'self' 'unsafe-inline'"],
    // App and SDK images; data:/blob: for the camera snapshots and audit-trail previews.
    ['img-src', "'self' data: blob:"],
    // The live camera stream and the SDK's vocal-guidance audio.
    ['media-src', "'self' blob: mediastream:"],
    // Only the app origin: the SDK fetches its .wasm/.data files. The renderer never talks to Assure.
    ['connect-src', "'self'"],
    // The SDK's Web Worker is a script file in its resource directory on the app origin.
    ['worker-src', "'self'"],
    ['font-src', "'self'"],
    // No <base> rewriting, no form posts, no plugins, no embedding of the kiosk in another page.
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['object-src', "'none'"],
    ['frame-ancestors', "'none'"],
    ['frame-src', "'none'"]
  ]
  return directives.map(([name, value]) => `${name} ${value}`).join('; ')
}
