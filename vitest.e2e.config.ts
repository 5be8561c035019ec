import { defineConfig } from 'vitest/config'

// End-to-end tests: the built renderer in Debian's Chromium, main's services in this process.
// One file at a time: each test drives a real browser with a fake webcam.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    setupFiles: ['test/e2e/harness/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A hang guard, as in the unit config: each poll waits for something that does happen (IPC from main,
    // then Chromium's render), which on a busy machine can take longer than vitest's 1 s default.
    expect: { poll: { timeout: 15_000 } }
  }
})
