/**
 * Reads the production key text the operator got from FaceTec into the object browser integrations
 * pass to `initializeInProductionMode` ({ domains, expiryDate, key }; reference §2). The shapes that
 * reach us: the JSON object text (or the JS object literal from FaceTec's Config.js), base64 of it
 * (how some backends ship it), and FaceTec's plain `name = value` block as used by the mobile SDKs.
 */
import type { FaceTecProductionKey } from './sdk-types'

export class ProductionKeyFormatError extends Error {
  override readonly name = 'ProductionKeyFormatError'
}

const FIELD = /\b(appId|domains|expiryDate|key)\s*[=:]\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))/g

export function parseProductionKey(text: string): FaceTecProductionKey {
  const fields = readFields(text.trim()) ?? readFields(decodeBase64Text(text) ?? '')
  if (!fields) {
    throw new ProductionKeyFormatError(
      'The FaceTec production key is neither JSON, base64 of JSON, nor FaceTec\'s "name = value" text.'
    )
  }
  return fromFields(fields)
}

function readFields(text: string): Record<string, unknown> | null {
  if (text === '') return null
  if (text.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(text)
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>
    } catch {
      // Not JSON: perhaps the JS object literal from FaceTec's sample Config.js; read it field by field.
    }
  }
  const fields: Record<string, string> = {}
  // Flattened text often carries literal "\n" where the newlines were.
  for (const match of text.replace(/\\n/g, '\n').matchAll(FIELD)) {
    const [, name, doubleQuoted, singleQuoted, bare] = match
    if (name) fields[name] = doubleQuoted ?? singleQuoted ?? bare?.replace(/,$/, '') ?? ''
  }
  return Object.keys(fields).length > 0 ? fields : null
}

function decodeBase64Text(text: string): string | null {
  const compact = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/')
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return null
  try {
    const bytes = Uint8Array.from(atob(compact), (char) => char.charCodeAt(0))
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).trim()
  } catch {
    return null
  }
}

function fromFields(fields: Record<string, unknown>): FaceTecProductionKey {
  const text = (name: string): string | undefined => {
    const value = fields[name]
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
  }
  const key = text('key')
  const expiryDate = text('expiryDate')
  // A browser key names the domains it may run on. FaceTec's mobile text names an appId instead;
  // whether the browser SDK accepts that value as `domains` is unknown (reference §2, [U]), so we
  // pass it on and let the SDK answer KeyExpiredOrInvalid if it does not.
  const domains = text('domains') ?? text('appId')
  if (!key) throw new ProductionKeyFormatError('The FaceTec production key has no "key" field.')
  if (!expiryDate) throw new ProductionKeyFormatError('The FaceTec production key has no "expiryDate" field.')
  if (!domains) throw new ProductionKeyFormatError('The FaceTec production key has neither "domains" nor "appId".')
  // Only these three: GoodDollar's integration drops the rest (e.g. appId) for the browser SDK.
  return { domains, expiryDate, key }
}
