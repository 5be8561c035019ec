import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

const created = new Set<string>()

// Registered when a test file imports this module (at collection time), so every folder made by
// that file is removed when the file finishes.
afterAll(async () => {
  await Promise.all([...created].map((dir) => rm(dir, { recursive: true, force: true })))
  created.clear()
})

/** A fresh folder under the OS temp dir, removed when the test file finishes. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `${prefix}-`))
  created.add(dir)
  return dir
}
