/**
 * The FaceScan encryption key as the SDK wants it: PEM with real newlines. Keys often reach the
 * kiosk flattened onto one line (environment variables, JSON, copy-paste), with spaces or literal
 * "\n" where the newlines were; the SDK then only logs "Error Code 980897" and fails.
 */
const HEADER = '-----BEGIN PUBLIC KEY-----'
const FOOTER = '-----END PUBLIC KEY-----'
const PEM_LINE_LENGTH = 64

export class PublicKeyFormatError extends Error {
  override readonly name = 'PublicKeyFormatError'
}

/**
 * Returns `-----BEGIN PUBLIC KEY-----\n<base64 in 64-character lines>\n-----END PUBLIC KEY-----`.
 * Accepts the PEM with any whitespace or escaped newlines, or the bare base64 body.
 */
export function normalizePublicKeyPem(text: string): string {
  let body = text.replace(/\\r|\\n/g, ' ').trim()
  const hasHeader = body.startsWith(HEADER)
  const hasFooter = body.endsWith(FOOTER)
  if (hasHeader !== hasFooter)
    throw new PublicKeyFormatError('The public FaceScan encryption key has only one of the BEGIN/END PUBLIC KEY lines.')
  if (hasHeader) body = body.slice(HEADER.length, body.length - FOOTER.length)
  body = body.replace(/\s+/g, '')
  if (body === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0) {
    throw new PublicKeyFormatError('The public FaceScan encryption key is not a base64 PEM public key.')
  }
  const lines = body.match(new RegExp(`.{1,${PEM_LINE_LENGTH}}`, 'g')) ?? []
  return [HEADER, ...lines, FOOTER].join('\n')
}
