/**
 * P3: a long day — consecutive journeys in one page (as a kiosk runs for weeks without reloading),
 * the simulated SDK in its fast mode. After every journey: main's heap and RSS (after a GC; main is
 * this process), its open handles, and the renderer's JS heap, DOM nodes and event listeners (after a
 * GC, through the DevTools protocol). The first 50 journeys against the last 50.
 */
import { startSandbox } from '../../main/sandbox/fault-control'
import { clickWhenEnabled, openKiosk } from './browser-rig'
import { mean, round, type BenchResult } from './support'

const JOURNEYS = Number(process.env.P3_JOURNEYS ?? 300)
const WINDOW = Math.min(50, Math.floor(JOURNEYS / 3))

interface Sample {
  mainHeap: number
  mainRss: number
  handles: number
  rendererHeap: number
  nodes: number
  listeners: number
}

export async function runP3(): Promise<BenchResult> {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('P3 needs node --expose-gc (npm run bench passes it)')
  // The sandbox stands in for Assure and shares this process: it keeps only a few dossiers (each holds
  // a ~0.4 MB FaceScan and images), so what is measured is the kiosk's own memory.
  // The zip at once: the benchmark measures the kiosk, not how long Assure takes to make the full result.
  const sandbox = await startSandbox({ behaviour: { processingDelayMs: 0, maxDossiers: 5, fullResultDelayMs: 0 } })
  // 300 journeys run faster than any person: past main's guard against a renderer preparing in a loop.
  const kiosk = await openKiosk({ sandbox, preparesPerMinute: 10_000 })
  const { page } = kiosk
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.enable')
  const samples: Sample[] = []
  let scripted = false

  for (let journey = 0; journey < JOURNEYS; journey++) {
    await kiosk.expectScreen('attract')
    await page.getByTestId('start').click()
    if (!scripted) {
      await kiosk.scriptFaceTec({ fast: true })
      scripted = true
    }
    await clickWhenEnabled(page, 'accept')
    await clickWhenEnabled(page, 'camera-continue')
    await kiosk.expectScreen('result')
    await page.getByTestId('finish').click()
    await kiosk.expectScreen('attract')

    gc()
    await cdp.send('HeapProfiler.collectGarbage')
    const memory = process.memoryUsage()
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
    const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number }
    samples.push({
      mainHeap: memory.heapUsed,
      mainRss: memory.rss,
      handles: process.getActiveResourcesInfo().length,
      rendererHeap: heap.usedSize,
      nodes: dom.nodes,
      listeners: dom.jsEventListeners
    })
    if ((journey + 1) % 50 === 0) process.stderr.write(`  P3: ${journey + 1} journeys\n`)
  }
  const jobs = kiosk.jobs.list()
  await kiosk.close()
  await sandbox.close()

  const first = samples.slice(0, WINDOW)
  const last = samples.slice(-WINDOW)
  const growth = (key: keyof Sample): number =>
    mean(last.map((sample) => sample[key])) - mean(first.map((sample) => sample[key]))
  const at = (key: keyof Sample): string =>
    `${round(mean(first.map((s) => s[key])))} -> ${round(mean(last.map((s) => s[key])))}`
  const mb = (bytes: number): number => bytes / 1024 / 1024
  const atMb = (key: keyof Sample): string =>
    `${round(mb(mean(first.map((s) => s[key]))))} -> ${round(mb(mean(last.map((s) => s[key]))))} MB`
  return {
    benchmark: 'P3',
    measurements: [
      {
        name: 'P3 main heap growth',
        value: mb(growth('mainHeap')),
        unit: 'MB',
        target: { value: 10, lower: true },
        detail: `first ${WINDOW} vs last ${WINDOW} of ${JOURNEYS}: ${atMb('mainHeap')}`
      },
      {
        name: 'P3 main RSS growth',
        value: mb(growth('mainRss')),
        unit: 'MB',
        target: null,
        detail: `${atMb('mainRss')} (this process also runs Playwright and the sandbox)`
      },
      {
        name: 'P3 renderer JS heap growth',
        value: mb(growth('rendererHeap')),
        unit: 'MB',
        target: { value: 10, lower: true },
        detail: atMb('rendererHeap')
      },
      // "Flat": a leak of even one node or handle per journey would show as ~250 here (with 300 journeys).
      {
        name: 'P3 DOM nodes growth',
        value: growth('nodes'),
        unit: 'nodes',
        target: { value: 5, lower: true },
        detail: `${at('nodes')} (flat)`
      },
      {
        name: 'P3 event listeners growth',
        value: growth('listeners'),
        unit: 'listeners',
        target: { value: 1, lower: true },
        detail: `${at('listeners')} (flat)`
      },
      {
        name: 'P3 main open handles growth',
        value: growth('handles'),
        unit: 'handles',
        target: { value: 1, lower: true },
        detail: `${at('handles')} (flat)`
      }
    ],
    notes: [
      `P3: ${jobs.filter((job) => job.phase === 'completed').length}/${JOURNEYS} journeys completed; main keeps each finished job's small record until the retention period ends. In demo mode main also hosts the sandbox, which keeps its latest 50 dossiers (~0.4 MB each) on top of this.`
    ]
  }
}
