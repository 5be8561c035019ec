/**
 * Builds the `window.kiosk` object from the contract. Each method is a closure over one fixed channel;
 * nothing here lets the page pick a channel, so a compromised page can only make the calls the
 * contract lists (and main still checks who is calling and what they sent).
 *
 * The transport is the only thing that differs between Electron (ipcRenderer) and the end-to-end
 * harness (a Playwright binding), so both run this exact code.
 */
import { eventContract, invokeContract, type KioskApi, type Unsubscribe } from './api'

export interface BridgeTransport {
  invoke(channel: string, input: unknown): Promise<unknown>
  /** Calls `listener` with each payload pushed on `channel`; returns a function that stops it. */
  subscribe(channel: string, listener: (payload: unknown) => void): Unsubscribe
}

export function createKioskApi(transport: BridgeTransport): KioskApi {
  const api: Record<string, unknown> = {}
  for (const [name, { channel }] of Object.entries(invokeContract)) {
    // Only the first argument crosses: main rejects anything that is not the contract's one input.
    api[name] = (input?: unknown) => transport.invoke(channel, input)
  }
  for (const [name, { channel }] of Object.entries(eventContract)) {
    api[name] = (listener: (payload: unknown) => void): Unsubscribe => {
      if (typeof listener !== 'function') throw new TypeError(`${name} needs a listener function`)
      let active = true
      const stop = transport.subscribe(channel, (payload) => {
        if (active) listener(payload)
      })
      return () => {
        if (!active) return
        active = false
        stop()
      }
    }
  }
  return Object.freeze(api) as KioskApi
}
