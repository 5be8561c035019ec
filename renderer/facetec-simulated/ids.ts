/** Session ids and the X-User-Agent string. */
import { SIMULATED_SDK_VERSION } from './version'

export function newSessionId(): string {
  return crypto.randomUUID()
}

/**
 * The real 9.7.27 format, as measured before initialization:
 * `facetec|sdk|web|<page host>||NOT-INITIALIZED|unset|<version>|<browser locale>|<its language>`,
 * then `|<sessionId>` when one is given. What the two middle fields become once the real SDK is
 * initialized was not measurable offline, so the simulator keeps the measured values.
 */
export function userAgentString(sessionId: string): string {
  const locale = navigator.language
  const fields = [
    'facetec',
    'sdk',
    'web',
    location.hostname,
    '',
    'NOT-INITIALIZED',
    'unset',
    SIMULATED_SDK_VERSION,
    locale,
    locale.split('-')[0] ?? locale
  ]
  if (sessionId) fields.push(sessionId)
  return fields.join('|')
}
