import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, extname, join, resolve, sep } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { build, type Plugin } from 'vite'

const here = (path: string): string => resolve(import.meta.dirname, path)

// ---------------------------------------------------------------------------------------------------
// The simulated FaceTec SDK (demo mode, end-to-end tests). It must be ONE classic script laid out like
// FaceTec's folder, because the adapter loads it exactly like the real SDK, so it cannot be a chunk of
// the renderer's ES-module bundle: it gets its own IIFE build.

const SIMULATED_SDK_SOURCE = here('renderer/facetec-simulated')
/** Copied as is: resources/ and FaceTec_images/, in FaceTec's layout. */
const SIMULATED_SDK_STATIC = join(SIMULATED_SDK_SOURCE, 'static')
export const SIMULATED_SDK_OUT = here('out/facetec-simulated')
export const SIMULATED_SDK_SCRIPT = 'core-sdk/FaceTecSDK.js/FaceTecSDK.js'

async function bundleSimulatedSdk(): Promise<string> {
  const result = await build({
    configFile: false,
    root: SIMULATED_SDK_SOURCE,
    publicDir: false,
    logLevel: 'warn',
    build: {
      write: false,
      target: 'es2022',
      // Readable on purpose: a failing end-to-end test should show where in the simulator it broke.
      minify: false,
      lib: {
        entry: join(SIMULATED_SDK_SOURCE, 'index.ts'),
        formats: ['iife'],
        name: 'FaceTecSimulatedSDK',
        fileName: () => 'FaceTecSDK.js'
      }
    }
  })
  for (const output of Array.isArray(result) ? result : [result]) {
    if (!('output' in output)) continue
    const entry = output.output.find((chunk) => chunk.type === 'chunk' && chunk.isEntry)
    if (entry?.type === 'chunk') return entry.code
  }
  throw new Error('the simulated FaceTec SDK build produced no script')
}

async function emitSimulatedSdk(outDir: string): Promise<void> {
  const code = await bundleSimulatedSdk()
  await rm(outDir, { recursive: true, force: true })
  await cp(SIMULATED_SDK_STATIC, outDir, { recursive: true })
  await mkdir(dirname(join(outDir, SIMULATED_SDK_SCRIPT)), { recursive: true })
  await writeFile(join(outDir, SIMULATED_SDK_SCRIPT), code)
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8'
}

/**
 * Builds the simulated SDK to out/facetec-simulated after the renderer build; with `serveAt`, a dev
 * server (the renderer tests' Vitest browser mode) also serves it there, rebuilt on every request.
 */
export function facetecSimulatedSdk(options: { serveAt?: string } = {}): Plugin {
  let command: 'build' | 'serve' = 'serve'
  return {
    name: 'assure-kiosk:facetec-simulated-sdk',
    configResolved(config) {
      command = config.command
    },
    async closeBundle() {
      if (command === 'build') await emitSimulatedSdk(SIMULATED_SDK_OUT)
    },
    configureServer(server) {
      const mount = options.serveAt
      if (!mount) return
      server.middlewares.use((request, response, next) => {
        const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)
        if (!pathname.startsWith(mount)) return next()
        const path = pathname.slice(mount.length)
        const file = resolve(SIMULATED_SDK_STATIC, path)
        const body =
          path === SIMULATED_SDK_SCRIPT
            ? bundleSimulatedSdk()
            : file.startsWith(SIMULATED_SDK_STATIC + sep)
              ? readFile(file)
              : Promise.reject(new Error('outside'))
        body.then(
          (content) => {
            response.writeHead(200, {
              'Content-Type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
              'Cache-Control': 'no-store'
            })
            response.end(content)
          },
          () => {
            response.writeHead(404)
            response.end()
          }
        )
      })
    }
  }
}

// electron-vite's defaults expect src/{main,preload,renderer}; our top-level folders need explicit entries.
export default defineConfig({
  main: {
    build: {
      // ESM (package.json "type": "module"); `dependencies` stay external and load from node_modules.
      rolldownOptions: { input: { index: here('main/index.ts') } }
    }
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron' and a few builtins: bundle every npm package,
      // and emit CommonJS (.cjs) because sandboxed preloads cannot be ES modules.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: here('preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: here('renderer'),
    plugins: [react(), facetecSimulatedSdk()],
    build: {
      minify: true,
      rolldownOptions: { input: { index: here('renderer/index.html') } }
    }
  }
})
