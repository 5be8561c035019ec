/**
 * Answers every request on the app origin (the custom scheme in Electron; the loopback server in the
 * end-to-end harness uses this same function, so both lay the origin out identically):
 *   /                      -> the renderer's index.html
 *   /<file>                -> the built renderer (out/renderer)
 *   /facetec-sdk/<file>    -> the operator's FaceTec Browser SDK folder (or demo mode's simulated one)
 *
 * Every answer, whatever its path, type or status, carries the Content-Security-Policy: a document
 * takes its policy from its own response and a Web Worker from its script's, and Chromium decides
 * what is a document or a script by content, not by our file extensions, so no response goes out
 * without one. A request for another host is refused before any file is read.
 */
import { FACETEC_SDK_MOUNT } from '../../preload/api'
import { contentSecurityPolicy, workerScriptPolicy, type CspOptions } from './csp'
import type { SdkManifest } from './sdk-folder'
import { plain, serveFromFolder } from './static-files'

export const SDK_MOUNT = FACETEC_SDK_MOUNT
/** The SDK's resource directory (sdkLocation in the renderer): its Web Worker script lives here. */
export const SDK_RESOURCES = `${SDK_MOUNT}core-sdk/FaceTecSDK.js/resources/`

export interface AppRequestHandlerOptions {
  /** The origin the handler answers for (`assure-kiosk://app`, or the harness's loopback origin). */
  origin: string
  rendererRoot: string
  /** The FaceTec SDK folder; requests below SDK_MOUNT answer 404 when absent. */
  sdkRoot?: string | null
  /**
   * What the SDK folder held when the kiosk started (./sdk-folder.ts): when given, only those files,
   * unchanged, are served from it, so a file swapped while the kiosk runs never reaches the page.
   */
  sdkManifest?: SdkManifest | null
  /** The mode's policy (./csp.ts); demo mode's strict one when absent. */
  csp?: CspOptions
}

export type AppRequestHandler = (request: Request) => Promise<Response>

export function createAppRequestHandler(options: AppRequestHandlerOptions): AppRequestHandler {
  const expected = new URL(options.origin)
  const documentPolicy = contentSecurityPolicy(options.csp)
  const workerPolicy = workerScriptPolicy(options.csp)
  const securityHeaders = (pathname: string): Record<string, string> => ({
    // Only the SDK's resource directory holds its worker; 'unsafe-eval' (live mode) goes there alone.
    'Content-Security-Policy':
      pathname.startsWith(SDK_RESOURCES) && /\.m?js$/i.test(pathname) ? workerPolicy : documentPolicy,
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY'
  })
  const manifest = options.sdkManifest
  const sdkCheck = manifest ? (realFile: string, body: Uint8Array) => manifest.matches(realFile, body) : undefined

  const answer = async (request: Request, url: URL): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405)
    // Another host on our scheme (`assure-kiosk://evil/`), or a rebinding name pointed at the harness's
    // loopback port: not ours to answer.
    if (url.protocol !== expected.protocol || url.host !== expected.host) return plain(421)
    // Keep the path percent-encoded: static-files decodes segment by segment, so an encoded slash
    // or dot-dot cannot sneak past the segment checks.
    const { pathname } = url
    if (pathname.startsWith(SDK_MOUNT)) {
      if (!options.sdkRoot) return plain(404)
      return serveFromFolder(options.sdkRoot, pathname.slice(SDK_MOUNT.length), { verify: sdkCheck })
    }
    const path = pathname === '/' ? '/index.html' : pathname
    return serveFromFolder(options.rendererRoot, path)
  }

  return async (request) => {
    let url: URL
    try {
      url = new URL(request.url)
    } catch {
      return withHeaders(plain(400), securityHeaders('/'))
    }
    return withHeaders(await answer(request, url), securityHeaders(url.pathname))
  }
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value)
  return response
}
