import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, extname, join, resolve, sep } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { build, type Plugin } from 'vite'
import { FACETEC_SDK_SCRIPT } from './preload/api'

const here = (path: string): string => resolve(import.meta.dirname, path)

// ---------------------------------------------------------------------------------------------------
// The simulated FaceTec SDK (demo mode, end-to-end tests). It is ONE script laid out like FaceTec's
// folder, because the adapter loads it exactly like the real SDK, so it cannot be a chunk of the
// renderer's ES-module bundle: it gets its own build, in the real FaceTecSDK.js's shape (a universal
// module): loaded as a classic <script> it sets window.FaceTecSDK; required or imported through a
// bundler (webpack in FaceTec's sample apps, Rolldown/Vite, esbuild) it exports { FaceTecSDK } and
// sets no global. A file cannot be both a classic script and a native ES module (`export` is a syntax
// error in a classic script), and the real file is a classic script, so neither is this one.

const SIMULATED_SDK_SOURCE = here('renderer/facetec-simulated')
/** Copied as is: resources/ and FaceTec_images/, in FaceTec's layout. */
const SIMULATED_SDK_STATIC = join(SIMULATED_SDK_SOURCE, 'static')
export const SIMULATED_SDK_OUT = here('out/facetec-simulated')
/** Where FaceTec's zip (and so the simulated SDK) puts the script: the contract says it once. */
export const SIMULATED_SDK_SCRIPT = FACETEC_SDK_SCRIPT

/** The CommonJS build of renderer/facetec-simulated/index.ts, in a factory that decides where its exports go. */
const universalModule = (commonJsBody: string): string =>
  [
    '/* Simulated FaceTec Browser SDK (Assure Kiosk demo mode and tests); NOT FaceTec software. */',
    '(function (root, factory) {',
    "  if (typeof exports === 'object' && typeof module === 'object') factory(exports)",
    '  else {',
    '    var sdk = {}',
    '    factory(sdk)',
    '    root.FaceTecSDK = sdk.FaceTecSDK',
    '    root.FaceTecSimulator = sdk.FaceTecSimulator',
    '  }',
    "})(typeof self !== 'undefined' ? self : this, function (exports) {",
    "'use strict';",
    commonJsBody,
    '})',
    ''
  ].join('\n')

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
        formats: ['cjs'],
        fileName: () => 'FaceTecSDK.js'
      }
    }
  })
  return universalModule(entryCode(result, 'the simulated FaceTec SDK'))
}

/**
 * The simulated SDK as a bundler hands it to code that imports it (`import { FaceTecSDK } from
 * ".../FaceTecSDK.js"`, like FaceTec's sample processors): Rolldown bundles the universal module
 * with its own CommonJS interop, as webpack does in FaceTec's sample apps.
 */
async function bundleSimulatedSdkAsImported(): Promise<string> {
  const universal = await bundleSimulatedSdk()
  const result = await build({
    configFile: false,
    root: SIMULATED_SDK_SOURCE,
    publicDir: false,
    logLevel: 'warn',
    plugins: [
      {
        name: 'assure-kiosk:facetec-simulated-sdk-file',
        resolveId: (id) => (id === SIMULATED_SDK_SCRIPT ? `\0${id}` : null),
        load: (id) => (id === `\0${SIMULATED_SDK_SCRIPT}` ? universal : null)
      }
    ],
    build: {
      write: false,
      target: 'es2022',
      minify: false,
      rolldownOptions: {
        input: 'entry',
        // A library entry: keep its exports (an application build would drop them).
        preserveEntrySignatures: 'strict',
        plugins: [
          {
            name: 'assure-kiosk:facetec-simulated-sdk-importer',
            resolveId: (id) => (id === 'entry' ? '\0entry' : null),
            load: (id) =>
              id === '\0entry' ? `export { FaceTecSDK, FaceTecSimulator } from '${SIMULATED_SDK_SCRIPT}'` : null
          }
        ],
        output: { format: 'es' }
      }
    }
  })
  return entryCode(result, 'the imported simulated FaceTec SDK')
}

function entryCode(result: Awaited<ReturnType<typeof build>>, what: string): string {
  for (const output of Array.isArray(result) ? result : [result]) {
    if (!('output' in output)) continue
    const entry = output.output.find((chunk) => chunk.type === 'chunk' && chunk.isEntry)
    if (entry?.type === 'chunk') return entry.code
  }
  throw new Error(`the build of ${what} produced no script`)
}

async function emitSimulatedSdk(outDir: string): Promise<void> {
  const code = await bundleSimulatedSdk()
  await rm(outDir, { recursive: true, force: true })
  // The .d.ts serves the renderer tests' imports; FaceTec's folder has its own, the kiosk needs none.
  await cp(SIMULATED_SDK_STATIC, outDir, { recursive: true, filter: (path) => !path.endsWith('.d.ts') })
  await mkdir(dirname(join(outDir, SIMULATED_SDK_SCRIPT)), { recursive: true })
  await writeFile(join(outDir, SIMULATED_SDK_SCRIPT), code)
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8'
}

/** The module id test code imports the simulated SDK by, through the dev server (see below). */
const IMPORTED_SDK_ID = '\0assure-kiosk:facetec-simulated-sdk-module'

/**
 * Builds the simulated SDK to out/facetec-simulated after the renderer build; with `serveAt`, a dev
 * server (the renderer tests' Vitest browser mode) also serves it there, rebuilt on every request,
 * and code that imports renderer/facetec-simulated/static/core-sdk/FaceTecSDK.js/FaceTecSDK.js (by a
 * relative path, as FaceTec's samples import the real file) gets it as a bundler would.
 */
export function facetecSimulatedSdk(options: { serveAt?: string } = {}): Plugin {
  let command: 'build' | 'serve' = 'serve'
  // Where the script would be in the source folder's FaceTec layout; its FaceTecSDK.d.ts is there.
  const importedPath = join(SIMULATED_SDK_STATIC, SIMULATED_SDK_SCRIPT)
  return {
    name: 'assure-kiosk:facetec-simulated-sdk',
    configResolved(config) {
      command = config.command
    },
    resolveId(id, importer) {
      if (!options.serveAt || !importer || !id.startsWith('.')) return null
      return resolve(dirname(importer.split('?')[0] ?? importer), id) === importedPath ? IMPORTED_SDK_ID : null
    },
    load(id) {
      return id === IMPORTED_SDK_ID ? bundleSimulatedSdkAsImported() : null
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
