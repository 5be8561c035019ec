/**
 * What the kiosk does around FaceTec, end to end: the Content-Security-Policy each mode serves and the
 * browser enforces (live mode: what the real SDK needs and nothing more; demo: strict), "Try again"
 * after FaceTec could not start (a fresh initialization each time, a bounded number of times), and
 * every initialization and session outcome reaching main's log and staff diagnostics.
 * In live mode the harness serves the simulated SDK as if it were the operator's folder.
 */
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, FACETEC_SERVER_ORIGIN, workerScriptPolicy } from '../../main/app-origin/csp'
import { dictionaries } from '../../renderer/src/i18n'
import { BRISK_FACETEC, clickWhenEnabled } from './harness/journey'
import { ROOT, STAFF_PIN, type KioskHarness } from './harness/kiosk-harness'
import { kioskPerTest } from './harness/kiosk-per-test'

const en = dictionaries.en

/** NETWORK_ISSUES: what the real SDK answers when it cannot reach FaceTec's server. */
const NETWORK_ISSUES = 2
/** The journey's bound on FaceTec initializations per visit (MAX_SDK_INIT_ATTEMPTS, renderer/src/stores/journey-store.ts). */
const MAX_SDK_INIT_ATTEMPTS = 3

const kiosks = kioskPerTest()

/** A loopback port nothing listens on: an https "server" there refuses at once, without any network. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** The smallest valid WAV (one silent sample) as a data: URL, standing in for the SDK's inline sounds. */
function silentWavDataUrl(): string {
  const wav = Buffer.alloc(46)
  wav.write('RIFF', 0)
  wav.writeUInt32LE(38, 4)
  wav.write('WAVEfmt ', 8)
  wav.writeUInt32LE(16, 16)
  wav.writeUInt16LE(1, 20) // PCM
  wav.writeUInt16LE(1, 22) // mono
  wav.writeUInt32LE(8000, 24)
  wav.writeUInt32LE(16000, 28)
  wav.writeUInt16LE(2, 32)
  wav.writeUInt16LE(16, 34)
  wav.write('data', 36)
  wav.writeUInt32LE(2, 40)
  return `data:audio/wav;base64,${wav.toString('base64')}`
}

/**
 * Asks the browser what the policy lets through: eval, a data: sound, a fetch to `server`. The policy
 * violations it reports are collected until one for a deliberately blocked sentinel arrives, which the
 * browser reports after any earlier one, so an absent violation is known without waiting on a clock.
 */
async function probePolicy(k: KioskHarness, server: string) {
  return k.page.evaluate(
    async ({ server, sound }) => {
      const violations: string[] = []
      const sentinel = 'https://sentinel.invalid/'
      document.addEventListener('securitypolicyviolation', (event) =>
        violations.push(`${event.effectiveDirective} ${event.blockedURI}`)
      )
      // On a task of the page's own: code Playwright evaluates is exempt from the eval check itself.
      await new Promise((resolve) => setTimeout(resolve, 0))
      let evaluated: unknown
      try {
        evaluated = (0, eval)('6 * 7')
      } catch (error) {
        evaluated = (error as Error).name
      }
      const audio = new Audio()
      const played = await new Promise<string>((resolve) => {
        audio.addEventListener('loadedmetadata', () => resolve('loaded'), { once: true })
        audio.addEventListener('error', () => resolve('error'), { once: true })
        audio.src = sound
      })
      const fetched = await fetch(`${server}/api/v1.1/session`, { method: 'POST' }).then(
        () => 'answered',
        () => 'failed'
      )
      await fetch(sentinel).catch(() => undefined)
      while (!violations.some((line) => line.includes('sentinel.invalid')))
        await new Promise((resolve) => setTimeout(resolve, 10))
      return { evaluated, played, fetched, violations: violations.filter((line) => !line.includes('sentinel.invalid')) }
    },
    { server, sound: silentWavDataUrl() }
  )
}

/** The probes' own console reports (refusals, the refused connection); anything else stays an error. */
function forgetProbeErrors(k: KioskHarness, server: string): void {
  const probe = new RegExp(
    `sentinel\\.invalid|${server.replace(/[.:/]/g, '\\$&')}|data:audio|unsafe-eval|'eval'|ERR_CONNECTION_REFUSED`
  )
  const unexpected = k.pageErrors.filter((error) => !probe.test(error))
  k.pageErrors.length = 0
  k.pageErrors.push(...unexpected)
}

/**
 * The simulated SDK folder plus a worker script in its resource directory, where the real SDK keeps
 * its `Face<hash>.js` worker: the worker answers what eval gives it.
 */
async function sdkWithWorker(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'kiosk-sdk-worker-'))
  await cp(join(ROOT, 'out', 'facetec-simulated'), root, { recursive: true })
  await mkdir(join(root, 'core-sdk', 'FaceTecSDK.js', 'resources'), { recursive: true })
  await writeFile(
    join(root, 'core-sdk', 'FaceTecSDK.js', 'resources', 'FaceWorkerProbe.js'),
    "self.onmessage = () => { try { self.postMessage(String((0, eval)('6 * 7'))) } catch (error) { self.postMessage(error.name) } }"
  )
  return root
}

/** Starts the SDK's (probe) worker and returns what eval gave it. */
const workerEval = (k: KioskHarness): Promise<string> =>
  k.page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const worker = new Worker('/facetec-sdk/core-sdk/FaceTecSDK.js/resources/FaceWorkerProbe.js')
        worker.onmessage = (event) => resolve(String(event.data))
        worker.onerror = () => resolve('worker failed')
        worker.postMessage('go')
      })
  )

describe('the Content-Security-Policy each mode serves', () => {
  it('live: eval for the SDK worker only, FaceTec’s servers, inline sounds, enforced by the browser; a check completes under it', async () => {
    const onPremise = `https://127.0.0.1:${await closedPort()}`
    const sdkRoot = await sdkWithWorker()
    const k = await kiosks.open({
      mode: 'live',
      sdkRoot,
      faceTecServers: [FACETEC_SERVER_ORIGIN, onPremise]
    })
    const options = { mode: 'live', allowEval: true, faceTecServers: [FACETEC_SERVER_ORIGIN, onPremise] } as const
    const expected = contentSecurityPolicy(options)
    const page = await fetch(`${k.appUrl}/`)
    expect(page.headers.get('content-security-policy')).toBe(expected)
    expect(expected).toContain(`connect-src 'self' https://api.facetec.com ${onPremise};`)
    expect(expected).toContain("media-src 'self' blob: mediastream: data:;")
    expect(expected).not.toContain("'unsafe-eval'")
    const sdkScript = await fetch(`${k.appUrl}/facetec-sdk/core-sdk/FaceTecSDK.js/FaceTecSDK.js`)
    expect(sdkScript.headers.get('content-security-policy')).toBe(expected)
    const worker = await fetch(`${k.appUrl}/facetec-sdk/core-sdk/FaceTecSDK.js/resources/FaceWorkerProbe.js`)
    expect(worker.headers.get('content-security-policy')).toBe(workerScriptPolicy(options))

    await k.expectScreen('attract', false)
    const probed = await probePolicy(k, onPremise)
    // The page gets no eval; the SDK's worker does.
    expect(probed).toEqual({
      evaluated: 'EvalError',
      played: 'loaded',
      fetched: 'failed',
      violations: ['script-src eval']
    })
    expect(await workerEval(k)).toBe('42')
    forgetProbeErrors(k, onPremise)

    // The kiosk itself works under it, from attract to the result (no screenshots: the README's are demo mode's).
    await toFaceCheck(k, BRISK_FACETEC)
    await k.expectScreen('result', false)
    expect(await k.page.getByTestId('result').getAttribute('data-result')).toBe('accepted')
  })

  it('demo: the strict policy refuses eval, inline sounds and FaceTec’s server', async () => {
    const k = await kiosks.open({ mode: 'demo' })
    expect((await fetch(`${k.appUrl}/`)).headers.get('content-security-policy')).toBe(
      contentSecurityPolicy({ mode: 'demo' })
    )
    await k.expectScreen('attract', false)
    const probed = await probePolicy(k, FACETEC_SERVER_ORIGIN)
    expect(probed.evaluated).toBe('EvalError')
    expect(probed.played).toBe('error')
    expect(probed.fetched).toBe('failed')
    expect(probed.violations).toEqual([
      'script-src eval',
      'media-src data',
      `connect-src ${FACETEC_SERVER_ORIGIN}/api/v1.1/session`
    ])
    forgetProbeErrors(k, FACETEC_SERVER_ORIGIN)
  })

  it('demo: not even a worker in the SDK’s resource directory gets eval', async () => {
    const k = await kiosks.open({ mode: 'demo', sdkRoot: await sdkWithWorker() })
    await k.expectScreen('attract', false)
    expect(await workerEval(k)).toBe('EvalError')
    forgetProbeErrors(k, FACETEC_SERVER_ORIGIN)
  })
})

/** Attract -> consent -> camera check -> the face check, with FaceTec scripted on the way; no screenshots. */
async function toFaceCheck(k: KioskHarness, faceTec: Record<string, unknown>): Promise<void> {
  await k.expectScreen('attract', false)
  await k.page.getByTestId('start').click()
  await k.expectScreen('consent', false)
  await k.scriptFaceTec(faceTec)
  await k.page.getByTestId('accept').click()
  await clickWhenEnabled(k, 'camera-continue')
}

/** initializeInDevelopmentMode/ProductionMode calls the simulated SDK received on this page. */
const initializeCalls = (k: KioskHarness): Promise<number> =>
  k.page.evaluate(() => {
    const simulator = (window as unknown as { FaceTecSimulator: { calls: Array<{ name: string }> } }).FaceTecSimulator
    return simulator.calls.filter((call) => call.name.startsWith('initializeIn')).length
  })

/** Main's log records about FaceTec, flattened. */
const facetecLog = (k: KioskHarness): Array<Record<string, unknown>> =>
  k.logs
    .filter((record) => record.scope === 'main.facetec')
    .map((record) => ({ level: record.level, message: record.message, ...record.fields }))

describe('when FaceTec cannot start', () => {
  it('"Try again" initializes FaceTec again; once it connects, the check completes, and main logged each outcome', async () => {
    const k = await kiosks.open({ journey: { prepareAhead: false } })
    await toFaceCheck(k, { ...BRISK_FACETEC, init: { outcomes: [NETWORK_ISSUES] } })
    await k.expectScreen('retry', 'retry-facetec-init-en-portrait')
    expect(await k.page.getByTestId('retry-message').textContent()).toBe(en['facetec.init.network'])
    expect(await k.page.getByTestId('attempts-left').getAttribute('data-cause')).toBe('initialization')
    expect(await k.page.getByTestId('attempts-left').textContent()).toBe(
      en['retry.attemptsLeft'].replace('{count}', String(MAX_SDK_INIT_ATTEMPTS - 1))
    )
    expect(await initializeCalls(k)).toBe(1)

    await k.page.getByTestId('retry').click()
    await k.expectScreen('result', false)
    expect(await k.page.getByTestId('result').getAttribute('data-result')).toBe('accepted')
    expect(await initializeCalls(k)).toBe(2)

    // The key mode is whatever the sandbox's FaceTec process implies; it is the same in all three.
    const mode = facetecLog(k)[0]?.mode
    expect(['development', 'production']).toContain(mode)
    const common = { sdkVersion: '9.7.27', mode, simulated: true }
    expect(facetecLog(k)).toEqual([
      {
        level: 'warn',
        message: 'FaceTec could not initialize',
        status: 2,
        statusName: 'NetworkIssues',
        reason: 'sdk-status',
        action: 'retry',
        ...common
      },
      {
        level: 'info',
        message: 'FaceTec initialized',
        status: 1,
        statusName: 'Initialized',
        reason: 'initialized',
        action: 'continue',
        ...common
      },
      {
        level: 'info',
        message: 'a FaceTec session ended with a capture',
        status: 0,
        statusName: 'SessionCompletedSuccessfully',
        reason: 'submitted',
        action: 'continue',
        scans: 1,
        ...common
      }
    ])
  })

  it(`goes out of service after ${MAX_SDK_INIT_ATTEMPTS} failed initializations, and staff diagnostics say why`, async () => {
    const k = await kiosks.open({ journey: { prepareAhead: false } })
    await toFaceCheck(k, { ...BRISK_FACETEC, init: { failWith: NETWORK_ISSUES } })
    for (let attempt = 1; attempt < MAX_SDK_INIT_ATTEMPTS; attempt++) {
      await k.expectScreen('retry', false)
      expect(await k.page.getByTestId('attempts-left').textContent()).toBe(
        en['retry.attemptsLeft'].replace('{count}', String(MAX_SDK_INIT_ATTEMPTS - attempt))
      )
      await k.page.getByTestId('retry').click()
    }
    await k.expectScreen('out-of-service', false)
    expect(await k.page.getByTestId('out-of-service-reason').getAttribute('data-reason')).toBe('sdk')
    expect(await initializeCalls(k)).toBe(MAX_SDK_INIT_ATTEMPTS)
    expect(facetecLog(k).map((line) => [line.message, line.statusName])).toEqual(
      Array.from({ length: MAX_SDK_INIT_ATTEMPTS }, () => ['FaceTec could not initialize', 'NetworkIssues'])
    )
    // The verification prepared for the check that never started is given up: its dossier is gone.
    await expect.poll(() => k.sandbox.control.dossierIds(), { timeout: 10_000 }).toEqual([])

    // Staff open diagnostics and see the last FaceTec outcome, without running anything.
    await k.page.keyboard.press('Control+Alt+KeyS')
    await k.expectScreen('staff-pin', false)
    for (const digit of STAFF_PIN) await k.page.getByTestId(`pin-${digit}`).click()
    await k.page.getByTestId('pin-unlock').click()
    await k.expectScreen('staff', false)
    await k.page.getByTestId('staff-tab-diagnostics').click()
    const line = k.page.getByTestId('diagnostic-facetec')
    await expect.poll(() => line.getAttribute('data-status')).toBe('NetworkIssues')
    expect(await line.getAttribute('data-ok')).toBe('false')
    expect(await line.innerText()).toContain(
      `${en['staff.diagnostics.facetec']}: ${en['staff.diagnostics.facetec.initialization.failed']}: NetworkIssues (2) — ${en['staff.diagnostics.facetec.action.retry']}.`
    )
    expect(await line.innerText()).toMatch(/SDK 9\.7\.27 \(simulated\), (development|production) mode, /)
    await k.screenshot('staff-diagnostics-facetec-en-portrait')
  })
})
