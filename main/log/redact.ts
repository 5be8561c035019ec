/**
 * Redaction for anything on its way to a log. Two layers:
 * - by key: fields whose name says they hold a secret or personal data are replaced wholesale;
 * - by shape: strings that look like credentials (Bearer/Basic headers, JWTs, PEM blocks, data URLs,
 *   long base64 runs such as face scans and images) are masked wherever they appear.
 * Errors are reduced to name/message/code so stack-attached request objects never leak.
 */

/** Tested against the key with `-`, `_`, `.` and spaces removed, so `x-api-key` and `first_name` match. */
const SECRET_KEY =
  /(secret|password|passwd|pwd|passphrase|^pin$|pincode|pinhash|staffpin|token|authorization|cookie|credential|apikey|privatekey|signature|facescan|audittrail|image|selfie|portrait|photo|dataurl|productionkey|devicekey|publickey|encryptionkey)/i

const PERSONAL_KEY =
  /(firstname|lastname|fullname|givenname|familyname|surname|birth|ssn|nationalid|personalidentification|documentnumber|address|email|phone|externalreference)/i

const normalizedKey = (key: string): string => key.replace(/[-_.\s]/g, '')
const isSecretKey = (key: string): boolean => SECRET_KEY.test(normalizedKey(key))
const isPersonalKey = (key: string): boolean => PERSONAL_KEY.test(normalizedKey(key))

/** A key name inside text (JSON, a query, a header line) whose value is masked wherever it appears. */
const KEY_NAME = '[A-Za-z0-9_.-]{1,64}'

const PATTERNS: Array<[RegExp, string | ((...match: string[]) => string)]> = [
  [/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g, '[pem]'],
  [/data:[a-z]+\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]+/gi, '[data-url]'],
  // Credentials in a URL: https://user:password@host/...
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi, '$1[redacted]@'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[jwt]'],
  // "clientSecret": "…" inside a JSON text (a logged request or answer body).
  [
    new RegExp(`"(${KEY_NAME})"(\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'g'),
    (whole, key, colon) =>
      isSecretKey(key) ? `"${key}"${colon}"[redacted]"` : isPersonalKey(key) ? `"${key}"${colon}"[personal]"` : whole
  ],
  // client_secret=… in a query or a form body.
  [
    new RegExp(`\\b(${KEY_NAME})=([^&\\s"',;]+)`, 'g'),
    (whole, key) => (isSecretKey(key) ? `${key}=[redacted]` : whole)
  ],
  // x-api-key: … in a header line (header names have dashes; plain words before a colon are prose).
  [
    /\b([A-Za-z0-9]+(?:-[A-Za-z0-9]+)+|cookie)(:\s*)([^\s,;]+)/gi,
    (whole, key, colon) => (isSecretKey(key) ? `${key}${colon}[redacted]` : whole)
  ],
  [/[A-Za-z0-9+/]{120,}={0,2}/g, '[base64]']
]
const MAX_DEPTH = 6
const MAX_STRING = 4000

export function redactString(value: string): string {
  let out = value
  for (const [pattern, replacement] of PATTERNS)
    out = out.replace(pattern, replacement as (substring: string, ...args: string[]) => string)
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
  // An object that serializes itself (a Date, a URL, a class with toJSON) is logged as what it would
  // serialize to, redacted like anything else: left as it is, the sink's JSON.stringify would call its
  // toJSON after redaction and write whatever that returns.
  const toJSON = (value as { toJSON?: unknown }).toJSON
  if (typeof toJSON === 'function') {
    let serialized: unknown
    try {
      serialized = (toJSON as () => unknown).call(value)
    } catch {
      return '[unserializable]'
    }
    return serialized === value ? '[unserializable]' : redact(serialized, depth + 1)
  }
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) {
    if (isSecretKey(key)) out[key] = '[redacted]'
    else if (isPersonalKey(key)) out[key] = '[personal]'
    else if (typeof inner === 'function') out[key] = '[function]'
    else out[key] = redact(inner, depth + 1)
  }
  return out
}
