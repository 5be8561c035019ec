/**
 * Runs in the page before the renderer (as a Playwright init script). It builds `window.kiosk` with
 * the preload's own `createKioskApi`; only the transport differs from Electron: calls go to a
 * Playwright binding that hands them to main's real IPC router in the test process, and pushed
 * events arrive through `__kioskDeliver`.
 */
import type { Unsubscribe } from '../../../preload/api'
import { createKioskApi, type BridgeTransport } from '../../../preload/bridge'

interface HarnessWindow {
  __kioskInvoke: (channel: string, input: unknown) => Promise<unknown>
}

const listeners = new Map<string, Set<(payload: unknown) => void>>()

const bindingTransport: BridgeTransport = {
  invoke: (channel, input) => (window as unknown as HarnessWindow).__kioskInvoke(channel, input),
  subscribe(channel, listener): Unsubscribe {
    const set = listeners.get(channel) ?? new Set()
    listeners.set(channel, set)
    set.add(listener)
    return () => {
      set.delete(listener)
    }
  }
}

Object.defineProperty(window, '__kioskDeliver', {
  value: (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener(payload)
  }
})

// Like contextBridge: a frozen object on a non-writable property.
Object.defineProperty(window, 'kiosk', { value: createKioskApi(bindingTransport), enumerable: true })
