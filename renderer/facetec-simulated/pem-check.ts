/**
 * The simulated SDK's check of the public encryption key: real newlines, base64 lines of 64
 * characters (the last may be shorter), BEGIN/END lines, as in FaceTec's Config.js. A flattened key
 * fails like the real SDK's Error Code 980897 (reference §2).
 */
export const INVALID_PUBLIC_KEY_ERROR =
  'FaceTec Browser SDK Error Code 980897: Invalid publicEncryptionKey parameter passed to initialize'

export function isWellFormedPublicKeyPem(text: unknown): boolean {
  if (typeof text !== 'string') return false
  const lines = text.replace(/\n$/, '').split('\n')
  const body = lines.slice(1, -1)
  if (lines[0] !== '-----BEGIN PUBLIC KEY-----' || lines.at(-1) !== '-----END PUBLIC KEY-----' || body.length === 0)
    return false
  return body.every(
    (line, index) =>
      /^[A-Za-z0-9+/]+={0,2}$/.test(line) && (index === body.length - 1 ? line.length <= 64 : line.length === 64)
  )
}
