/**
 * The size of a folder and everything below it, walked with async fs calls so the kiosk's event loop
 * never blocks on a disk. Symbolic links are not followed; files that vanish during the walk (a job
 * cleaned meanwhile) are skipped. Bounded: a walk stops counting after `maxEntries`.
 */
import { lstat, readdir } from 'node:fs/promises'
import { join } from 'node:path'

export async function folderSize(root: string, maxEntries = 200_000): Promise<number> {
  let bytes = 0
  let entries = 0
  const pending = [root]
  while (pending.length > 0 && entries < maxEntries) {
    const dir = pending.pop() as string
    const listed = await readdir(dir, { withFileTypes: true }).catch(() => [])
    for (const entry of listed) {
      if (++entries > maxEntries) break
      const path = join(dir, entry.name)
      if (entry.isDirectory()) pending.push(path)
      else if (entry.isFile())
        bytes += await lstat(path).then(
          (file) => file.size,
          () => 0
        )
    }
  }
  return bytes
}
