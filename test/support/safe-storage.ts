import type { SafeStorageLike } from '../../main/storage/protected-key'

/** Stands in for the OS key store: reversible, but never stores the plaintext as is. */
export function fakeSafeStorage(options: { available?: boolean; backend?: string; reEncrypt?: boolean } = {}) {
  const calls = { encrypt: 0, decrypt: 0 }
  const storage: SafeStorageLike = {
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    encryptStringAsync: async (plain) => {
      calls.encrypt++
      return Buffer.concat([Buffer.from('OSK:'), Buffer.from(plain).map((byte) => byte ^ 0x5a)])
    },
    decryptStringAsync: async (sealed) => {
      calls.decrypt++
      if (!sealed.subarray(0, 4).equals(Buffer.from('OSK:')))
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      return {
        result: Buffer.from(sealed.subarray(4).map((byte) => byte ^ 0x5a)).toString(),
        shouldReEncrypt: options.reEncrypt ?? false
      }
    },
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret'
  }
  return { storage, calls }
}
