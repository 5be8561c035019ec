/** Session ids and the X-User-Agent string. */
import { SIMULATED_SDK_VERSION } from './version'

export function newSessionId(): string {
  return crypto.randomUUID()
}

/** Deterministic for a session id and opaque by contract (the real format is undocumented). */
export function userAgentString(sessionId: string): string {
  return `facetec|sdk|browser|${SIMULATED_SDK_VERSION}|${sessionId}`
}
