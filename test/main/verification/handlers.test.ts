import { describe, expect, it, vi } from 'vitest'
import { ServiceError } from '../../../main/ipc/service-error'
import { EngineError, type VerificationEngine } from '../../../main/verification/engine'
import { verificationHandlers } from '../../../main/verification/handlers'

const failingWith = (code: EngineError['code']) =>
  ({
    prepare: vi.fn(async () => {
      throw new EngineError(code, `engine says ${code}`)
    }),
    get: vi.fn(() => null)
  }) as unknown as VerificationEngine

describe('verification handlers', () => {
  it.each([
    ['not-found', 'not-found'],
    ['conflict', 'conflict'],
    ['unavailable', 'unavailable'],
    ['configuration', 'misconfigured'],
    ['invalid', 'invalid-input'],
    ['no-reference', 'misconfigured']
  ] as const)('turns the engine’s %s into the bridge’s %s, keeping the message', async (engineCode, bridgeCode) => {
    const handlers = verificationHandlers(failingWith(engineCode))
    const error: unknown = await Promise.resolve(handlers.prepareVerification({})).then(
      () => null,
      (thrown: unknown) => thrown
    )
    expect(error).toBeInstanceOf(ServiceError)
    expect(error).toMatchObject({ code: bridgeCode, message: `engine says ${engineCode}` })
  })

  it('answers not-found for a job the engine does not know', async () => {
    const handlers = verificationHandlers(failingWith('conflict'))
    await expect(handlers.getJob({ jobId: 'x' })).rejects.toMatchObject({ code: 'not-found' })
  })
})
