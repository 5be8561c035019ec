/**
 * P8: the FaceTec SDK kept initialized across visits. The simulated SDK takes 3 s to initialize (the
 * real one loads 7-8 MB of resources, which may take that long on kiosk hardware); one page runs
 * visit after visit, as a kiosk does. From the 2nd visit on, Start -> FaceTec session start must not
 * pay for an initialization: Assure hands out the same keys, so the adapter keeps the SDK initialized.
 * Measured in the page with User Timing marks ('kiosk:start', 'facetec:session:start').
 */
import { clickWhenEnabled, openKiosk, waitForMark } from './browser-rig'
import { median, round, type BenchResult } from './support'

const VISITS = Number(process.env.P8_VISITS ?? 6)
const INIT_MS = 3_000

export async function runP8(): Promise<BenchResult> {
  const kiosk = await openKiosk()
  const { page } = kiosk
  kiosk.sandbox.control.configure({ processingDelayMs: 0 })
  const startToSession: number[] = []
  let initializations: number
  let scripted = false
  try {
    for (let visit = 0; visit < VISITS; visit++) {
      await kiosk.expectScreen('attract')
      // Marks of the previous visit would answer for this one.
      await page.evaluate(() => performance.clearMarks())
      await page.getByTestId('start').click()
      if (!scripted) {
        await kiosk.scriptFaceTec({ delays: { initMs: INIT_MS, readyMs: 0, captureMs: 0, resultMs: 0, retryMs: 0 } })
        scripted = true
      }
      const started = await waitForMark(page, 'kiosk:start')
      await clickWhenEnabled(page, 'accept')
      await clickWhenEnabled(page, 'camera-continue')
      const session = await waitForMark(page, 'facetec:session:start', 60_000)
      if (visit > 0) startToSession.push(session - started)
      await kiosk.expectScreen('result')
      await page.getByTestId('finish').click()
    }
    await kiosk.expectScreen('attract')
    initializations = await page.evaluate(
      () =>
        (window as unknown as { FaceTecSimulator: { calls: Array<{ name: string }> } }).FaceTecSimulator.calls.filter(
          (call) => call.name.startsWith('initialize')
        ).length
    )
  } finally {
    await kiosk.close()
  }
  return {
    benchmark: 'P8',
    measurements: [
      {
        name: `P8 Start to FaceTec session, visits 2-${VISITS}, SDK init ${INIT_MS} ms`,
        value: round(median(startToSession)),
        unit: 'ms',
        target: { value: 300, lower: true },
        detail: `median of ${startToSession.length}; worst ${round(Math.max(...startToSession))} ms; clicking through`
      }
    ],
    notes: [
      `P8: the simulator recorded ${initializations} initialize calls over ${VISITS} visits in one page (1 expected: the keys never change).`
    ]
  }
}
