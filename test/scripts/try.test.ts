/**
 * `npm run try` when it cannot start: no Chromium gets the two ways to get one, a camera file Chromium
 * cannot play is refused by name; one message each, no stack trace, exit 1. (Its start is tested
 * end to end in test/e2e/try.e2e.test.ts, which needs the built app.)
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')

function tryKiosk(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/try.ts', '--no-build', '--headless', ...args],
      { cwd: ROOT, env: { ...process.env, ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr })
    )
  })
}

describe('npm run try, when it cannot start', () => {
  it('without Chromium, says how to get one: apt-get install chromium, or CHROMIUM_PATH', async () => {
    const { code, stdout, stderr } = await tryKiosk([], { CHROMIUM_PATH: '/nonexistent/chromium' })
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^try: no Chromium at \/nonexistent\/chromium\./)
    expect(stderr).toContain('apt-get install chromium')
    expect(stderr).toContain('CHROMIUM_PATH=')
    expect(stderr).not.toMatch(/^\s+at /m)
  }, 30_000)

  it('refuses a camera file Chromium cannot play, naming it', async () => {
    const { code, stderr } = await tryKiosk(['--camera', 'README.md'])
    expect(code).toBe(1)
    expect(stderr).toMatch(/^try: --camera needs an existing \.mjpeg or \.y4m file .*README\.md/)
    expect(stderr).not.toMatch(/^\s+at /m)
  }, 30_000)

  it('explains its options with --help', async () => {
    const { code, stdout } = await tryKiosk(['--help'])
    expect(code).toBe(0)
    for (const option of ['--camera', '--headless', '--no-build']) expect(stdout).toContain(option)
  }, 30_000)
})
