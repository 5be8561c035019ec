/**
 * The preload, run with a mocked `electron`: what it exposes, and that each method reaches exactly
 * its own channel with exactly its own argument.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { eventContract, invokeContract, KIOSK_API_KEY } from '../../preload/api'

const exposed = new Map<string, unknown>()
const ipcRenderer = {
  invoke: vi.fn(async (_channel: string, _input?: unknown): Promise<unknown> => ({ ok: true, value: 'answer' })),
  on: vi.fn(),
  removeListener: vi.fn()
}

vi.mock('electron', () => {
  const contextBridge = { exposeInMainWorld: vi.fn((key: string, value: unknown) => exposed.set(key, value)) }
  return { contextBridge, ipcRenderer, default: { contextBridge, ipcRenderer } }
})

async function loadPreload(): Promise<Record<string, (...args: unknown[]) => unknown>> {
  exposed.clear()
  vi.resetModules()
  await import('../../preload/index')
  return exposed.get(KIOSK_API_KEY) as Record<string, (...args: unknown[]) => unknown>
}

describe('preload', () => {
  beforeEach(() => {
    ipcRenderer.invoke.mockClear()
    ipcRenderer.on.mockClear()
    ipcRenderer.removeListener.mockClear()
  })

  it('exposes exactly one object, window.kiosk, holding only the contract’s named methods', async () => {
    const api = await loadPreload()
    expect([...exposed.keys()]).toEqual([KIOSK_API_KEY])
    expect(Object.keys(api).sort()).toEqual([...Object.keys(invokeContract), ...Object.keys(eventContract)].sort())
    for (const generic of ['invoke', 'send', 'on', 'once', 'sendSync', 'postMessage', 'ipcRenderer']) {
      expect(api).not.toHaveProperty(generic)
    }
    expect(Object.isFrozen(api)).toBe(true)
  })

  it.each(Object.entries(invokeContract))('%s calls ipcRenderer.invoke on its own channel only', async (name, spec) => {
    const api = await loadPreload()
    const input = { probe: name }
    const method = api[name]
    if (!method) throw new Error(`window.kiosk.${name} is missing`)
    await expect(method(input, 'a second argument that must not cross')).resolves.toEqual({ ok: true, value: 'answer' })
    expect(ipcRenderer.invoke).toHaveBeenCalledTimes(1)
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(spec.channel, input)
  })

  it.each(Object.entries(eventContract))(
    '%s listens on its own channel and hands over only the payload',
    async (name, spec) => {
      const api = await loadPreload()
      const listener = vi.fn()
      const subscribe = api[name]
      if (!subscribe) throw new Error(`window.kiosk.${name} is missing`)
      const unsubscribe = subscribe(listener) as () => void

      expect(ipcRenderer.on).toHaveBeenCalledTimes(1)
      const [channel, onMessage] = ipcRenderer.on.mock.calls[0] as [string, (event: unknown, payload: unknown) => void]
      expect(channel).toBe(spec.channel)

      const event = { sender: { send: vi.fn() }, senderId: 0 }
      onMessage(event, { hello: 'renderer' })
      expect(listener).toHaveBeenCalledWith({ hello: 'renderer' })
      expect(listener.mock.calls[0]).toHaveLength(1)

      unsubscribe()
      unsubscribe()
      expect(ipcRenderer.removeListener).toHaveBeenCalledTimes(1)
      expect(ipcRenderer.removeListener).toHaveBeenCalledWith(spec.channel, onMessage)
      onMessage(event, { late: true })
      expect(listener).toHaveBeenCalledTimes(1)
    }
  )

  it('refuses a subscription without a listener function', async () => {
    const api = await loadPreload()
    const [name] = Object.keys(eventContract)
    expect(() => api[name as string]?.('not a function')).toThrow(TypeError)
    expect(ipcRenderer.on).not.toHaveBeenCalled()
  })
})

describe('the contract', () => {
  it('gives every call and event its own channel, all under the kiosk: prefix', () => {
    const channels = [...Object.values(invokeContract), ...Object.values(eventContract)].map((spec) => spec.channel)
    expect(new Set(channels).size).toBe(channels.length)
    for (const channel of channels) expect(channel).toMatch(/^kiosk:[a-z-]+:[a-z-]+$/)
  })
})
