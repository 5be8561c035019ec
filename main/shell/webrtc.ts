/**
 * What the page could still send out past its CSP. Chromium's CSP has no say over WebRTC (it does not
 * know the `webrtc` directive), so a malicious SDK or injected script could gather ICE candidates and
 * send STUN packets, or whole media streams, to any address it likes. The kiosk never uses WebRTC.
 *
 * - `disable_non_proxied_udp` on every webContents: no UDP leaves for a STUN/TURN server or a peer
 *   (measured in Chromium: none reaches a local listener). What is left is TCP, which this policy
 *   sends through the session's proxy, so:
 * - The session's proxy is a black hole of main's own (a loopback port that closes every connection),
 *   for every destination but the few the page may reach: FaceTec's servers in live mode (and a
 *   developer's dev server). TURN over TCP/TLS, a preconnect or any other connection to anywhere else
 *   ends there. Loopback is proxied too (`<-loopback>`), so nothing local is reachable either. Main's
 *   own traffic (undici, to Assure) does not use the session and is not affected.
 * - Resource hints: Electron turns a page's `<link rel=preconnect>` into the session's `preconnect`
 *   event and opens no connection itself; the kiosk never acts on it, only logs it, since its own page
 *   never asks for one.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net'
import type { Logger } from '../log/logger'
import { originForLog } from './navigation'

export const WEBRTC_IP_HANDLING_POLICY = 'disable_non_proxied_udp'

/** The part of Electron's `WebContents` used here. */
export interface WebRtcTarget {
  setWebRTCIPHandlingPolicy(policy: typeof WEBRTC_IP_HANDLING_POLICY): void
}

export function limitWebRtc(contents: WebRtcTarget): void {
  contents.setWebRTCIPHandlingPolicy(WEBRTC_IP_HANDLING_POLICY)
}

/** The part of Electron's `Session` used here. */
export interface HintSession {
  on(event: 'preconnect', listener: (event: unknown, url: string, allowCredentials: boolean) => void): unknown
}

export function ignoreResourceHints(session: HintSession, log: Logger): void {
  const scoped = log.child('network')
  session.on('preconnect', (_event, url) => scoped.warn('ignored a preconnect request', { to: originForLog(url) }))
}

/** A loopback port that accepts and at once closes every connection: where unlisted traffic ends. */
export interface BlackHole {
  port: number
  close(): Promise<void>
}

export async function startBlackHole(): Promise<BlackHole> {
  const sockets = new Set<Socket>()
  const server = createServer((socket) => socket.destroy())
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}

/** Electron's `session.setProxy` configuration (the same rules Chromium takes as --proxy-server/--proxy-bypass-list). */
export interface RendererProxyConfig {
  mode: 'fixed_servers'
  proxyRules: string
  proxyBypassRules: string
}

/**
 * Everything through the black hole but `allowedOrigins` (http(s) origins: FaceTec's servers, a dev
 * server). `<-loopback>` first: Chromium would otherwise send loopback addresses around any proxy.
 */
export function rendererProxyConfig(blackHolePort: number, allowedOrigins: readonly string[]): RendererProxyConfig {
  const bypass = allowedOrigins.map((origin) => {
    const url = new URL(origin)
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin)
      throw new Error(`not an http(s) origin: ${JSON.stringify(origin)}`)
    return url.origin
  })
  return {
    mode: 'fixed_servers',
    proxyRules: `http://127.0.0.1:${blackHolePort}`,
    proxyBypassRules: ['<-loopback>', ...bypass].join(',')
  }
}
