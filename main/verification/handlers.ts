/**
 * The bridge calls of a verification. The engine already refuses with the bridge's own errors
 * (ServiceError, with codes the renderer words), so these only pass each call on.
 */
import type { IpcHandlers } from '../ipc/router'
import { ServiceError } from '../ipc/service-error'
import type { VerificationEngine } from './engine'

export function verificationHandlers(
  engine: VerificationEngine
): Pick<IpcHandlers, 'prepareVerification' | 'submitCapture' | 'cancelVerification' | 'getJob'> {
  return {
    prepareVerification: ({ reference, visitReference }) => engine.prepare(reference, visitReference),
    submitCapture: (capture) => engine.submitCapture(capture),
    cancelVerification: ({ jobId }) => engine.cancel(jobId),
    getJob: ({ jobId }) => {
      const view = engine.get(jobId)
      if (!view) throw new ServiceError('not-found', 'There is no such verification.')
      return view
    }
  }
}
