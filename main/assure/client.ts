/**
 * The Assure API calls a FaceTec verification needs, as Signicat's OpenAPI document for Assure
 * describes them (README, "Assure client"). Paths are templates in the configuration, with the
 * document's paths as defaults.
 *
 * Every call: a Bearer token from the token provider; on 401 the token is renewed once and the call
 * repeated once (a 401 means the call was not processed, so even a POST may be repeated).
 */
import { rm } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Dispatcher } from 'undici'
import { durableFiles, type DurableFiles } from '../lib/durable-files'
import { ImageError, toDataUrl, validateImage, type ImageBytes } from '../lib/images'
import { AssureError } from './errors'
import type { AssureApiOperation } from './operations'
import { ID_PATTERN } from './schemas'
import {
  Dossier,
  DossierList,
  FacetecProcess,
  Process,
  SetImagesResponse,
  StartVerificationResponse,
  type ComparedDepiction,
  type Depiction,
  type SettableDepiction
} from './schemas'
import { createPacer } from './pacer'
import { createTokenProvider, type TokenProvider } from './token'
import {
  createTransport,
  FullResultTooLarge,
  MalformedResponse,
  readBytes,
  readJson,
  type HttpMethod,
  type Transport,
  type TransportOptions
} from './transport'

/**
 * URL templates, relative to the base URL; a template may carry a query (`?name={placeholder}`).
 * Placeholders: {dossierId}, {processId}, {depiction} (also spelt {imageType}, the older name). Every
 * value is percent-encoded, so an id can never add a path segment or a query parameter.
 */
export interface AssurePaths {
  dossiers: string
  dossier: string
  processes: string
  process: string
  /** Start verification posts to the process URL itself (there is no `/verify`). */
  startVerification: string
  /** Get image: the depiction is a required query parameter. */
  image: string
  setImages: string
  download: string
}

/** The paths of Signicat's OpenAPI document for Assure (server `https://api.signicat.com/assure`). */
export const DEFAULT_PATHS: AssurePaths = {
  dossiers: '/assure/dossiers',
  dossier: '/assure/dossiers/{dossierId}',
  processes: '/assure/dossiers/{dossierId}/processes',
  process: '/assure/dossiers/{dossierId}/processes/{processId}',
  startVerification: '/assure/dossiers/{dossierId}/processes/{processId}',
  image: '/assure/dossiers/{dossierId}/processes/{processId}/images?depiction={depiction}',
  setImages: '/assure/dossiers/{dossierId}/processes/{processId}/images',
  download: '/assure/dossiers/{dossierId}/processes/{processId}/download'
}

export interface AssureClientOptions extends Omit<TransportOptions, 'dispatcher' | 'pacer'> {
  baseUrl: string
  tokenUrl: string
  scope: string
  /** A function when staff can change it while the kiosk runs. */
  clientId: string | (() => string)
  clientSecret: () => Promise<string>
  paths?: Partial<AssurePaths>
  /**
   * The connection pool, its owner's to close. It owns the connect timeout (undici sets it per
   * connection, not per request), keep-alive and the pool size, so `timeouts.connectMs` reaches it only
   * where it is built: `assureDispatcher(…, timeouts)` (transport.ts).
   */
  dispatcher: Dispatcher
  /** At most this many requests per second to Assure (the outbox drains at Assure's pace). */
  maxRequestsPerSecond?: number
  /** How a downloaded full result is made durable (node:fs's calls unless a test records them). */
  files?: DurableFiles
}

/** Where and as whom to reach Assure: the part of the client's options that configuration decides. */
export type AssureConnection = Pick<
  AssureClientOptions,
  'baseUrl' | 'tokenUrl' | 'scope' | 'clientId' | 'clientSecret' | 'paths' | 'timeouts' | 'maxRequestsPerSecond'
>

/** The four fields FaceTec's session result gives us, as Start verification wants them. */
export interface FacetecEnrollment {
  faceScan: string
  auditTrailImage: string
  lowQualityAuditTrailImage: string
  userAgent: string
}

export interface DownloadedFile {
  path: string
  bytes: number
  sha256: string
  contentType: string | undefined
}

export interface AssureClient {
  /** Gets a fresh token with the current credentials (staff diagnostics); throws AssureError if refused. */
  verifyCredentials(): Promise<void>
  createDossier(input?: { externalReference?: string }): Promise<Dossier>
  /**
   * The last 100 dossiers of the account created and not deleted, each with its `externalReference`
   * (the document: no paging, no filter). The engine uses it only to find a dossier whose Create answer was lost.
   */
  listDossiers(): Promise<Dossier[]>
  deleteDossier(dossierId: string): Promise<void>
  createFacetecProcess(dossierId: string): Promise<FacetecProcess>
  getProcess(dossierId: string, processId: string): Promise<Process>
  deleteProcess(dossierId: string, processId: string): Promise<void>
  /** The raw image (`application/octet-stream`), checked to be a JPEG or PNG. */
  getImage(dossierId: string, processId: string, depiction: Depiction): Promise<ImageBytes>
  setImages(dossierId: string, processId: string, images: Partial<Record<SettableDepiction, ImageBytes>>): Promise<void>
  /** `imageDepiction`: the image of this process the capture is compared with (required for FaceTec). */
  startFacetecVerification(
    dossierId: string,
    processId: string,
    enrollment: FacetecEnrollment,
    imageDepiction: ComparedDepiction
  ): Promise<StartVerificationResponse>
  /**
   * Streams the full-result zip to `destination` (written as `.part`, renamed when complete). `encode`
   * may transform the bytes on their way to disk (the job engine encrypts them); `bytes` and `sha256`
   * describe the zip as Assure sent it. Null when Assure answers 204: the process is not completed or
   * its zip is not available yet (ask again later); nothing is written then.
   */
  downloadFullResult(
    dossierId: string,
    processId: string,
    destination: string,
    options?: { encode?: () => Transform; maxBytes?: number }
  ): Promise<DownloadedFile | null>
}

/**
 * Accept per kind of answer: the media types the document lists for the operation, the success's
 * first and the error body's (`application/json`) second. The bytes are checked in any case.
 */
const ACCEPT_JSON = 'application/json'
const ACCEPT_IMAGE = 'application/octet-stream, application/json'
const ACCEPT_ZIP = 'application/zip, application/json'

/** A zip starts with a local file header, or (empty archive) with the end-of-central-directory record. */
const ZIP_SIGNATURES = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')]

const MAX_JSON = 8 * 1024 * 1024
/** A full-result zip: images and JSON, a few MB; anything near this is not a result. */
export const MAX_FULL_RESULT_BYTES = 64 * 1024 * 1024
/** An image answer: at most 4 MB of JPEG or PNG, with some room for a server that allows a little more. */
const MAX_IMAGE_ANSWER = 6 * 1024 * 1024

/**
 * Fills a template's placeholders with percent-encoded values (safe in a path segment and in a query).
 * Only id-shaped values: percent-encoding leaves `.` and `..` as they are, and the URL parser would then
 * climb out of the resource the template names.
 */
export function fillTemplate(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = params[name] ?? (name === 'imageType' ? params.depiction : undefined)
    if (value === undefined) throw new Error(`path template ${template} needs ${name}`)
    if (!ID_PATTERN.test(value)) throw new UnsafePathValue(`the ${name} is not an id, so it is not put into a path`)
    return encodeURIComponent(value)
  })
}

/** A value that would change a request's path (`..`, a `/`); the request is not sent. */
export class UnsafePathValue extends Error {
  override readonly name = 'UnsafePathValue'
}
const fill = fillTemplate

/** A DELETE answers nothing, or some JSON; anything else is a malformed answer (and retried). */
const EmptyOrJson = { safeParse: (value: unknown) => ({ success: true as const, data: value }) }
const consumeEmpty = async (response: Dispatcher.ResponseData): Promise<void> => {
  await readJson(response, EmptyOrJson, 1024 * 1024)
}

export function createAssureClient(options: AssureClientOptions): AssureClient {
  const paths = { ...DEFAULT_PATHS, ...options.paths }
  const files = options.files ?? durableFiles()
  const base = options.baseUrl.replace(/\/+$/, '')
  const pacer = options.maxRequestsPerSecond
    ? createPacer({ perSecond: options.maxRequestsPerSecond, clock: options.clock })
    : undefined
  const transport: Transport = createTransport({ ...options, pacer })
  const tokens: TokenProvider = createTokenProvider({
    transport,
    clock: options.clock,
    tokenUrl: options.tokenUrl,
    scope: options.scope,
    clientId: options.clientId,
    clientSecret: options.clientSecret
  })

  async function call<T>(
    operation: AssureApiOperation,
    method: HttpMethod,
    path: string | (() => string),
    consume: (response: Dispatcher.ResponseData) => Promise<T>,
    { json, accept = ACCEPT_JSON }: { json?: unknown; accept?: string } = {}
  ): Promise<T> {
    // Filled here, so an id that cannot go into a path is this call's rejection, not a throw at the caller.
    let url: string
    try {
      url = `${base}${typeof path === 'function' ? path() : path}`
    } catch (error) {
      if (!(error instanceof UnsafePathValue)) throw error
      // Not sent: the request itself is wrong (kind `client`), and sending it again would not help.
      throw new AssureError({ kind: 'client', operation, ambiguous: false, cause: error })
    }
    const send = async (token: string): Promise<T> =>
      transport.send({
        operation,
        method,
        url,
        headers: {
          authorization: `Bearer ${token}`,
          accept,
          ...(json !== undefined ? { 'content-type': 'application/json' } : {})
        },
        body: json !== undefined ? JSON.stringify(json) : undefined,
        consume
      })
    const token = await tokens.getToken()
    try {
      return await send(token)
    } catch (error) {
      if (!(error instanceof AssureError) || error.status !== 401) throw error
      // Expired or revoked early: one fresh token, one more try.
      tokens.invalidate(token)
      return send(await tokens.getToken())
    }
  }

  const processPath = (dossierId: string, processId: string): string => fill(paths.process, { dossierId, processId })

  return {
    async verifyCredentials() {
      await tokens.renew()
    },
    createDossier: (input = {}) =>
      call('createDossier', 'POST', paths.dossiers, (r) => readJson(r, Dossier, MAX_JSON), { json: input }),
    listDossiers: () => call('listDossiers', 'GET', paths.dossiers, (r) => readJson(r, DossierList, MAX_JSON)),
    deleteDossier: (dossierId) =>
      call('deleteDossier', 'DELETE', () => fill(paths.dossier, { dossierId }), consumeEmpty),
    createFacetecProcess: (dossierId) =>
      call(
        'createProcess',
        'POST',
        () => fill(paths.processes, { dossierId }),
        (r) => readJson(r, FacetecProcess, MAX_JSON),
        { json: { provider: 'facetec' } }
      ),
    getProcess: (dossierId, processId) =>
      call(
        'getProcess',
        'GET',
        () => processPath(dossierId, processId),
        (r) => readJson(r, Process, MAX_JSON)
      ),
    deleteProcess: (dossierId, processId) =>
      call('deleteProcess', 'DELETE', () => processPath(dossierId, processId), consumeEmpty),

    getImage: (dossierId, processId, depiction) =>
      call('getImage', 'GET', () => fill(paths.image, { dossierId, processId, depiction }), readImage, {
        accept: ACCEPT_IMAGE
      }),

    async setImages(dossierId, processId, images) {
      const body: Record<string, string> = {}
      for (const [type, image] of Object.entries(images)) if (image) body[type] = toDataUrl(image)
      await call(
        'setImages',
        'POST',
        () => fill(paths.setImages, { dossierId, processId }),
        (r) => readJson(r, SetImagesResponse, MAX_JSON),
        { json: body }
      )
    },

    startFacetecVerification: (dossierId, processId, enrollment, imageDepiction) =>
      call(
        'startVerification',
        'POST',
        () => fill(paths.startVerification, { dossierId, processId }),
        (r) => readJson(r, StartVerificationResponse, MAX_JSON),
        {
          json: { facetecEnrollment: enrollment, imageDepiction }
        }
      ),

    downloadFullResult: (dossierId, processId, destination, downloadOptions) =>
      call(
        'download',
        'GET',
        () => fill(paths.download, { dossierId, processId }),
        (response) =>
          saveFullResult(
            response,
            destination,
            files,
            downloadOptions?.encode,
            downloadOptions?.maxBytes ?? MAX_FULL_RESULT_BYTES
          ),
        {
          accept: ACCEPT_ZIP
        }
      )
  }
}

/**
 * Streams the zip to `<destination>.part` and renames it when complete; nothing is left behind on
 * failure. A 204 is the document's "not completed, or the zip is not yet available": null.
 */
async function saveFullResult(
  response: Dispatcher.ResponseData,
  destination: string,
  files: DurableFiles,
  encode: (() => Transform) | undefined,
  maxBytes: number
): Promise<DownloadedFile | null> {
  if (response.statusCode === 204) {
    await response.body.dump()
    return null
  }
  const partial = `${destination}.part`
  const hash = createHash('sha256')
  let bytes = 0
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length
      // Counted as it streams: an endless or enormous answer is cut off here, not written to the end.
      if (bytes > maxBytes) {
        done(new FullResultTooLarge(`the full result is larger than ${maxBytes} bytes`))
        return
      }
      hash.update(chunk)
      done(null, chunk)
    }
  })
  const stages = [zipCheck(), counter, ...(encode ? [encode()] : [])]
  const file = files.createFile(partial)
  /** Whatever went wrong, the `.part` goes; a failure to remove it (Windows: a scanner holding it) is not the news. */
  const discard = async (error: unknown): Promise<never> => {
    await rm(partial, { force: true, maxRetries: 3 }).catch(() => undefined)
    throw error
  }
  try {
    await pipeline([response.body, ...stages, file])
  } catch (error) {
    // The pipeline gives up at once; the file stream may still be opening (creating) the file. Removed
    // before that, the `.part` would appear afterwards and stay. (Destroyed here too in case the
    // pipeline never got to it.)
    file.destroy()
    if (!file.closed) await new Promise<void>((resolve) => file.once('close', () => resolve()))
    return discard(error)
  }
  if (bytes === 0) return discard(new MalformedResponse('the full result is empty'))
  try {
    // On the disk before it is published under its name, and the name on the disk before the journal
    // says `archived` (which is fsynced itself).
    await files.syncFile(partial)
    files.publish(partial, destination)
  } catch (error) {
    return discard(error)
  }
  const contentType = response.headers['content-type']
  return {
    path: destination,
    bytes,
    sha256: hash.digest('hex'),
    contentType: Array.isArray(contentType) ? contentType[0] : contentType
  }
}

/**
 * Passes the bytes on once the first four show a zip. Accept allows any media type, so an error page
 * or JSON answered 200 must be caught here, not archived (encrypted) as the result.
 */
function zipCheck(): Transform {
  let head: Buffer | null = Buffer.alloc(0)
  const notZip = (): MalformedResponse => new MalformedResponse('the full result is not a zip')
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (head === null) {
        done(null, chunk)
        return
      }
      const start: Buffer = Buffer.concat([head, chunk])
      if (start.length < 4) {
        head = start
        done()
        return
      }
      head = null
      if (ZIP_SIGNATURES.some((signature) => start.subarray(0, 4).equals(signature))) done(null, start)
      else done(notZip())
    },
    flush(done) {
      // Fewer than four bytes in all; none at all is reported as an empty result.
      done(head !== null && head.length > 0 ? notZip() : null)
    }
  })
}

/**
 * Get image answers the raw image (`application/octet-stream` in the document). Whatever the media
 * type says, the bytes must be a JPEG or PNG of at most 4 MB, or the answer is malformed.
 */
async function readImage(response: Dispatcher.ResponseData): Promise<ImageBytes> {
  const bytes = await readBytes(response, MAX_IMAGE_ANSWER)
  try {
    return validateImage(new Uint8Array(bytes))
  } catch (error) {
    if (error instanceof ImageError) throw new MalformedResponse(`the image answer is unusable: ${error.message}`)
    throw error
  }
}
