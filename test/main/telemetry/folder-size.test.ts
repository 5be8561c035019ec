/**
 * The data folder's size, as the `kiosk.data_folder.size` gauge reports it: everything below the folder,
 * links not followed, and the kiosk's event loop let through while a large folder is walked.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { folderSize } from '../../../main/telemetry/folder-size'
import { tempDir } from '../../support/temp-dir'

async function folderWith(files: Record<string, number>): Promise<string> {
  const root = await tempDir('folder-size')
  for (const [path, size] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true })
    await writeFile(join(root, path), Buffer.alloc(size))
  }
  return root
}

describe('the data folder’s size', () => {
  it('adds up every file below the folder, in nested folders too', async () => {
    const root = await folderWith({ 'audit.log': 100, 'jobs/a.json': 2_500, 'jobs/b.json': 2_500, 'keys/x/y.bin': 7 })
    expect(await folderSize(root)).toBe(5_107)
  })

  it('does not follow links out of the folder (a link counts nothing)', async () => {
    const root = await folderWith({ 'jobs/a.json': 10 })
    const elsewhere = await folderWith({ 'big.bin': 1_000_000 })
    await symlink(join(elsewhere, 'big.bin'), join(root, 'jobs', 'big-link'))
    await symlink(elsewhere, join(root, 'elsewhere'))
    expect(await folderSize(root)).toBe(10)
  })

  it('is 0 for a folder that does not exist (yet)', async () => {
    const root = await tempDir('folder-size')
    expect(await folderSize(join(root, 'not-there'))).toBe(0)
  })

  it('stops counting after maxEntries', async () => {
    const files = Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`f${index}`, 1]))
    const root = await folderWith(files)
    expect(await folderSize(root, { maxEntries: 4 })).toBe(4)
  })

  it('lets the event loop run between slices of a walk', async () => {
    const files = Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`jobs/f${index}`, 1]))
    const root = await folderWith(files)
    /** How often other work got a turn while the folder was walked. */
    const turnsDuring = async (slice: number): Promise<number> => {
      let turns = 0
      let walking = true
      const other = (): void => {
        if (!walking) return
        turns++
        setImmediate(other)
      }
      setImmediate(other)
      const walk = folderSize(root, { slice })
      const bytes = await walk.finally(() => (walking = false))
      expect(bytes).toBe(40)
      return turns
    }
    // One slice for the whole folder: nothing else runs while it is walked.
    expect(await turnsDuring(1_000)).toBe(0)
    // Slices of 4: other work gets its turns in between.
    expect(await turnsDuring(4)).toBeGreaterThanOrEqual(5)
  })
})
