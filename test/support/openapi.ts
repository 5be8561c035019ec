/**
 * Checks HTTP exchanges against an OpenAPI 3.1 document with a JSON Schema 2020-12 validator (Ajv),
 * the way a server or client generated from the document would: the operation by method and path, its
 * path and query parameters, its request body, the Accept header, and the answer's status, media type
 * and body against that status's schema. The checks are the document's; only the plumbing (which part
 * of an exchange goes to which schema) is written here.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { Exchange } from './recording-proxy'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
interface MediaType {
  schema?: Json
  example?: Json
  examples?: Record<string, { value?: Json }>
}
interface Response {
  content?: Record<string, MediaType>
}
interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema?: Json
}
export interface Operation {
  operationId: string
  parameters?: Parameter[]
  requestBody?: { required?: boolean; content: Record<string, MediaType> }
  responses: Record<string, Response>
}
export interface OpenApiDocument {
  openapi: string
  servers: Array<{ url: string }>
  security?: Array<Record<string, string[]>>
  paths: Record<string, Record<string, Operation>>
  components: {
    schemas: Record<string, Json>
    securitySchemes?: Record<string, { type: string; scheme?: string }>
  }
}

const DOCUMENT_ID = 'https://assure.invalid/openapi.json'
const pointer = (...parts: string[]): string =>
  `${DOCUMENT_ID}#/${parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`

export interface MatchedOperation {
  operation: Operation
  method: string
  template: string
  pathParams: Record<string, string>
}

export function createOpenApiChecker(document: OpenApiDocument) {
  // OpenAPI 3.1's schema dialect is JSON Schema 2020-12 plus a few annotation keywords. The document's
  // top-level fields are named so Ajv's strict mode accepts the document as the root that $refs point into.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false })
  addFormats(ajv)
  ajv.addVocabulary([
    'example',
    'discriminator',
    'xml',
    'externalDocs',
    'openapi',
    'info',
    'servers',
    'security',
    'tags',
    'paths',
    'components'
  ])
  ajv.addSchema(document, DOCUMENT_ID)
  const compiled = new Map<string, ValidateFunction>()
  const validator = (ref: string): ValidateFunction => {
    let validate = compiled.get(ref)
    if (!validate) {
      validate = ajv.compile({ $ref: ref })
      compiled.set(ref, validate)
    }
    return validate
  }
  const errorsOf = (validate: ValidateFunction): string =>
    (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''}`).join('; ')

  const basePath = new URL(document.servers[0]?.url ?? 'http://invalid').pathname.replace(/\/$/, '')
  const routes = Object.entries(document.paths).flatMap(([template, item]) =>
    Object.entries(item).map(([method, operation]) => {
      const names: string[] = []
      const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_whole, name: string) => {
        names.push(name)
        return '([^/]+)'
      })
      return { method: method.toUpperCase(), template, operation, names, regex: new RegExp(`^${basePath}${pattern}$`) }
    })
  )

  function match(method: string, path: string): MatchedOperation | null {
    // A literal path wins over a templated one (OpenAPI's rule), e.g. /dossiers/all over /dossiers/{id}.
    const candidates = routes
      .filter((route) => route.method === method && route.regex.test(path))
      .sort((a, b) => a.names.length - b.names.length)
    const route = candidates[0]
    if (!route) return null
    const values = route.regex.exec(path)?.slice(1) ?? []
    return {
      operation: route.operation,
      method,
      template: route.template,
      pathParams: Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(values[i] ?? '')]))
    }
  }

  const mediaTypeOf = (value: string | string[] | undefined): string =>
    (Array.isArray(value) ? value[0] : value)?.split(';')[0]?.trim().toLowerCase() ?? ''

  /** Query and path values are strings on the wire; a non-string schema gets the value parsed. */
  function parameterValue(raw: string, schema: Json | undefined): Json {
    const type = schema && typeof schema === 'object' && !Array.isArray(schema) ? schema.type : undefined
    if (type === 'boolean' || type === 'integer' || type === 'number') {
      try {
        return JSON.parse(raw) as Json
      } catch {
        return raw
      }
    }
    return raw
  }

  /** Everything in the exchange the document does not allow; empty when it conforms. */
  function check(exchange: Exchange): { operationId: string | null; problems: string[] } {
    const url = new URL(exchange.url, 'http://host')
    const matched = match(exchange.method, url.pathname)
    if (!matched) return { operationId: null, problems: [`${exchange.method} ${url.pathname} is not in the document`] }
    const { operation, template, method } = matched
    const where = (...parts: string[]) => pointer('paths', template, method.toLowerCase(), ...parts)
    const problems: string[] = []
    const say = (text: string) => problems.push(`${operation.operationId} ${exchange.status}: ${text}`)

    // Security: the document's scheme for every operation (HTTP bearer, a JWT from the token endpoint).
    for (const requirement of document.security ?? [])
      for (const name of Object.keys(requirement)) {
        const scheme = document.components.securitySchemes?.[name]
        if (scheme?.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer') {
          if (!/^Bearer \S+$/.test(String(exchange.requestHeaders.authorization ?? '')))
            say('no Authorization: Bearer credentials, which the document’s security scheme requires')
        }
      }

    // Parameters.
    const parameters = operation.parameters ?? []
    parameters.forEach((parameter, index) => {
      const raw =
        parameter.in === 'path'
          ? matched.pathParams[parameter.name]
          : parameter.in === 'query'
            ? (url.searchParams.get(parameter.name) ?? undefined)
            : undefined
      if (parameter.in === 'query' && url.searchParams.getAll(parameter.name).length > 1)
        say(`query parameter ${parameter.name} appears more than once`)
      if (raw === undefined) {
        if (parameter.required) say(`the required ${parameter.in} parameter ${parameter.name} is missing`)
        return
      }
      if (parameter.schema === undefined) return
      const validate = validator(where('parameters', String(index), 'schema'))
      if (!validate(parameterValue(raw, parameter.schema)))
        say(`${parameter.in} parameter ${parameter.name}=${raw}: ${errorsOf(validate)}`)
    })
    for (const name of new Set(url.searchParams.keys()))
      if (!parameters.some((parameter) => parameter.in === 'query' && parameter.name === name))
        say(`query parameter ${name} is not in the document`)

    // Request body.
    const hasBody = exchange.requestBody.length > 0
    if (operation.requestBody) {
      if (!hasBody && operation.requestBody.required) say('the required request body is missing')
      if (hasBody) {
        const type = mediaTypeOf(exchange.requestHeaders['content-type'])
        if (!operation.requestBody.content[type]) say(`request content type ${type || '(none)'} is not in the document`)
        else {
          const validate = validator(where('requestBody', 'content', type, 'schema'))
          if (!validate(JSON.parse(exchange.requestBody.toString('utf8')))) say(`request body: ${errorsOf(validate)}`)
        }
      }
    } else if (hasBody) say('a request body, where the document has none')

    // Accept: every media range asked for is one the operation answers with.
    const answered = new Set(
      Object.values(operation.responses).flatMap((response) => Object.keys(response.content ?? {}))
    )
    const accept = exchange.requestHeaders.accept
    if (accept && !answered.has('*/*'))
      for (const range of String(accept)
        .split(',')
        .map((part) => part.split(';')[0]?.trim() ?? ''))
        if (!answered.has(range)) say(`Accept ${range} is not a media type the operation answers with`)

    // The answer.
    const status = String(exchange.status)
    const response = operation.responses[status]
    if (!response) {
      say(`status ${status} is not documented (documented: ${Object.keys(operation.responses).join(', ')})`)
      return { operationId: operation.operationId, problems }
    }
    const content = response.content ?? {}
    const body = exchange.responseBody
    if (Object.keys(content).length === 0 || exchange.status === 204) {
      if (body.length > 0) say(`a ${body.length}-byte body, where the document gives this answer none`)
      return { operationId: operation.operationId, problems }
    }
    const type = mediaTypeOf(exchange.responseHeaders['content-type'])
    const key = content[type] ? type : content['*/*'] ? '*/*' : null
    if (!key) {
      say(`content type ${type || '(none)'} is not in the document (${Object.keys(content).join(', ')})`)
      return { operationId: operation.operationId, problems }
    }
    const schema = content[key]?.schema
    const binary =
      schema &&
      typeof schema === 'object' &&
      !Array.isArray(schema) &&
      schema.type === 'string' &&
      schema.format === 'binary'
    if (binary) {
      if (body.length === 0) say('an empty body where the document answers bytes')
    } else if (schema !== undefined) {
      let parsed: Json
      try {
        parsed = JSON.parse(body.toString('utf8')) as Json
      } catch {
        say('the body is not JSON')
        return { operationId: operation.operationId, problems }
      }
      const validate = validator(where('responses', status, 'content', key, 'schema'))
      if (!validate(parsed)) say(`response body: ${errorsOf(validate)}`)
    }
    return { operationId: operation.operationId, problems }
  }

  return { check, match, validator, pointer }
}
