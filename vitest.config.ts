import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Renderer tests need a real browser (camera, canvas, JPEG): `npm run test:renderer` runs them;
    // the real-Electron suite needs Electron: `npm run test:electron`.
    exclude: ['test/e2e/**', 'test/renderer/**', 'test/electron/**', 'node_modules/**'],
    environment: 'node',
    pool: 'forks',
    restoreMocks: true,
    // So `vi.mock('electron')` also reaches electron-store's own `import electron from 'electron'`.
    server: { deps: { inline: ['electron-store'] } }
  }
})
