/**
 * Writes test/fixtures/signicat-assure-openapi.json: Signicat's OpenAPI document for Assure, trimmed
 * to the operations the kiosk uses and the schemas they reach, with its prose stripped (descriptions,
 * summaries, code samples) and its data kept (paths, parameters, request bodies, responses per status,
 * schemas, examples), plus a provenance note. The project's tests read only this copy, so a clone
 * without ../shared runs them.
 *
 *   npx tsx scripts/trim-assure-openapi.ts [source.json] [destination.json]
 *
 * The source defaults to ../shared/reference/signicat-assure-openapi.json beside the project.
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { format } from 'prettier'
import { OPENAPI_OPERATION_IDS } from '../main/assure/operations'

/**
 * The document's operations the kiosk uses: those its Assure client calls, and Get dossier, which the
 * sandbox answers (so the conformance test holds that answer to the document). Named once, in
 * main/assure/operations.ts.
 */
const KIOSK_OPERATIONS: readonly string[] = Object.values(OPENAPI_OPERATION_IDS)

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

const ROOT = join(import.meta.dirname, '..')
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'])
/** Prose, not data. */
const PROSE = new Set(['description', 'summary', 'x-code-samples', 'externalDocs'])

const text = (value: Json | undefined): string => (typeof value === 'string' ? value : '?')
const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Drops prose keys everywhere except where a key is data: the names under `properties` (a schema
 * property may be called `description`) and example values. A Response Object must have a
 * description, so it keeps an empty one.
 */
function stripProse(value: Json, context: 'schema-properties' | 'example' | 'response' | 'other' = 'other'): Json {
  if (Array.isArray(value)) return value.map((item) => stripProse(item, context === 'example' ? 'example' : 'other'))
  if (!isObject(value)) return value
  if (context === 'example') return value
  const out: JsonObject = {}
  for (const [key, inner] of Object.entries(value)) {
    if (context !== 'schema-properties' && PROSE.has(key)) continue
    if (context === 'schema-properties') out[key] = stripProse(inner)
    else if (key === 'properties') out[key] = stripProse(inner, 'schema-properties')
    else if (key === 'example' || key === 'value') out[key] = inner
    else if (key === 'responses' && isObject(inner))
      out[key] = Object.fromEntries(
        Object.entries(inner).map(([status, response]) => [status, stripProse(response, 'response')])
      )
    else out[key] = stripProse(inner)
  }
  if (context === 'response') out.description = ''
  return out
}

function collectRefs(value: Json, found: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) collectRefs(item, found)
  else if (isObject(value))
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') found.add(inner)
      else collectRefs(inner, found)
    }
}

/** The newest createdAt/updatedAt among the examples: how recent the copy is, as far as its content tells. */
function newestDate(value: Json): string {
  let newest = ''
  const text = JSON.stringify(value)
  for (const [, date = ''] of text.matchAll(/"(?:createdAt|updatedAt)":"(\d{4}-\d\d-\d\d)/g))
    if (date > newest) newest = date
  return newest
}

export function trim(document: JsonObject, sourceBytes: Buffer): JsonObject {
  const paths: JsonObject = {}
  for (const [path, item] of Object.entries(document.paths as JsonObject)) {
    if (!isObject(item)) continue
    const kept: JsonObject = {}
    for (const [method, operation] of Object.entries(item))
      if (HTTP_METHODS.has(method) && isObject(operation) && KIOSK_OPERATIONS.includes(text(operation.operationId)))
        kept[method] = operation
    if (Object.keys(kept).length > 0) paths[path] = kept
  }
  const missing = KIOSK_OPERATIONS.filter(
    (id) =>
      !Object.values(paths).some((item) =>
        Object.values(item as JsonObject).some((op) => (op as JsonObject).operationId === id)
      )
  )
  if (missing.length > 0) throw new Error(`the source has no operation ${missing.join(', ')}`)

  // Every schema the kept operations reach, directly or through other schemas.
  const schemas = (document.components as JsonObject).schemas as JsonObject
  const wanted = new Set<string>()
  const queue = new Set<string>()
  collectRefs(paths, queue)
  for (const ref of queue) {
    const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1]
    if (!name) throw new Error(`unexpected reference ${ref}`)
    if (wanted.has(name)) continue
    wanted.add(name)
    collectRefs(schemas[name] ?? null, queue)
  }
  const info = document.info as JsonObject
  return stripProse({
    openapi: document.openapi ?? null,
    info: {
      title: info.title ?? null,
      version: info.version ?? null,
      license: info.license ?? null,
      'x-provenance': {
        publisher: 'Signicat AS',
        document: `${text(info.title)} ${text(info.version)} (OpenAPI ${text(document.openapi)})`,
        publishedAs: 'id-document-and-biometric-verification-openapi.json on Signicat’s developer site',
        copy: 'second-hand: from a public GitHub repository that held it for a day; small differences from the hosted version are possible',
        newestExampleTimestamp: newestDate(document.paths as Json),
        sourceSha256: createHash('sha256').update(sourceBytes).digest('hex'),
        trimmedBy:
          'scripts/trim-assure-openapi.ts (the kiosk’s operations, the schemas they reach, examples; prose stripped)'
      }
    },
    servers: document.servers ?? null,
    security: document.security ?? null,
    paths,
    components: {
      schemas: Object.fromEntries([...wanted].sort().map((name) => [name, schemas[name] ?? null])),
      ...(isObject((document.components as JsonObject).securitySchemes)
        ? { securitySchemes: (document.components as JsonObject).securitySchemes ?? null }
        : {})
    }
  }) as JsonObject
}

if (process.argv[1] && relative(process.argv[1], import.meta.filename) === '') {
  const source = process.argv[2] ?? join(ROOT, '..', 'shared', 'reference', 'signicat-assure-openapi.json')
  const destination = process.argv[3] ?? join(ROOT, 'test', 'fixtures', 'signicat-assure-openapi.json')
  const bytes = readFileSync(source)
  const trimmed = trim(JSON.parse(bytes.toString('utf8')) as JsonObject, bytes)
  // Formatted as `npm run lint` wants every file.
  writeFileSync(destination, await format(JSON.stringify(trimmed), { parser: 'json' }))
  console.log(`${relative(ROOT, destination)}: ${Object.keys(trimmed.paths as JsonObject).length} paths`)
}
