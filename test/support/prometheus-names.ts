/**
 * The names a Prometheus backend gives the kiosk's OpenTelemetry metrics and attributes, by the rules
 * of OpenTelemetry's "Prometheus and OpenMetrics Compatibility" specification (OTLP metric points to
 * Prometheus), as the collector's `prometheus` and `prometheusremotewrite` exporters apply them with
 * their default suffixes: the name split on every character outside `[a-zA-Z0-9:]` and joined with
 * `_`; the unit's word appended (`s` -> `seconds`, `By` -> `bytes`, `d` -> `days`; none for `1` or
 * an annotation such as `{visit}`); `_total` for a monotonic sum; `_ratio` for a gauge of unit `1`.
 * A histogram is queried as `<name>_bucket`, `_sum` and `_count`.
 */
import type { MetricKind } from '../../main/telemetry/catalogue'

const UNIT_WORDS: Record<string, string> = {
  d: 'days',
  h: 'hours',
  min: 'minutes',
  s: 'seconds',
  ms: 'milliseconds',
  By: 'bytes',
  '1': '',
  '%': 'percent'
}

const tokens = (name: string): string[] => name.split(/[^a-zA-Z0-9:]+/).filter(Boolean)

export function prometheusName(metric: { name: string; unit: string; kind: MetricKind }): string {
  const parts = tokens(metric.name)
  const unit = /[{}]/.test(metric.unit) ? '' : (UNIT_WORDS[metric.unit] ?? metric.unit)
  if (unit && !parts.includes(unit)) parts.push(unit)
  const monotonic = metric.kind === 'counter' || metric.kind === 'observable-counter'
  const named = monotonic ? [...parts.filter((part) => part !== 'total'), 'total'] : parts
  const gaugeRatio = metric.unit === '1' && metric.kind === 'gauge'
  return (gaugeRatio ? [...named.filter((part) => part !== 'ratio'), 'ratio'] : named).join('_')
}

/** The series names one metric is queried by. */
export function prometheusSeries(metric: { name: string; unit: string; kind: MetricKind }): string[] {
  const name = prometheusName(metric)
  return metric.kind === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name]
}

/** An attribute (metric or resource) as a Prometheus label. */
export const prometheusLabel = (attribute: string): string => tokens(attribute).join('_')
