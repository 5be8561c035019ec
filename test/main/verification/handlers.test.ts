import { describe, expect, it, vi } from 'vitest'
import { ServiceError } from '../../../main/ipc/service-error'
import type { VerificationEngine } from '../../../main/verification/engine'
import { verificationHandlers } from '../../../main/verification/handlers'

const failingWith = (error: Error) =>
  ({
    prepare: vi.fn(async () => {
      throw error
    }),
    get: vi.fn(() => null)
  }) as unknown as VerificationEngine

describe('verification handlers', () => {
  it('pass the engine’s refusal on as it is: its code is already the bridge’s, its message already safe', async () => {
    const refusal = new ServiceError('misconfigured', 'No reference photo is configured for this kiosk.')
    const handlers = verificationHandlers(failingWith(refusal))
    await expect(handlers.prepareVerification({})).rejects.toBe(refusal)
  })

  it('answer not-found for a job the engine does not know', () => {
    const handlers = verificationHandlers(failingWith(new Error('unused')))
    expect(() => handlers.getJob({ jobId: 'x' })).toThrow(expect.objectContaining({ code: 'not-found' }))
  })
})
