import { join } from 'node:path'
import { build } from 'vite'

let cached: Promise<string> | null = null

/** Bundles test/e2e/page/install-bridge.ts (and with it preload/bridge.ts) into one classic script. */
export function bridgeScript(): Promise<string> {
  cached ??= (async () => {
    const root = join(import.meta.dirname, '..', '..', '..')
    const result = await build({
      configFile: false,
      logLevel: 'silent',
      root,
      build: {
        write: false,
        minify: false,
        lib: { entry: join(root, 'test/e2e/page/install-bridge.ts'), formats: ['iife'], name: 'kioskHarnessBridge' }
      }
    })
    const outputs = Array.isArray(result) ? result : [result]
    for (const output of outputs) {
      if ('output' in output) {
        const chunk = output.output.find((item) => item.type === 'chunk')
        if (chunk && chunk.type === 'chunk') return chunk.code
      }
    }
    throw new Error('the bridge bundle produced no script')
  })()
  return cached
}
