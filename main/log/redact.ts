/**
 * Redaction for anything on its way to a log. Two layers:
 * - by key: fields whose name says they hold a secret or personal data are replaced wholesale;
 * - by shape: strings that look like credentials (Bearer/Basic headers, JWTs, PEM blocks, data URLs,
 *   long base64 runs such as face scans and images) are masked wherever they appear.
 * Errors are reduced to name/message/code so stack-attached request objects never leak.
 */

const SECRET_KEY =
  /(secret|password|passwd|^pin$|pincode|pinhash|staffpin|token|authorization|cookie|credential|apikey|api_key|privatekey|facescan|audittrail|image|selfie|portrait|photo|dataurl|productionkey|devicekey|publickey|encryptionkey)/i

const PERSONAL_KEY =
  /(firstname|lastname|fullname|givenname|familyname|surname|birth|ssn|nationalid|personalidentification|documentnumber|address|email|phone|externalreference)/i

const PATTERNS: Array<[RegExp, string]> = [
  [/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g, '[pem]'],
  [/data:[a-z]+\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]+/gi, '[data-url]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 [redacted]'],
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[jwt]'],
  [/(access_token|client_secret|refresh_token)=[^&\s]+/gi, '$1=[redacted]'],
  [/[A-Za-z0-9+/]{120,}={0,2}/g, '[base64]']
]

const MAX_DEPTH = 6
const MAX_STRING = 4000

export function redactString(value: string): string {
  let out = value
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement)
  return out.length > MAX_STRING ? `${out.slice(0, MAX_STRING)}…[${out.length - MAX_STRING} more]` : out
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactString(value)
  if (value === null || typeof value !== 'object') return value
  if (depth >= MAX_DEPTH) return '[depth]'
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code
    return { name: value.name, message: redactString(value.message), ...(typeof code === 'string' ? { code } : {}) }
  }
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => redact(item, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) {
    if (SECRET_KEY.test(key)) out[key] = '[redacted]'
    else if (PERSONAL_KEY.test(key)) out[key] = '[personal]'
    else out[key] = redact(inner, depth + 1)
  }
  return out
}
