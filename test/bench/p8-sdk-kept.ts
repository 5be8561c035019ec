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
  const kioskShare: number[] = []
  const clickToSession: number[] = []
  let initializations: number
  let scripted = false
  // In page time: when each of the person's two taps became possible (the button enabled) and when the
  // page got it. The gap between the two is the person's (here Playwright's, several CDP round trips on
  // a busy machine), not the kiosk's; what remains of Start -> session is the kiosk's own work.
  await page.evaluate(() => {
    const taps = ['accept', 'camera-continue']
    const enabled = new Set<string>()
    // An anonymous callback: a named function here would be compiled with a helper the page lacks.
    new MutationObserver(() => {
      for (const id of taps) {
        const button = document.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)
        if (button && !button.disabled && !enabled.has(id)) {
          enabled.add(id)
          performance.mark(`bench:${id}:enabled`)
        }
        if (!button) enabled.delete(id)
      }
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['disabled']
    })
    document.addEventListener(
      'click',
      (event) => {
        for (const id of taps)
          if ((event.target as Element | null)?.closest(`[data-testid="${id}"]`)) performance.mark(`bench:${id}:tapped`)
      },
      { capture: true }
    )
  })
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
      const [acceptEnabled = 0, acceptTapped = 0, cameraEnabled = 0, cameraTapped = 0] = await Promise.all(
        ['accept:enabled', 'accept:tapped', 'camera-continue:enabled', 'camera-continue:tapped'].map((mark) =>
          waitForMark(page, `bench:${mark}`)
        )
      )
      if (visit > 0) {
        startToSession.push(session - started)
        kioskShare.push(session - started - (acceptTapped - acceptEnabled) - (cameraTapped - cameraEnabled))
        clickToSession.push(session - cameraTapped)
      }
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
        name: `P8 Start to FaceTec session, visits 2-${VISITS}, SDK init ${INIT_MS} ms: the kiosk's own time`,
        value: round(median(kioskShare)),
        unit: 'ms',
        target: { value: 300, lower: true },
        detail: `median of ${kioskShare.length}; worst ${round(Math.max(...kioskShare))} ms; the person's two taps excluded (from each button enabled to its tap)`
      },
      {
        name: 'P8 same, clicking through as Playwright does (its two taps included)',
        value: round(median(startToSession)),
        unit: 'ms',
        target: null,
        detail: `median of ${startToSession.length}; worst ${round(Math.max(...startToSession))} ms`
      },
      {
        name: 'P8 of which: the last tap (camera check) to FaceTec session',
        value: round(median(clickToSession)),
        unit: 'ms',
        target: null,
        detail: `median of ${clickToSession.length}; worst ${round(Math.max(...clickToSession))} ms`
      }
    ],
    notes: [
      `P8: the simulator recorded ${initializations} initialize calls over ${VISITS} visits in one page (1 expected: the keys never change).`
    ]
  }
}
