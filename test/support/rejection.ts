/**
 * The error `promise` rejects with, checked to be a `kind`. A promise that resolves, or rejects with
 * anything else, fails the test. Plain TypeScript, so Node and browser tests can both use it.
 */
export async function rejectionOf<E extends Error>(
  promise: Promise<unknown>,
  kind: abstract new (...args: never[]) => E
): Promise<E> {
  try {
    await promise
  } catch (error) {
    if (error instanceof kind) return error
    throw error
  }
  throw new Error(`expected a rejection with ${kind.name}`)
}
