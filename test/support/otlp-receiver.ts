/**
 * A real OTLP/HTTP receiver in the test process, standing in for the operator's OpenTelemetry
 * collector: it listens on 127.0.0.1, accepts `POST /v1/metrics` and `POST /v1/logs` as the collector's
 * `otlp` receiver does (OTLP/HTTP with JSON bodies, answering `{}`), keeps every body exactly as it
 * arrived (for the personal-data scan), and reads them as OpenTelemetry's own export request types
 * (`@opentelemetry/otlp-transformer`, the encoding the exporter wrote them in).
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

export type { IExportLogsServiceRequest, IExportMetricsServiceRequest }

export type Behaviour = 'ok' | 'hang' | { status: number }

export interface ReceivedRequest {
  path: string
  headers: IncomingHttpHeaders
  /** The body as it arrived on the wire. */
  body: string
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
  metrics(): IExportMetricsServiceRequest[]
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
      const received: ReceivedRequest = {
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8')
      }
      const known = req.method === 'POST' && (received.path === '/v1/metrics' || received.path === '/v1/logs')
      if (known) requests.push(received)
      arrivals.emit('request', received)
      if (!known) return void res.writeHead(404).end()
      if (current === 'hang') return void held.add(res)
      if (current !== 'ok') return void res.writeHead(current.status, { 'content-type': 'application/json' }).end('{}')
      if (req.headers['content-type'] !== 'application/json')
        return void res.writeHead(415, { 'content-type': 'application/json' }).end('{}')
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo

  const parsed = <T>(path: string): T[] =>
    requests.filter((request) => request.path === path).map((request) => JSON.parse(request.body) as T)

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
    metrics: () => parsed<IExportMetricsServiceRequest>('/v1/metrics'),
    logs: () => parsed<IExportLogsServiceRequest>('/v1/logs'),
    async close() {
      for (const res of held) res.destroy()
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
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
