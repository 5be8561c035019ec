/** Delays of the simulated UI, and the "later task" every SDK callback is delivered on. */
import type { SimulatorDelays, SimulatorScript } from './control-types'

/** Demo-mode pacing: slow enough for a person to read, short enough not to bore them. */
export const DEFAULT_DELAYS: SimulatorDelays = {
  initMs: 600,
  readyMs: 1_500,
  captureMs: 3_000,
  resultMs: 1_200,
  retryMs: 2_500
}

const FAST_DELAYS: SimulatorDelays = { initMs: 0, readyMs: 0, captureMs: 0, resultMs: 0, retryMs: 0 }

export function delaysOf(script: SimulatorScript): SimulatorDelays {
  return { ...(script.fast ? FAST_DELAYS : DEFAULT_DELAYS), ...script.delays }
}

/**
 * Resolves on a later task (a timer), never synchronously or in a microtask: the real SDK calls
 * back from its own event-loop turns, and integrations that assume otherwise must fail here too.
 */
export function later(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
}
