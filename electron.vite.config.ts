import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

const here = (path: string): string => resolve(import.meta.dirname, path)

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
    plugins: [react()],
    build: {
      minify: true,
      rolldownOptions: { input: { index: here('renderer/index.html') } }
    }
  }
})
