/**
 * What the page could still send out past its CSP. Chromium's CSP has no say over WebRTC (it does not
 * know the `webrtc` directive), so a malicious SDK or injected script could gather ICE candidates and
 * send STUN packets, or whole media streams, to any address it likes. The kiosk never uses WebRTC.
 *
 * - `disable_non_proxied_udp` on every webContents: no UDP leaves for a STUN/TURN server or a peer
 *   (measured in Chromium: none reaches a local listener). This is the strongest policy Electron offers;
 *   it does not stop TURN over TCP/TLS (README, Security: what is left).
 * - Resource hints: Electron turns a page's `<link rel=preconnect>` into the session's `preconnect`
 *   event and opens no connection itself; the kiosk never acts on it, only logs it, since its own page
 *   never asks for one.
 */
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
