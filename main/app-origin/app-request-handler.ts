/**
 * Answers every request on the app origin (the custom scheme in Electron; the loopback server in the
 * end-to-end harness uses this same function, so both lay the origin out identically):
 *   /                      -> the renderer's index.html
 *   /<file>                -> the built renderer (out/renderer)
 *   /facetec-sdk/<file>    -> the operator's FaceTec Browser SDK folder (or demo mode's simulated one)
 */
import { FACETEC_SDK_MOUNT } from '../../preload/api'
import { contentSecurityPolicy, type CspOptions } from './csp'
import { plain, serveFromFolder } from './static-files'

export interface AppRequestHandlerOptions {
  rendererRoot: string
  /** The FaceTec SDK folder; requests below FACETEC_SDK_MOUNT answer 404 when absent. */
  sdkRoot?: string | null
  /** The mode's policy (./csp.ts); demo mode's strict one when absent. */
  csp?: CspOptions
}

export type AppRequestHandler = (request: Request) => Promise<Response>

export function createAppRequestHandler(options: AppRequestHandlerOptions): AppRequestHandler {
  const csp = contentSecurityPolicy(options.csp)
  // A document takes its policy from its HTML; a Web Worker from its own script's response, so every
  // script carries the policy too (the FaceTec SDK starts a worker from a file in its folder).
  const policyHeaders = (filePath: string): Record<string, string> => {
    if (filePath.endsWith('.html'))
      return { 'Content-Security-Policy': csp, 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' }
    if (/\.m?js$/.test(filePath)) return { 'Content-Security-Policy': csp }
    return {}
  }

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405)
    let pathname: string
    try {
      // Keep the path percent-encoded: static-files decodes segment by segment, so an encoded slash
      // or dot-dot cannot sneak past the segment checks.
      pathname = new URL(request.url).pathname
    } catch {
      return plain(400)
    }
    if (pathname.startsWith(FACETEC_SDK_MOUNT)) {
      if (!options.sdkRoot) return plain(404)
      return serveFromFolder(options.sdkRoot, pathname.slice(FACETEC_SDK_MOUNT.length), { headersFor: policyHeaders })
    }
    const path = pathname === '/' ? '/index.html' : pathname
    return serveFromFolder(options.rendererRoot, path, { headersFor: policyHeaders })
  }
}
