/**
 * Encrypted files for personal data the kiosk must keep for a while: captures until Assure has them,
 * result zips until retention ends. Each blob is bound (AAD) to its name, so blobs cannot be swapped.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { writeFileSync } from 'atomically'
import { syncDirectory } from '../lib/durable-files'
import { decrypt, encrypt, type KeyProvider } from './crypto-box'

export interface BlobStore {
  put(name: string, plaintext: Uint8Array): Promise<{ bytes: number }>
  /** Throws DecryptionError when the blob is damaged or was sealed with another key. */
  get(name: string): Promise<Buffer>
  path(name: string): string
  remove(name: string): void
  /** Names and modification times, for retention. */
  list(): Array<{ name: string; modifiedAt: number }>
}

const NAME = /^[A-Za-z0-9._-]{1,128}$/

export function createBlobStore(dir: string, keys: KeyProvider): BlobStore {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const pathOf = (name: string): string => {
    if (!NAME.test(name) || name.startsWith('.')) throw new Error(`invalid blob name ${name}`)
    return join(dir, name)
  }
  return {
    async put(name, plaintext) {
      const sealed = encrypt(await keys.getKey(), plaintext, name)
      writeFileSync(pathOf(name), sealed, { mode: 0o600 })
      syncDirectory(dir)
      return { bytes: sealed.length }
    },
    async get(name) {
      return decrypt(await keys.getKey(), readFileSync(pathOf(name)), name)
    },
    path: pathOf,
    remove(name) {
      rmSync(pathOf(name), { force: true })
    },
    list() {
      return readdirSync(dir)
        .filter((name) => NAME.test(name) && !name.startsWith('.'))
        .flatMap((name) => {
          try {
            return [{ name, modifiedAt: statSync(join(dir, name)).mtimeMs }]
          } catch {
            return []
          }
        })
    }
  }
}
