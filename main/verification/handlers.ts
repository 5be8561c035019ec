/**
 * The bridge calls of a verification, in front of the engine: engine errors become the bridge's typed
 * errors with messages the renderer may show.
 */
import type { IpcHandlers } from '../ipc/router'
import { ServiceError } from '../ipc/service-error'
import { EngineError, type VerificationEngine } from './engine'

const CODES = {
  'not-found': 'not-found',
  conflict: 'conflict',
  unavailable: 'unavailable',
  configuration: 'misconfigured',
  invalid: 'invalid-input',
  'no-reference': 'misconfigured'
} as const satisfies Record<EngineError['code'], ServiceError['code']>

/** Runs `work`, turning the engine's refusals into the bridge's codes (the renderer words them). */
export async function translated<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof EngineError) throw new ServiceError(CODES[error.code], error.message, { cause: error })
    throw error
  }
}

export function verificationHandlers(
  engine: VerificationEngine
): Pick<IpcHandlers, 'prepareVerification' | 'submitCapture' | 'cancelVerification' | 'getJob'> {
  return {
    prepareVerification: ({ reference, visitReference }) => translated(() => engine.prepare(reference, visitReference)),
    submitCapture: (capture) => translated(() => engine.submitCapture(capture)),
    cancelVerification: ({ jobId }) => translated(() => engine.cancel(jobId)),
    getJob: ({ jobId }) =>
      translated(() => {
        const view = engine.get(jobId)
        if (!view) throw new EngineError('not-found', 'There is no such verification.')
        return view
      })
  }
}
