/**
 * `npm run bench [P1 P2 ...]`: runs the benchmarks (all by default), prints a table, and writes
 * test/bench/results/latest.json with the machine they ran on. Numbers, never assertions.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { runP1 } from './p1-wait-after-capture'
import { runP2 } from './p2-time-to-camera'
import { runP3 } from './p3-long-day'
import { runP4 } from './p4-renderer'
import { runP5 } from './p5-outbox-drain'
import { runP6 } from './p6-bridge'
import { runP7 } from './p7-year-of-jobs'
import { runP8 } from './p8-sdk-kept'
import { runP9 } from './p9-telemetry'
import { machine, table, type BenchResult } from './support'

const benchmarks: Record<string, () => Promise<BenchResult>> = {
  P1: runP1,
  P2: runP2,
  P3: runP3,
  P4: runP4,
  P5: runP5,
  P6: runP6,
  P7: runP7,
  P8: runP8,
  P9: runP9
}

const wanted = process.argv.slice(2).map((name) => name.toUpperCase())
const chosen = Object.keys(benchmarks).filter((name) => wanted.length === 0 || wanted.includes(name))
const results: BenchResult[] = []
for (const name of chosen) {
  process.stderr.write(`running ${name}…\n`)
  const started = performance.now()
  results.push(await (benchmarks[name] as () => Promise<BenchResult>)())
  process.stderr.write(`${name} took ${Math.round((performance.now() - started) / 1000)} s\n`)
}

console.log(table(results))
for (const note of results.flatMap((result) => result.notes)) console.log(`- ${note}`)
const report = { at: new Date().toISOString(), machine: machine(), results }
const dir = join(import.meta.dirname, 'results')
await mkdir(dir, { recursive: true })
await writeFile(
  join(dir, wanted.length ? `latest-${chosen.join('-')}.json` : 'latest.json'),
  `${JSON.stringify(report, null, 2)}\n`
)
console.log(`\nmachine: ${JSON.stringify(report.machine)}`)
