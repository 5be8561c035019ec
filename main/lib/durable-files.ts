/**
 * Making a written file survive a power cut, not just a kill: its bytes reach the disk (fsync) before
 * the rename that publishes it, and the rename itself (the directory's entry) is synced after it.
 *
 * Everything goes through `DurableFs`, the few file-system calls durability is made of, so a test can
 * hand in a recording one and see the order in which bytes, names and directories reach the disk. The
 * one exception is `createFile`'s stream: its bytes are made durable by `syncFile` before `publish`,
 * which do go through `DurableFs`.
 */
import * as fs from 'node:fs'
import { createWriteStream, type WriteStream } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { dirname } from 'node:path'

/** The file-system calls durable writes are made of (node:fs's, unless a test records them). */
export interface DurableFs {
  openSync(path: string, flags: string, mode?: number): number
  writeSync(fd: number, data: Uint8Array): number
  fsyncSync(fd: number): void
  /** The same, off the main thread: for a file big enough that waiting for the disk would stall main. */
  fsync(fd: number): Promise<void>
  closeSync(fd: number): void
  renameSync(from: string, to: string): void
  rmSync(path: string, options: { force: boolean }): void
}

export const nodeFs: DurableFs = {
  openSync: (path, flags, mode) => fs.openSync(path, flags, mode),
  writeSync: (fd, data) => fs.writeSync(fd, data),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  fsync: (fd) => new Promise((resolve, reject) => fs.fsync(fd, (error) => (error ? reject(error) : resolve()))),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (from, to) => fs.renameSync(from, to),
  rmSync: (path, options) => fs.rmSync(path, options)
}

export interface DurableFiles {
  /**
   * Writes `path` so that a kill or a power cut at any moment leaves either its old content or the new:
   * a temporary file beside it (`<path>.tmp-<…>`, which a kill may leave behind), fsynced, renamed
   * over `path`, the directory fsynced.
   */
  writeAtomically(path: string, data: string | Uint8Array, mode?: number): void
  /** Appends to `path` (creating it) and fsyncs it before returning. */
  appendDurably(path: string, text: string, mode?: number): void
  /** Syncs a (large) file's bytes to the disk before it is renamed into place, without blocking main. */
  syncFile(path: string): Promise<void>
  /** Renames a synced file into place and syncs the directory: `to` is on the disk when this returns. */
  publish(from: string, to: string): void
  /** Syncs a directory after a rename in it. */
  syncDirectory(dir: string): void
  /**
   * A write stream for a new, large file (synced and published once complete). It opens the file in
   * the background: a stream destroyed at once may still create the file after that, so remove a
   * failed one only after its `close` (which the stream must emit: node's always does).
   */
  createFile(path: string, mode?: number): WriteStream
}

export function durableFiles(fs: DurableFs = nodeFs): DurableFiles {
  const writeAll = (fd: number, data: Uint8Array): void => {
    for (let at = 0; at < data.length;) at += fs.writeSync(fd, data.subarray(at))
  }
  const withFile = (path: string, flags: string, mode: number | undefined, work: (fd: number) => void): void => {
    const fd = fs.openSync(path, flags, mode)
    try {
      work(fd)
    } finally {
      fs.closeSync(fd)
    }
  }
  const syncDirectory = (dir: string): void => {
    let fd: number | null = null
    try {
      fd = fs.openSync(dir, 'r')
      fs.fsyncSync(fd)
    } catch {
      // Some platforms (Windows) cannot open a directory for this: there the rename is as durable as
      // the platform makes it.
    } finally {
      if (fd !== null) fs.closeSync(fd)
    }
  }
  return {
    writeAtomically(path, data, mode = 0o600) {
      const temp = `${path}.tmp-${Date.now().toString(36)}${randomBytes(6).toString('hex')}`
      try {
        withFile(temp, 'wx', mode, (fd) => {
          writeAll(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
          fs.fsyncSync(fd)
        })
        fs.renameSync(temp, path)
      } catch (error) {
        fs.rmSync(temp, { force: true })
        throw error
      }
      syncDirectory(dirname(path))
    },
    appendDurably(path, text, mode = 0o600) {
      withFile(path, 'a', mode, (fd) => {
        writeAll(fd, Buffer.from(text, 'utf8'))
        fs.fsyncSync(fd)
      })
    },
    async syncFile(path) {
      const fd = fs.openSync(path, 'r+')
      try {
        await fs.fsync(fd)
      } finally {
        fs.closeSync(fd)
      }
    },
    publish(from, to) {
      fs.renameSync(from, to)
      syncDirectory(dirname(to))
    },
    syncDirectory,
    createFile: (path, mode = 0o600) => createWriteStream(path, { mode })
  }
}
