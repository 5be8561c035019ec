/**
 * What ships: the production main bundle (out/main, built by `npm run test:e2e` before this suite)
 * runs demo mode's Assure sandbox, but none of its fault injection or control API, which only tests
 * and `npm run sandbox` start (main/sandbox/fault-control.ts).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const OUT_MAIN = join(import.meta.dirname, '..', '..', 'out', 'main')
const bundle = (): string =>
  readdirSync(OUT_MAIN)
    .filter((name) => name.endsWith('.js'))
    .map((name) => readFileSync(join(OUT_MAIN, name), 'utf8'))
    .join('\n')

describe('the production main bundle', () => {
  it('holds the demo sandbox but not its fault injection or control API', () => {
    const code = bundle()
    // The sandbox is there (demo mode), without faults: its refusal to add one is what it carries.
    expect(code).toContain('/auth/open/connect/token')
    expect(code).toContain('this sandbox has no fault injection')
    // The control API's answers and the fault kinds' own texts are not.
    expect(code).not.toContain('Unknown control request.')
    expect(code).not.toContain('Invalid control request.')
    expect(code).not.toContain('provider-images')
    expect(code).not.toContain('{"dossierId": "3f2a", "status": ')
    expect(code).not.toMatch(/literal\(["'](hang|malformed)["']\)/)
  })
})
