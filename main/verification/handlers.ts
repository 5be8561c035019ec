/**
 * The bridge calls of a verification. The engine already refuses with the bridge's own errors
 * (ServiceError, with codes the renderer words), so these pass each call on, after what the renderer
 * may not decide for itself: whether this kiosk takes tickets, which visit a retry belongs to, and how
 * fast verifications are started at Assure (each one is a dossier and a process there).
 */
import type { JourneySettings } from '../../preload/api'
import type { IpcHandlers } from '../ipc/router'
import { ServiceError } from '../ipc/service-error'
import type { Clock } from '../lib/clock'
import type { VerificationEngine } from './engine'
import type { VisitorJobs } from './visitor-jobs'

/** A visitor prepares once, and again per retry: far fewer than this. A renderer looping does not get further. */
export const DEFAULT_PREPARES_PER_MINUTE = 12

export function verificationHandlers(
  engine: VerificationEngine,
  policy?: {
    referenceSource: JourneySettings['referenceSource']
    clock: Clock
    preparesPerMinute?: number
    /** The visitor's own jobs: the only ones the renderer may read, capture into or cancel. */
    visitor?: VisitorJobs
  }
): Pick<IpcHandlers, 'prepareVerification' | 'submitCapture' | 'cancelVerification' | 'getJob'> {
  const started: number[] = []
  const perMinute = policy?.preparesPerMinute ?? DEFAULT_PREPARES_PER_MINUTE
  const visitor = policy?.visitor
  /** Another visitor's job is answered as if it did not exist: its id tells the renderer nothing. */
  const own = (jobId: string): string => {
    if (visitor && !visitor.owns(jobId)) throw new ServiceError('not-found', 'There is no such verification.')
    return jobId
  }
  return {
    prepareVerification: ({ reference, visitReference }) => {
      if (policy) {
        if (reference && policy.referenceSource !== 'ticket')
          throw new ServiceError('invalid-input', 'This kiosk does not take verification tickets.')
        const now = policy.clock.now()
        while (started.length > 0 && (started[0] as number) <= now - 60_000) started.shift()
        if (started.length >= perMinute)
          throw new ServiceError('unavailable', 'Too many verifications were started just now; try again in a minute.')
        if (visitReference && visitor && !visitor.ownsVisit(visitReference))
          throw new ServiceError('invalid-input', 'That visit reference is not this visit’s.')
        started.push(now)
      }
      visitor?.preparing()
      return engine.prepare(reference, visitReference).then((session) => {
        visitor?.prepared(session.jobId)
        return session
      })
    },
    submitCapture: (capture) => {
      own(capture.jobId)
      return engine.submitCapture(capture)
    },
    cancelVerification: ({ jobId }) => engine.cancel(own(jobId)),
    getJob: ({ jobId }) => {
      const view = engine.get(own(jobId))
      if (!view) throw new ServiceError('not-found', 'There is no such verification.')
      return view
    }
  }
}
