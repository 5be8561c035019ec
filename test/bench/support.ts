/** Shared pieces of the benchmark scripts: statistics, the result format, the machine they ran on. */
import { cpus, totalmem, type } from 'node:os'

export interface Measurement {
  /** e.g. "P1 wait after capture, 50 ms latency". */
  name: string
  value: number
  unit: string
  /** The target, in the same unit; `lower` means the value must stay at or below it. */
  target: { value: number; lower: true } | null
  /** How the number was obtained, e.g. "median of 20". */
  detail: string
}

export interface BenchResult {
  benchmark: string
  measurements: Measurement[]
  notes: string[]
}

export function median(values: number[]): number {
  return percentile(values, 50)
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = (p / 100) * (sorted.length - 1)
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (rank - low)
}

export function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length
}

export const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits

export function met(measurement: Measurement): boolean | null {
  if (!measurement.target) return null
  return measurement.value <= measurement.target.value
}

export function machine(): Record<string, string | number> {
  const [cpu] = cpus()
  return {
    os: `${type()} ${process.arch}`,
    cpu: cpu?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: round(totalmem() / 1024 ** 3, 0),
    node: process.version
  }
}

export function table(results: BenchResult[]): string {
  const rows = results.flatMap((result) =>
    result.measurements.map((m) => [
      m.name,
      `${round(m.value)} ${m.unit}`,
      m.target ? `≤ ${round(m.target.value)} ${m.unit}` : '—',
      met(m) === null ? '' : met(m) ? 'met' : 'MISSED',
      m.detail
    ])
  )
  const header = ['measurement', 'value', 'target', '', 'how']
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)))
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n')
}
