import { request, type Dispatcher } from 'undici'
import type { Clock } from '../lib/clock'
import type { Probe } from './monitor'

/**
 * The cheap probe: a HEAD request to the Assure host. Any HTTP answer, even 401 or 404, proves the
 * network path and the host are up; only a connection failure or timeout counts as unreachable.
 */
export function createHttpProbe(options: { url: string; dispatcher: Dispatcher; clock: Clock }): Probe {
  const { url, dispatcher, clock } = options
  return async (signal) => {
    const started = clock.now()
    try {
      const response = await request(url, { method: 'HEAD', dispatcher, signal })
      await response.body.dump()
      return { reachable: true, latencyMs: clock.now() - started }
    } catch (error) {
      const code = (error as { code?: unknown }).code
      return {
        reachable: false,
        reason: typeof code === 'string' ? code : error instanceof Error ? error.name : 'error'
      }
    }
  }
}
