/**
 * The BUILT preload (out/preload/index.cjs) loads the way Electron's sandboxed preload loads it: a
 * CommonJS script whose `require` knows only `electron` and a few Node built-ins. An npm dependency
 * left external by the bundler, or an ES module, would break every window at start; this catches it
 * here, where Electron cannot run. (It lives with the end-to-end tests because they build first.)
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runInNewContext } from 'node:vm'
import { describe, expect, it, vi } from 'vitest'
import { ROOT } from './harness/kiosk-harness'

// What `require` offers inside a sandboxed preload (Electron's documentation, "Process Sandboxing").
const SANDBOX_MODULES = ['electron', 'events', 'timers', 'url']

function loadBuiltPreload() {
  const exposed = new Map<string, unknown>()
  const electron = {
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) },
    ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, value: null })), on: vi.fn(), removeListener: vi.fn() }
  }
  const required: string[] = []
  const sandboxRequire = (name: string): unknown => {
    required.push(name)
    if (!SANDBOX_MODULES.includes(name)) throw new Error(`a sandboxed preload cannot require '${name}'`)
    if (name === 'electron') return electron
    return {}
  }
  const module = { exports: {} }
  const code = readFileSync(join(ROOT, 'out', 'preload', 'index.cjs'), 'utf8')
  // Wrapped like Node's CommonJS loader; an `import` statement would be a syntax error here.
  const wrapper = runInNewContext(`(function (require, module, exports) {${code}\n})`, { console }) as (
    req: typeof sandboxRequire,
    mod: typeof module,
    exp: object
  ) => void
  wrapper(sandboxRequire, module, module.exports)
  return { exposed, required, electron }
}

describe('the built preload', () => {
  it('loads as CommonJS requiring nothing but electron, and exposes window.kiosk', () => {
    const { exposed, required } = loadBuiltPreload()
    expect(required).toEqual(['electron'])
    expect([...exposed.keys()]).toEqual(['kiosk'])
    const kiosk = exposed.get('kiosk') as Record<string, unknown>
    expect(typeof kiosk.getStatus).toBe('function')
    // Named methods only: no generic pass-through to ipcRenderer.
    expect(Object.keys(kiosk)).not.toEqual(expect.arrayContaining(['invoke', 'send', 'on']))
  })

  it('calls main on the contract’s fixed channel', async () => {
    const { exposed, electron } = loadBuiltPreload()
    const kiosk = exposed.get('kiosk') as { getStatus(): Promise<unknown> }
    await kiosk.getStatus().catch(() => undefined)
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('kiosk:status:get', undefined)
  })
})
