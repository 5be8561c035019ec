/**
 * Making a written file survive a power cut, not just a kill: its bytes reach the disk (fsync) before
 * the rename that publishes it, and the rename itself (the directory's entry) is synced after it.
 */
import { closeSync, fsyncSync, openSync } from 'node:fs'
import { open } from 'node:fs/promises'

/**
 * Syncs a directory after a rename in it. Some platforms (Windows) cannot open a directory for this;
 * there the rename is as durable as the platform makes it.
 */
export function syncDirectory(dir: string): void {
  let fd: number | null = null
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch {
    // Not supported on this platform.
  } finally {
    if (fd !== null) closeSync(fd)
  }
}

/** Syncs a file's bytes to the disk (before it is renamed into place). */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}
