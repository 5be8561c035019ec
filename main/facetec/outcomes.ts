/**
 * How FaceTec is doing, as the renderer reports it: every initialization and session outcome is written
 * to main's log (so staff and support can tell why the kiosk went out of service), and the last one is
 * kept for staff diagnostics. The contract's schema has already refused anything but codes.
 */
import type { FaceTecOutcome, FaceTecOutcomeRecord } from '../../preload/api'
import type { Clock } from '../lib/clock'
import type { LogFields, Logger } from '../log/logger'

export interface FaceTecOutcomes {
  /** Logs how an initialization or session ended, and keeps it as the last. */
  report(outcome: FaceTecOutcome): null
  /** The last outcome since the kiosk started, or null. */
  last(): FaceTecOutcomeRecord | null
}

const MESSAGES = {
  initialization: { ok: 'FaceTec initialized', failed: 'FaceTec could not initialize' },
  session: { ok: 'a FaceTec session ended with a capture', failed: 'a FaceTec session ended without a capture' }
} as const

export function createFaceTecOutcomes(deps: { log: Logger; clock: Clock; simulated: boolean }): FaceTecOutcomes {
  const log = deps.log.child('facetec')
  let last: FaceTecOutcomeRecord | null = null

  return {
    report(outcome) {
      last = { ...outcome, at: new Date(deps.clock.now()).toISOString(), simulated: deps.simulated }
      const fields: LogFields = {
        status: outcome.status?.code ?? null,
        statusName: outcome.status?.name ?? null,
        reason: outcome.reason,
        action: outcome.action,
        mode: outcome.mode,
        sdkVersion: outcome.sdkVersion,
        simulated: deps.simulated,
        ...(outcome.phase === 'session' ? { scans: outcome.scans } : {}),
        ...(outcome.errorCodes.length > 0 ? { errorCodes: outcome.errorCodes } : {})
      }
      const message = MESSAGES[outcome.phase][outcome.ok ? 'ok' : 'failed']
      // The kiosk turning people away is an error; a failure it recovers from (a retry) a warning.
      if (outcome.action === 'out-of-service') log.error(message, fields)
      else if (outcome.action === 'call-staff' || (!outcome.ok && outcome.phase === 'initialization'))
        log.warn(message, fields)
      else log.info(message, fields)
      return null
    },
    last: () => last
  }
}
