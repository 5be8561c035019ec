/**
 * A real OTLP/HTTP receiver in the test process, standing in for the operator's OpenTelemetry
 * collector: it listens on 127.0.0.1 and accepts `POST /v1/metrics` and `POST /v1/logs` as the
 * collector's `otlp` receiver does with OTLP/HTTP protobuf bodies (`application/x-protobuf`, answered
 * with an empty export response). Every body is kept exactly as it arrived (for the personal-data scan)
 * and decoded with the OpenTelemetry project's own protobuf code for the OTLP schema: the
 * protobufjs-generated `ExportMetricsServiceRequest` / `ExportLogsServiceRequest` that
 * `@opentelemetry/otlp-transformer` shipped up to 0.217 (installed as `otlp-proto-decoder`; later versions
 * only encode). A body that does not decode is answered 400 and recorded in `rejected`, and reading the
 * metrics or logs of a receiver that rejected anything throws: every assertion on what arrived is also
 * an assertion that it arrived as a valid OTLP message.
 *
 * It can also misbehave like a collector in trouble: `hang` (accepts the request, never answers),
 * a status code (e.g. 503), or `ok` again.
 */
import { EventEmitter, once } from 'node:events'
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { IAnyValue, IKeyValue } from '@opentelemetry/otlp-transformer/build/src/common/internal-types'
import type {
  IExportLogsServiceRequest,
  ILogRecord
} from '@opentelemetry/otlp-transformer/build/src/logs/internal-types'
import type {
  IExportMetricsServiceRequest,
  IHistogramDataPoint,
  IMetric,
  INumberDataPoint
} from '@opentelemetry/otlp-transformer/build/src/metrics/internal-types'
import generated from 'otlp-proto-decoder/build/src/generated/root.js'

export type { IExportLogsServiceRequest, IExportMetricsServiceRequest }

/** The part of a protobufjs-generated message type used here (the generated typings say only `Root`). */
interface GeneratedType<T> {
  decode(body: Uint8Array): object
  toObject(message: object, options: { longs: NumberConstructor; bytes: StringConstructor; arrays: true }): T
  encode(message: object): { finish(): Uint8Array }
}
const { metrics: metricsV1, logs: logsV1 } = (
  generated as unknown as {
    opentelemetry: {
      proto: {
        collector: {
          metrics: {
            v1: {
              ExportMetricsServiceRequest: GeneratedType<IExportMetricsServiceRequest>
              ExportMetricsServiceResponse: GeneratedType<object>
            }
          }
          logs: {
            v1: {
              ExportLogsServiceRequest: GeneratedType<IExportLogsServiceRequest>
              ExportLogsServiceResponse: GeneratedType<object>
            }
          }
        }
      }
    }
  }
).opentelemetry.proto.collector

/** What the receiver does with each path: decode the request, encode the (empty, full-success) response. */
const SIGNALS = {
  '/v1/metrics': {
    request: metricsV1.v1.ExportMetricsServiceRequest,
    response: metricsV1.v1.ExportMetricsServiceResponse
  },
  '/v1/logs': { request: logsV1.v1.ExportLogsServiceRequest, response: logsV1.v1.ExportLogsServiceResponse }
} as const
type SignalPath = keyof typeof SIGNALS
const isSignalPath = (path: string): path is SignalPath => Object.hasOwn(SIGNALS, path)

const PROTOBUF = 'application/x-protobuf'
const DECODE_OPTIONS = { longs: Number, bytes: String, arrays: true } as const

export type Behaviour = 'ok' | 'hang' | { status: number }

export interface ReceivedRequest {
  path: string
  headers: IncomingHttpHeaders
  /** The body exactly as it arrived on the wire. */
  bytes: Buffer
  /**
   * What a scan for personal data reads: the wire bytes as UTF-8 (protobuf carries every string
   * verbatim) and, after them, the decoded message as JSON.
   */
  text: string
  /** The export request, decoded with OpenTelemetry's generated code; absent when the body did not decode. */
  decoded?: IExportMetricsServiceRequest | IExportLogsServiceRequest
  /** Why the body was refused, and the status that said so: 415 not protobuf, 400 not an OTLP export request. */
  rejection?: { status: 400 | 415; reason: string }
}

export type Attrs = Record<string, string | number | boolean>

/** One data point of a metric, its attributes as a plain record. */
export interface Point {
  metric: string
  unit: string
  attributes: Attrs
  /** Sums and gauges. */
  value?: number
  /** Histograms. */
  count?: number
  sum?: number
}

export interface OtlpReceiver {
  url: string
  requests: ReceivedRequest[]
  /** Requests accepted and not answered yet, and the most there ever were at once. */
  readonly inFlight: number
  /** The most requests to `path` that were ever accepted and unanswered at once. */
  maxInFlightOf(path: string): number
  behave(behaviour: Behaviour): void
  /** Resolves when the next request (to `path`, if given) has arrived. */
  nextRequest(path?: string): Promise<ReceivedRequest>
  /** Requests refused because their body was not a valid OTLP/HTTP protobuf export request. */
  rejected(): ReceivedRequest[]
  /** The decoded metric export requests, in arrival order; throws if any request to /v1/metrics was refused. */
  metrics(): IExportMetricsServiceRequest[]
  /** The decoded log export requests, in arrival order; throws if any request to /v1/logs was refused. */
  logs(): IExportLogsServiceRequest[]
  close(): Promise<void>
}

export async function startOtlpReceiver(behaviour: Behaviour = 'ok'): Promise<OtlpReceiver> {
  let current = behaviour
  const requests: ReceivedRequest[] = []
  const held = new Set<ServerResponse>()
  const arrivals = new EventEmitter()
  let inFlight = 0
  const inFlightByPath = new Map<string, number>()
  const maxInFlightByPath = new Map<string, number>()

  const server = createServer((req, res) => {
    const path = req.url ?? ''
    inFlight++
    inFlightByPath.set(path, (inFlightByPath.get(path) ?? 0) + 1)
    maxInFlightByPath.set(path, Math.max(maxInFlightByPath.get(path) ?? 0, inFlightByPath.get(path) ?? 0))
    res.on('close', () => {
      inFlight--
      inFlightByPath.set(path, (inFlightByPath.get(path) ?? 1) - 1)
      held.delete(res)
    })
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const known = req.method === 'POST' && isSignalPath(path)
      const received = known ? receive(path, req.headers, Buffer.concat(chunks)) : null
      if (received) requests.push(received)
      arrivals.emit('request', received ?? { path, headers: req.headers, bytes: Buffer.alloc(0), text: '' })
      if (!received || !isSignalPath(path)) return void res.writeHead(404).end()
      if (current === 'hang') return void held.add(res)
      if (current !== 'ok') return void res.writeHead(current.status, { 'content-type': PROTOBUF }).end()
      // OTLP/HTTP: an unsupported media type is 415, a body that does not decode is 400 (a collector's
      // `otlp` receiver answers the same), and success is the signal's export response, here empty.
      if (received.rejection) return void res.writeHead(received.rejection.status).end()
      res.writeHead(200, { 'content-type': PROTOBUF }).end(Buffer.from(SIGNALS[path].response.encode({}).finish()))
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo

  const decodedOf = <T>(path: SignalPath): T[] => {
    const arrived = requests.filter((request) => request.path === path)
    const refused = arrived.filter((request) => request.rejection)
    if (refused.length > 0)
      throw new Error(`the receiver refused ${refused.length} request(s) to ${path}: ${refused[0]?.rejection?.reason}`)
    return arrived.map((request) => request.decoded as T)
  }

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get inFlight() {
      return inFlight
    },
    maxInFlightOf: (path) => maxInFlightByPath.get(path) ?? 0,
    behave(next) {
      current = next
    },
    async nextRequest(path) {
      for (;;) {
        const [request] = (await once(arrivals, 'request')) as [ReceivedRequest]
        if (!path || request.path === path) return request
      }
    },
    rejected: () => requests.filter((request) => request.rejection),
    metrics: () => decodedOf<IExportMetricsServiceRequest>('/v1/metrics'),
    logs: () => decodedOf<IExportLogsServiceRequest>('/v1/logs'),
    async close() {
      for (const res of held) res.destroy()
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    }
  }
}

/** One export request as it arrived: kept as bytes, decoded as the signal's OTLP message, or refused. */
function receive(path: SignalPath, headers: IncomingHttpHeaders, bytes: Buffer): ReceivedRequest {
  const wire = bytes.toString('utf8')
  if (headers['content-type'] !== PROTOBUF)
    return {
      path,
      headers,
      bytes,
      text: wire,
      rejection: { status: 415, reason: `content-type ${headers['content-type']}, not ${PROTOBUF}` }
    }
  const type = SIGNALS[path].request
  try {
    const decoded = type.toObject(type.decode(bytes), DECODE_OPTIONS)
    return { path, headers, bytes, text: `${wire}\n${JSON.stringify(decoded)}`, decoded }
  } catch (error) {
    return {
      path,
      headers,
      bytes,
      text: wire,
      rejection: { status: 400, reason: `not an OTLP export request: ${(error as Error).message}` }
    }
  }
}

/** An OTLP attribute value as a plain value. */
export function valueOf(value: IAnyValue | undefined): string | number | boolean {
  if (!value) return ''
  if (value.stringValue !== undefined && value.stringValue !== null) return value.stringValue
  if (value.boolValue !== undefined && value.boolValue !== null) return value.boolValue
  if (value.intValue !== undefined && value.intValue !== null) return Number(value.intValue)
  if (value.doubleValue !== undefined && value.doubleValue !== null) return Number(value.doubleValue)
  return JSON.stringify(value)
}

export function attributesOf(list: IKeyValue[] | undefined): Attrs {
  return Object.fromEntries((list ?? []).map((entry) => [entry.key, valueOf(entry.value)]))
}

/** Every data point of every metric in these requests, in arrival order. */
export function pointsOf(requests: IExportMetricsServiceRequest[]): Point[] {
  const points: Point[] = []
  const push = (metric: IMetric, point: INumberDataPoint | IHistogramDataPoint, extra: Partial<Point>): void => {
    points.push({
      metric: metric.name,
      unit: metric.unit ?? '',
      attributes: attributesOf(point.attributes),
      ...extra
    })
  }
  for (const request of requests)
    for (const resource of request.resourceMetrics)
      for (const scope of resource.scopeMetrics)
        for (const metric of scope.metrics) {
          for (const point of metric.sum?.dataPoints ?? []) push(metric, point, { value: numberOf(point) })
          for (const point of metric.gauge?.dataPoints ?? []) push(metric, point, { value: numberOf(point) })
          for (const point of metric.histogram?.dataPoints ?? [])
            push(metric, point, { count: Number(point.count ?? 0), sum: Number(point.sum ?? 0) })
        }
  return points
}

/** How a metric arrived: its OTLP data type (a sum's monotonicity included), as a backend reads it. */
export type WireKind = 'monotonic-sum' | 'sum' | 'gauge' | 'histogram' | 'other'

/** Every metric in these requests, once per name: its unit and OTLP data type as they arrived. */
export function metricsOf(
  requests: IExportMetricsServiceRequest[]
): Array<{ name: string; unit: string; kind: WireKind }> {
  const seen = new Map<string, { name: string; unit: string; kind: WireKind }>()
  for (const request of requests)
    for (const resource of request.resourceMetrics)
      for (const scope of resource.scopeMetrics)
        for (const metric of scope.metrics) {
          const kind: WireKind = metric.sum
            ? metric.sum.isMonotonic
              ? 'monotonic-sum'
              : 'sum'
            : metric.gauge
              ? 'gauge'
              : metric.histogram
                ? 'histogram'
                : 'other'
          seen.set(metric.name, { name: metric.name, unit: metric.unit ?? '', kind })
        }
  return [...seen.values()]
}

const numberOf = (point: INumberDataPoint): number => Number(point.asDouble ?? point.asInt ?? 0)

/** The latest point of `metric` whose attributes include `where` (cumulative sums: the running total). */
export function latest(points: Point[], metric: string, where: Attrs = {}): Point | undefined {
  return points.filter((point) => point.metric === metric && matches(point.attributes, where)).at(-1)
}

const matches = (attributes: Attrs, where: Attrs): boolean =>
  Object.entries(where).every(([key, value]) => attributes[key] === value)

/** The resource attributes of every request (metrics and logs). */
export function resourcesOf(receiver: OtlpReceiver): Attrs[] {
  return [
    ...receiver
      .metrics()
      .flatMap((request) => request.resourceMetrics.map((r) => attributesOf(r.resource?.attributes))),
    ...receiver
      .logs()
      .flatMap((request) => (request.resourceLogs ?? []).map((r) => attributesOf(r.resource?.attributes)))
  ]
}

export interface ReceivedLog {
  severity: string
  body: string
  attributes: Attrs
}

export function logRecordsOf(requests: IExportLogsServiceRequest[]): ReceivedLog[] {
  const records: ILogRecord[] = requests.flatMap((request) =>
    (request.resourceLogs ?? []).flatMap((resource) => resource.scopeLogs.flatMap((scope) => scope.logRecords ?? []))
  )
  return records.map((record) => ({
    severity: record.severityText ?? '',
    body: String(valueOf(record.body)),
    attributes: attributesOf(record.attributes)
  }))
}
