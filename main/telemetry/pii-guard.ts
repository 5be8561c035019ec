/**
 * What may leave the kiosk for the operator's collector. Telemetry crosses the bank's network to systems
 * run by other people (a monitoring vendor, a log store kept for years), so the rule is stricter than
 * for the kiosk's own log file: codes and numbers only. No id of a dossier, process, job or visit, no
 * image, no free text (Assure's error titles and details, exception messages, file paths).
 *
 * Metrics: every attribute an instrument records is checked against that instrument's list of allowed
 * values (see metrics.ts); anything else is dropped before the SDK sees it.
 * Logs: the message is the kiosk's own fixed sentence with anything id-shaped masked; a field survives
 * only as a number, a boolean, or a short code that does not look like an id, under a key that does
 * not name an id, a path or a text.
 */

/** A UUID (jobs, dossiers, processes), with or without dashes. */
const UUID = /[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/gi
/** Any other long run of hex digits or digits: trace ids, session ids, phone or account numbers. */
const LONG_HEX = /\b[0-9a-f]{16,}\b/gi
const LONG_DIGITS = /\d{6,}/g
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g

/** A short technical code: `createDossier`, `ECONNRESET`, `rate-limit`, `9.7.27`, `sdk-status`. */
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,47}$/

/**
 * Keys whose values are never codes: ids, references, paths, urls, free text. `status`, `kind`,
 * `reason`, `operation` and the like pass (as codes).
 */
const TEXT_OR_ID_KEY =
  /(^|[^a-z])(id|ids)$|Id$|ID$|Ids$|reference|session|token|url|uri|path|file|folder|dir$|detail|title|message|description|instance|text|host|address|email|phone/i

/** A name, an id or a free text that happens to be code-shaped ("Paulsen", a dossier id without dashes)? */
export function looksLikeId(value: string): boolean {
  UUID.lastIndex = 0
  LONG_HEX.lastIndex = 0
  LONG_DIGITS.lastIndex = 0
  return UUID.test(value) || LONG_HEX.test(value) || LONG_DIGITS.test(value) || /[A-Za-z0-9+/=_-]{32,}/.test(value)
}

/** A value that may be recorded as a code: code-shaped and not id-shaped. */
export function isCode(value: unknown): value is string {
  return typeof value === 'string' && CODE.test(value) && !looksLikeId(value)
}

/** The kiosk's own log sentence with anything id- or address-shaped masked, at most 200 characters. */
export function guardMessage(message: string): string {
  return message
    .replace(UUID, '[id]')
    .replace(EMAIL, '[email]')
    .replace(LONG_HEX, '[id]')
    .replace(LONG_DIGITS, '[number]')
    .slice(0, 200)
}

export type GuardedAttributes = Record<string, string | number | boolean>

/**
 * A log record's fields (already through the kiosk's redactor) as collector attributes: numbers,
 * booleans and codes; nested objects (an error's `name` and `code`) flattened one level as `error.code`.
 * Strings that are not codes and keys that name an id or a text are dropped; at most 16 attributes.
 */
export function guardLogFields(fields: Record<string, unknown> | undefined): GuardedAttributes {
  const out: GuardedAttributes = {}
  if (!fields) return out
  /** `checked`: a value already known to be a list of codes. */
  const add = (key: string, value: unknown, checked = false): void => {
    if (Object.keys(out).length >= 16 || !/^[A-Za-z][A-Za-z0-9_.]{0,47}$/.test(key)) return
    const leaf = key.split('.').at(-1) ?? key
    if (TEXT_OR_ID_KEY.test(leaf)) return
    if (typeof value === 'number' && Number.isFinite(value)) out[key] = value
    else if (typeof value === 'boolean') out[key] = value
    else if (isCode(value) || (checked && typeof value === 'string')) out[key] = value
  }
  for (const [key, value] of Object.entries(fields)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      if (TEXT_OR_ID_KEY.test(key)) continue
      for (const [inner, innerValue] of Object.entries(value as Record<string, unknown>))
        add(`${key}.${inner}`, innerValue)
    } else if (Array.isArray(value)) {
      // Only a short list of codes (FaceTec's error codes), as one comma-separated code.
      const codes = value.slice(0, 10).filter((item): item is string => isCode(item) || /^\d{1,6}$/.test(String(item)))
      if (codes.length === value.length && codes.length > 0) add(key, codes.join(','), true)
    } else add(key, value)
  }
  return out
}

/**
 * Codes from outside main (the renderer's FaceTec reasons) as an attribute value: code-shaped, and at
 * most `limit` distinct values per attribute, after which new ones are recorded as `other`, so an
 * unexpected stream of values cannot grow the kiosk's memory or the collector's series.
 */
export function boundedCodes(limit: number): (value: string | null | undefined) => string {
  const seen = new Set<string>()
  return (value) => {
    if (!value || !isCode(value)) return 'other'
    if (seen.has(value)) return value
    if (seen.size >= limit) return 'other'
    seen.add(value)
    return value
  }
}

/** `value` if it is one of `allowed`, else null (the caller drops the point). */
export function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | null {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : null
}
