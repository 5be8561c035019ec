/**
 * Encrypted files for personal data the kiosk must keep for a while: captures until Assure has them,
 * result zips until retention ends. Each blob is bound (AAD) to its name, so blobs cannot be swapped.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { durableFiles, type DurableFiles } from '../lib/durable-files'
import { decrypt, encrypt, type KeyProvider } from './crypto-box'

export interface BlobStore {
  put(name: string, plaintext: Uint8Array): Promise<{ bytes: number }>
  /** Throws DecryptionError when the blob is damaged or was sealed with another key. */
  get(name: string): Promise<Buffer>
  path(name: string): string
  remove(name: string): void
  /** The blobs' names (one directory read: a year of archived results is thousands of files). */
  names(): string[]
  /** When the blob was last written (epoch ms), or null when it is gone: asked only of the files retention may delete. */
  modifiedAt(name: string): number | null
}

const NAME = /^[A-Za-z0-9._-]{1,128}$/

/** `files`: how blobs are written durably (node:fs's calls unless a test records them). */
export function createBlobStore(dir: string, keys: KeyProvider, files: DurableFiles = durableFiles()): BlobStore {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const pathOf = (name: string): string => {
    if (!NAME.test(name) || name.startsWith('.')) throw new Error(`invalid blob name ${name}`)
    return join(dir, name)
  }
  return {
    async put(name, plaintext) {
      const sealed = encrypt(await keys.getKey(), plaintext, name)
      // Temporary file, fsync, rename, directory fsync: a kill leaves the old blob or the new one.
      files.writeAtomically(pathOf(name), sealed, 0o600)
      return { bytes: sealed.length }
    },
    async get(name) {
      return decrypt(await keys.getKey(), readFileSync(pathOf(name)), name)
    },
    path: pathOf,
    remove(name) {
      rmSync(pathOf(name), { force: true })
    },
    names() {
      return readdirSync(dir).filter((name) => NAME.test(name) && !name.startsWith('.'))
    },
    modifiedAt(name) {
      try {
        return statSync(pathOf(name)).mtimeMs
      } catch {
        return null
      }
    }
  }
}
