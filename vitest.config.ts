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
    // Hang guards, not speed requirements: a test waits for an event (a record logged, a job settled),
    // and on a saturated machine (.ci/under-load) what takes 50 ms when quiet can take seconds. Speed is
    // measured by `npm run bench`, never asserted; a test that needs these limits to pass is a test to fix.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    expect: { poll: { timeout: 15_000 } },
    // So `vi.mock('electron')` also reaches electron-store's own `import electron from 'electron'`.
    server: { deps: { inline: ['electron-store'] } }
  }
})
