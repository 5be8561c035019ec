/**
 * P1: how long a person waits after the capture is handed over until the result is shown, with the
 * sandbox at 0 and 50 ms of added latency per request and 500 ms of processing; and how many HTTP round
 * trips are on that path compared with the minimum (Start verification + one successful poll).
 */
import { captureFor, startRig } from './engine-rig'
import { median, percentile, round, type BenchResult, type Measurement } from './support'

const PROCESSING_MS = 500
const WARM_UP = 8
const MEASURED = 20

export async function runP1(): Promise<BenchResult> {
  const measurements: Measurement[] = []
  const notes: string[] = []
  for (const latency of [0, 50]) {
    const rig = await startRig({
      sandbox: { processingDelayMs: PROCESSING_MS, latencyMs: latency },
      engine: { archiveOn: [] }
    })
    const waits: number[] = []
    const trips: number[] = []
    const firstJob: number[] = []
    for (let index = 0; index < WARM_UP + MEASURED; index++) {
      const { jobId } = await rig.engine.prepare()
      await rig.settled(jobId)
      rig.sandbox.control.reset()
      const started = performance.now()
      const shown = rig.until(jobId, (view) => view.phase === 'completed')
      await rig.engine.submitCapture(captureFor(jobId))
      await shown
      const waited = performance.now() - started
      const calls = rig.sandbox.control.calls()
      if (index === 0) firstJob.push(waited)
      if (index >= WARM_UP) {
        waits.push(waited)
        trips.push(calls.startVerification + calls.getProcess)
      }
      await rig.settled(jobId)
    }
    const target = PROCESSING_MS + 2 * latency + 300
    measurements.push(
      {
        name: `P1 wait after capture, ${latency} ms latency`,
        value: median(waits),
        unit: 'ms',
        target: { value: target, lower: true },
        detail: `median of ${MEASURED} (p95 ${round(percentile(waits, 95))} ms); processing ${PROCESSING_MS} ms`
      },
      {
        name: `P1 round trips on the path, ${latency} ms latency`,
        value: median(trips),
        unit: 'req',
        target: null,
        detail: `median; minimum 2 (start + one poll); max seen ${Math.max(...trips)}`
      }
    )
    notes.push(
      `P1 ${latency} ms: the first job after start (nothing learned yet) waited ${round(firstJob[0] ?? 0)} ms; the learned processing estimate is ${round(rig.processing.current() ?? 0)} ms.`
    )
    await rig.close()
  }
  return { benchmark: 'P1', measurements, notes }
}
