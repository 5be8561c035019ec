/**
 * The Grafana dashboard shipped in resources/ and the README's list of metrics, held to the metric
 * catalogue (main/telemetry/catalogue.ts): every query parses as PromQL (Prometheus's own grammar,
 * @prometheus-io/lezer-promql) and asks only for series and labels the kiosk exports, under the names
 * a Prometheus backend gives them (test/support/prometheus-names.ts); every metric is in the README
 * with its unit. A renamed metric or attribute fails here rather than as an empty panel in the field.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parser } from '@prometheus-io/lezer-promql'
import { describe, expect, it } from 'vitest'
import { ATTR, METRICS } from '../../../main/telemetry/catalogue'
import { ASSURE_OPERATIONS } from '../../../main/telemetry/metrics'
import { Connectivity, ServiceCause, VisitOutcome } from '../../../preload/api'
import { prometheusLabel, prometheusName, prometheusSeries } from '../../support/prometheus-names'

const root = join(import.meta.dirname, '..', '..', '..')
const dashboard = JSON.parse(readFileSync(join(root, 'resources', 'grafana-fleet-dashboard.json'), 'utf8')) as {
  templating: { list: Array<{ name: string; query: unknown; definition?: string }> }
  panels: Array<{ type: string; title: string; targets?: Array<{ expr: string }> }>
}
const readme = readFileSync(join(root, 'README.md'), 'utf8')

const specs = Object.values(METRICS)
const series = new Set(specs.flatMap((spec) => prometheusSeries(spec)))
/** Labels a query may use: the metrics' attributes, the resource's (the collector config turns them into labels), `le`. */
const RESOURCE = ['service.name', 'service.version', 'service.instance.id', 'kiosk.id', 'kiosk.site', 'kiosk.mode']
const labels = new Set([...Object.values(ATTR), ...RESOURCE].map(prometheusLabel).concat(['le', 'job', 'instance']))
/** Values a query may match on, for the attributes whose values are a closed list. */
const VALUES: Record<string, readonly string[]> = {
  [prometheusLabel(ATTR.visitOutcome)]: VisitOutcome.options,
  [prometheusLabel(ATTR.outOfServiceCause)]: ServiceCause.options,
  [prometheusLabel(ATTR.connectivity)]: Connectivity.options,
  [prometheusLabel(ATTR.assureOperation)]: [...ASSURE_OPERATIONS, 'other'],
  [prometheusLabel(ATTR.errorType)]: ['']
}

/** Grafana's variables as a concrete query, so the PromQL grammar can read it. */
const concrete = (expr: string): string =>
  expr
    .replaceAll('$__rate_interval', '5m')
    .replaceAll('$__range', '24h')
    .replaceAll('$__interval', '1m')
    .replaceAll('$site', '.*')

interface Parsed {
  errors: string[]
  metrics: string[]
  labels: string[]
  matches: Array<{ label: string; value: string }>
}

function parse(expr: string): Parsed {
  const text = concrete(expr)
  const out: Parsed = { errors: [], metrics: [], labels: [], matches: [] }
  const at = (from: number, to: number) => text.slice(from, to)
  parser.parse(text).iterate({
    enter(node) {
      if (node.type.isError) out.errors.push(`at ${node.from}: ${text.slice(node.from, node.from + 20)}`)
      else if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector')
        out.metrics.push(at(node.from, node.to))
      else if (node.name === 'LabelName') out.labels.push(at(node.from, node.to))
      else if (node.name === 'UnquotedLabelMatcher') {
        const label = node.node.getChild('LabelName')
        const op = node.node.getChild('MatchOp')
        const value = node.node.getChild('StringLiteral')
        if (label && value && op && at(op.from, op.to) === '=')
          out.matches.push({ label: at(label.from, label.to), value: JSON.parse(at(value.from, value.to)) as string })
      }
    }
  })
  return out
}

const queries = dashboard.panels.flatMap((panel) =>
  (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr }))
)

describe('the names a Prometheus backend gives the metrics', () => {
  it('follow OpenTelemetry’s compatibility rules (the specification’s and the translator’s own examples)', () => {
    expect(prometheusName({ name: 'http.server.request.duration', unit: 's', kind: 'histogram' })).toBe(
      'http_server_request_duration_seconds'
    )
    expect(prometheusName({ name: 'requests.count', unit: '1', kind: 'counter' })).toBe('requests_count_total')
    expect(prometheusName({ name: 'memory.usage', unit: 'By', kind: 'gauge' })).toBe('memory_usage_bytes')
    expect(prometheusName({ name: 'cpu.utilization', unit: '1', kind: 'gauge' })).toBe('cpu_utilization_ratio')
    expect(prometheusName({ name: 'http.requests', unit: '{request}', kind: 'counter' })).toBe('http_requests_total')
  })
})

describe('the fleet dashboard (resources/grafana-fleet-dashboard.json)', () => {
  it('has the panels an operator looks for', () => {
    const titles = dashboard.panels.map((panel) => panel.title)
    for (const wanted of [
      'Fleet by site',
      'Kiosks out of service now',
      'Out of service, by kiosk',
      'Outbox depth, by kiosk',
      'Visit outcomes per hour',
      'Assure latency, 95th percentile by operation',
      'Assure errors per minute, by operation and kind'
    ])
      expect(titles).toContain(wanted)
    expect(queries.length).toBeGreaterThan(25)
  })

  it('every query is valid PromQL over series and labels the kiosk exports', () => {
    const used = new Set<string>()
    for (const { panel, expr } of queries) {
      const parsed = parse(expr)
      expect(parsed.errors, `${panel}: ${expr}`).toEqual([])
      expect(parsed.metrics.length, `${panel}: ${expr}`).toBeGreaterThan(0)
      for (const metric of parsed.metrics) {
        expect(series.has(metric), `${panel}: no such series ${metric}`).toBe(true)
        used.add(metric)
      }
      for (const label of parsed.labels) expect(labels.has(label), `${panel}: no such label ${label}`).toBe(true)
      for (const { label, value } of parsed.matches) {
        const allowed = VALUES[label]
        if (allowed) expect(allowed, `${panel}: ${label}="${value}"`).toContain(value)
      }
    }
    // The five views the issue names are fed by the metrics behind them.
    for (const metric of [
      'kiosk_app_info_ratio',
      'kiosk_out_of_service_ratio',
      'kiosk_outbox_depth',
      'kiosk_visits_ended_total',
      'kiosk_assure_request_duration_seconds_bucket'
    ])
      expect(used).toContain(metric)
  })

  it('filters by site through a variable read from the kiosks’ own label', () => {
    const site = dashboard.templating.list.find((variable) => variable.name === 'site')
    expect(site?.definition).toBe('label_values(kiosk_app_info_ratio, kiosk_site)')
    for (const { panel, expr } of queries) expect(expr, panel).toContain('kiosk_site=~"$site"')
  })
})

describe('the README’s "Monitoring a fleet"', () => {
  const section = readme.slice(readme.indexOf('## Monitoring a fleet'))
  const rows = section.split('\n').filter((line) => line.startsWith('| `kiosk.'))

  it('lists every metric once, with its unit, its kind and its Prometheus name', () => {
    expect(rows).toHaveLength(specs.length)
    for (const spec of specs) {
      const row = rows.find((line) => line.startsWith(`| \`${spec.name}\` |`))
      expect(row, spec.name).toBeDefined()
      expect(row, spec.name).toContain(`| \`${spec.unit}\` |`)
      expect(row, spec.name).toContain(`\`${prometheusName(spec)}\``)
      for (const attribute of spec.attributes) expect(row, `${spec.name}: ${attribute}`).toContain(`\`${attribute}\``)
    }
  })

  it('names every config key of the telemetry section', () => {
    for (const key of [
      'site',
      'telemetry.endpoint',
      'telemetry.exportIntervalSeconds',
      'telemetry.headers',
      'telemetry.logs'
    ])
      expect(readme.includes(`| \`${key}\``), key).toBe(true)
  })
})
