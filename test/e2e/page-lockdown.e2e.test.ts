/**
 * What the kiosk page cannot do even when its code is hostile (a malicious SDK, injected script),
 * asked of the built page in Chromium under the CSP main serves:
 * - no OS dialog: no download starts (a blob with `download`, a navigation to a binary file on the app
 *   origin), and `print()` opens nothing;
 * - nothing leaves over WebRTC or resource hints: no STUN packet reaches a local UDP listener, and
 *   neither TURN over TCP nor a preconnect reaches a local TCP listener, with the page's network
 *   settings as main gives them to Electron (main/shell/webrtc.ts: WebRTC's IP handling policy, the
 *   session's black-hole proxy; Electron never acts on resource hints itself).
 */
import { createSocket, type Socket } from 'node:dgram'
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type ConsoleMessage } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { createAppRequestHandler } from '../../main/app-origin/app-request-handler'
import { rendererProxyConfig, startBlackHole, WEBRTC_IP_HANDLING_POLICY } from '../../main/shell/webrtc'
import { startAppServer } from './harness/app-server'
import { BASE_ARGS, chromiumPath } from './harness/chromium'
import { ROOT } from './harness/kiosk-harness'
import { kioskPerTest } from './harness/kiosk-per-test'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** The simulated SDK folder with a binary file in it, like the real SDK's .data files. */
async function sdkWithBinary(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'kiosk-sdk-binary-'))
  cleanups.push(() => rm(root, { recursive: true, force: true }))
  await cp(join(ROOT, 'out', 'facetec-simulated'), root, { recursive: true })
  await writeFile(join(root, 'export.zip'), Buffer.from('PK\u0003\u0004 not really a zip'))
  return root
}

describe('the page opens no OS dialog', () => {
  const kiosks = kioskPerTest()

  it('starts no download (blob, or a navigation to a binary file) and prints nothing', async () => {
    const k = await kiosks.open({ sdkRoot: await sdkWithBinary() })
    await k.expectScreen('attract', false)
    const downloads: string[] = []
    k.page.on('download', (download) => downloads.push(download.suggestedFilename()))
    // Chromium reports a refused navigation download on the console; a started one would be an event.
    const navigationRefused = k.page.waitForEvent('console', {
      predicate: (message: ConsoleMessage) => /Download is disallowed/.test(message.text())
    })

    const printed = await k.page.evaluate(() => {
      let before = false
      addEventListener('beforeprint', () => (before = true), { once: true })
      // print() runs its beforeprint handlers before it returns, when printing is allowed at all.
      print()
      const link = document.createElement('a')
      link.href = URL.createObjectURL(new Blob(['visitor data'], { type: 'application/octet-stream' }))
      link.download = 'visitor.bin'
      document.body.append(link)
      link.click()
      link.remove()
      return before
    })
    await k.page.evaluate(() => {
      location.href = '/facetec-sdk/export.zip'
    })
    // The blob's download would have been asked for before the navigation, on the same frame.
    await navigationRefused

    expect(printed).toBe(false)
    expect(downloads).toEqual([])
    // The kiosk is still on its page.
    await k.expectScreen('attract', false)
    // The refusals are the browser's own console reports of what this test provoked.
    const provoked = /Ignored call to 'print\(\)'|Download is disallowed/
    const unexpected = k.pageErrors.filter((error) => !provoked.test(error))
    k.pageErrors.length = 0
    k.pageErrors.push(...unexpected)
  })
})

/** A local UDP "STUN server" and TCP server that count what reaches them. */
async function listeners(): Promise<{
  udp: Socket
  tcp: Server
  udpPackets: () => number
  tcpConnections: () => number
  /** Settles once both listeners have been reached. */
  bothReached: Promise<void>
}> {
  let udpPackets = 0
  let tcpConnections = 0
  let reached = (): void => {}
  const bothReached = new Promise<void>((resolve) => (reached = resolve))
  const check = (): void => {
    if (udpPackets > 0 && tcpConnections > 0) reached()
  }
  const udp = createSocket('udp4')
  udp.on('message', () => {
    udpPackets++
    check()
  })
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve))
  const tcp = createServer((socket) => {
    tcpConnections++
    socket.destroy()
    check()
  })
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve))
  cleanups.push(async () => {
    udp.close()
    await new Promise<void>((resolve) => tcp.close(() => resolve()))
  })
  return { udp, tcp, udpPackets: () => udpPackets, tcpConnections: () => tcpConnections, bothReached }
}

/**
 * The built page in Chromium with a profile of its own (Chromium only acts on resource hints for a
 * profile, not for an incognito context), its network settings as main gives Electron's page:
 * WebRTC's IP handling policy, and no network prediction (Electron opens no preconnect).
 */
async function kioskPageWithProfile(settings: 'as-main-sets-them' | 'chromium-defaults'): Promise<BrowserContext> {
  const profile = await mkdtemp(join(tmpdir(), 'kiosk-profile-'))
  await mkdir(join(profile, 'Default'))
  if (settings === 'as-main-sets-them')
    await writeFile(
      join(profile, 'Default', 'Preferences'),
      JSON.stringify({
        webrtc: { ip_handling_policy: WEBRTC_IP_HANDLING_POLICY },
        net: { network_prediction_options: 2 }
      })
    )
  const appServer = await startAppServer((origin) =>
    createAppRequestHandler({
      origin,
      rendererRoot: join(ROOT, 'out', 'renderer'),
      sdkRoot: join(ROOT, 'out', 'facetec-simulated')
    })
  )
  // Main's black-hole proxy, with the rules main gives Electron's session (the harness's loopback
  // origin stands in for the custom scheme, which no proxy ever sees).
  const blackHole = await startBlackHole()
  const proxy = rendererProxyConfig(blackHole.port, [appServer.url])
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args:
      settings === 'as-main-sets-them'
        ? [...BASE_ARGS, `--proxy-server=${proxy.proxyRules}`, `--proxy-bypass-list=${proxy.proxyBypassRules}`]
        : BASE_ARGS
  })
  cleanups.push(async () => {
    await context.close()
    await blackHole.close()
    await appServer.close()
    await rm(profile, { recursive: true, force: true })
  })
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto(`${appServer.url}/`)
  return context
}

/**
 * Gathers ICE candidates against a STUN server on `udpPort` and a TURN server over TCP on `tcpPort`
 * (complete: every request sent and answered or given up on), then adds a preconnect hint for `tcpPort`.
 */
async function probe(
  context: BrowserContext,
  udpPort: number,
  tcpPort: number,
  options: { awaitGathering: boolean }
): Promise<{ candidates: number }> {
  const page = context.pages()[0]
  if (!page) throw new Error('no page')
  return page.evaluate(
    async ({ udpPort, tcpPort, awaitGathering }) => {
      const connection = new RTCPeerConnection({
        iceServers: [
          { urls: `stun:127.0.0.1:${udpPort}` },
          { urls: `turn:127.0.0.1:${tcpPort}?transport=tcp`, username: 'probe', credential: 'probe' }
        ]
      })
      connection.createDataChannel('probe')
      let candidates = 0
      connection.onicecandidate = (event) => {
        if (event.candidate) candidates++
      }
      const gathered = new Promise<void>((resolve) => {
        connection.onicegatheringstatechange = () => {
          if (connection.iceGatheringState === 'complete') resolve()
        }
      })
      await connection.setLocalDescription(await connection.createOffer())
      // Complete means every STUN request has been sent and answered or given up on.
      if (awaitGathering && connection.iceGatheringState !== 'complete') await gathered
      if (awaitGathering) connection.close()
      const hint = document.createElement('link')
      hint.rel = 'preconnect'
      hint.href = `http://127.0.0.1:${tcpPort}/`
      document.head.append(hint)
      return { candidates }
    },
    { udpPort, tcpPort, awaitGathering: options.awaitGathering }
  )
}

describe('nothing leaves the page over WebRTC or resource hints', () => {
  it('the probe itself reaches both listeners under Chromium’s defaults (so its silence below means something)', async () => {
    const { udp, tcp, bothReached } = await listeners()
    const context = await kioskPageWithProfile('chromium-defaults')
    const udpPort = (udp.address() as { port: number }).port
    const tcpPort = (tcp.address() as { port: number }).port
    // STUN reaches the UDP listener and TURN over TCP the TCP one, without waiting for ICE to give up.
    await probe(context, udpPort, tcpPort, { awaitGathering: false })
    await bothReached
  })

  it('with the settings main gives the page: no STUN packet, no TURN connection, no candidate, no preconnect', async () => {
    const { udp, tcp, udpPackets, tcpConnections } = await listeners()
    const context = await kioskPageWithProfile('as-main-sets-them')
    const udpPort = (udp.address() as { port: number }).port
    const tcpPort = (tcp.address() as { port: number }).port
    const { candidates } = await probe(context, udpPort, tcpPort, { awaitGathering: true })
    expect(candidates).toBe(0)
    expect(udpPackets()).toBe(0)
    // A second, allowed request after the hint: by the time it is answered the hint has been handled.
    const page = context.pages()[0]
    if (!page) throw new Error('no page')
    expect(await page.evaluate(async () => (await fetch('/index.html')).status)).toBe(200)
    expect(tcpConnections()).toBe(0)
  })
})
