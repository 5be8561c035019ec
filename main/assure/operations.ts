/**
 * The operations the kiosk's Assure client performs, by the names it gives them: in its errors and
 * logs, to the transport's observer, and so to telemetry's `kiosk.assure.operation` attribute and the
 * fleet dashboard. The one list: the client types its calls by it, the sandbox's endpoint table
 * (main/sandbox/endpoints.ts) and telemetry's closed set of attribute values (main/telemetry/metrics.ts)
 * are made from it.
 */
export const ASSURE_OPERATIONS = [
  'token',
  'createDossier',
  'listDossiers',
  'getDossier',
  'deleteDossier',
  'createProcess',
  'getProcess',
  'deleteProcess',
  'getImage',
  'setImages',
  'startVerification',
  'download'
] as const
export type AssureOperation = (typeof ASSURE_OPERATIONS)[number]

/** The operations of Assure's API itself; `token` is Signicat's OAuth token endpoint, outside its document. */
export type AssureApiOperation = Exclude<AssureOperation, 'token'>

/**
 * Each API operation's `operationId` in Signicat's OpenAPI document for Assure, where the kiosk's name
 * differs (the kiosk's names stay: they are telemetry's attribute values and the sandbox's fault targets). `getDossier` is not called by the
 * client today (the engine finds a lost dossier through `listDossiers`); the sandbox answers it.
 */
export const OPENAPI_OPERATION_IDS: Record<AssureApiOperation, string> = {
  createDossier: 'createDossier',
  listDossiers: 'getDossiers',
  getDossier: 'getDossier',
  deleteDossier: 'deleteDossier',
  createProcess: 'createProcess',
  getProcess: 'getProcess',
  deleteProcess: 'deleteProcess',
  getImage: 'getImages',
  setImages: 'setImages',
  startVerification: 'startVerification',
  download: 'getZipFile'
}
