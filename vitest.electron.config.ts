import { defineConfig } from 'vitest/config'

// The real-Electron smoke suite (`npm run test:electron`, which installs Electron's runtime or reports
// the suite skipped). One Electron at a time.
export default defineConfig({
  test: {
    include: ['test/electron/**/*.electron.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000
  }
})
