import { describe, expect, it } from 'vitest'
import { createConnectivityMonitor, type ProbeOutcome } from '../../../main/connectivity/monitor'
import { silentLogger } from '../../support/log'
import { ManualClock } from '../../support/manual-clock'

function setup(outcomes: ProbeOutcome[]) {
  const clock = new ManualClock()
  const script = [...outcomes]
  let probes = 0
  const monitor = createConnectivityMonitor({
    clock,
    log: silentLogger,
    onlineIntervalMs: 30_000,
    recoveryIntervalMs: 5_000,
    slowProbeMs: 2_000,
    failuresBeforeOffline: 2,
    failureMemoryMs: 30_000,
    probe: async () => {
      probes++
      return script.length > 1 ? (script.shift() as ProbeOutcome) : (script[0] as ProbeOutcome)
    }
  })
  const seen: string[] = []
  monitor.subscribe((snapshot) => seen.push(snapshot.state))
  return {
    clock,
    monitor,
    seen,
    probes: () => probes,
    setNext: (next: ProbeOutcome[]) => script.splice(0, script.length, ...next)
  }
}

const up: ProbeOutcome = { reachable: true, latencyMs: 40 }
const slow: ProbeOutcome = { reachable: true, latencyMs: 2_500 }
const down: ProbeOutcome = { reachable: false, reason: 'ECONNREFUSED' }

describe('connectivity monitor', () => {
  it('starts unknown and becomes online after the first good probe', async () => {
    const { clock, monitor, seen } = setup([up])
    expect(monitor.current()).toEqual({ state: 'unknown', since: null })
    monitor.start()
    await clock.advance(0)
    expect(monitor.current()).toEqual({ state: 'online', since: clock.now() })
    expect(seen).toEqual(['online'])
  })

  it('calls a slow answer degraded', async () => {
    const { clock, monitor } = setup([slow])
    monitor.start()
    await clock.advance(0)
    expect(monitor.current().state).toBe('degraded')
  })

  it('goes degraded after one failed probe and offline after two, probing faster meanwhile', async () => {
    const { clock, monitor, seen, probes, setNext } = setup([up])
    monitor.start()
    await clock.advance(0)
    setNext([down])
    await clock.advance(30_000)
    expect(monitor.current().state).toBe('degraded')
    await clock.advance(5_000)
    expect(monitor.current().state).toBe('offline')
    const probesWhileOffline = probes()
    await clock.advance(5_000)
    expect(probes()).toBe(probesWhileOffline + 1)
    setNext([up])
    await clock.advance(5_000)
    expect(monitor.current().state).toBe('online')
    expect(seen).toEqual(['online', 'degraded', 'offline', 'online'])
  })

  it('treats network failures reported by real calls like failed probes, and remembers them for a while', async () => {
    const { clock, monitor } = setup([up])
    monitor.start()
    await clock.advance(0)
    monitor.reportFailure('network')
    expect(monitor.current().state).toBe('degraded')
    monitor.reportFailure('network')
    expect(monitor.current().state).toBe('offline')
    // The host answers again, but real calls failed moments ago: not yet fully online.
    await clock.advance(5_000)
    expect(monitor.current().state).toBe('degraded')
    await clock.advance(30_000)
    expect(monitor.current().state).toBe('online')
  })

  it('counts a 5xx from a real call as degraded, not offline', async () => {
    const { clock, monitor } = setup([up])
    monitor.start()
    await clock.advance(0)
    monitor.reportFailure('server')
    monitor.reportFailure('server')
    expect(monitor.current().state).toBe('degraded')
  })

  it('shares one probe between concurrent callers', async () => {
    const { clock, monitor, probes } = setup([up])
    const [a, b] = await Promise.all([monitor.probeNow(), monitor.probeNow()])
    expect(a).toEqual(b)
    expect(probes()).toBe(1)
    expect(clock.pendingTimers).toBe(0)
  })

  it('counts a probe that throws as a failure', async () => {
    const clock = new ManualClock()
    const monitor = createConnectivityMonitor({
      clock,
      log: silentLogger,
      probe: async () => {
        throw new Error('boom')
      }
    })
    await monitor.probeNow()
    expect(monitor.current().state).toBe('degraded')
  })

  it('resolves whenOnline once the state turns online, and rejects when aborted', async () => {
    const { clock, monitor, setNext } = setup([down])
    monitor.start()
    await clock.advance(0)
    let resolved = false
    const waiting = monitor.whenOnline().then(() => {
      resolved = true
    })
    const controller = new AbortController()
    const aborted = monitor.whenOnline(controller.signal)
    controller.abort(new Error('stop'))
    await expect(aborted).rejects.toThrow('stop')
    await clock.advance(5_000)
    expect(resolved).toBe(false)
    setNext([up])
    await clock.advance(5_000)
    await waiting
    expect(resolved).toBe(true)
    await expect(monitor.whenOnline()).resolves.toBeUndefined()
  })

  it('stops probing when stopped', async () => {
    const { clock, monitor, probes } = setup([up])
    monitor.start()
    await clock.advance(0)
    monitor.stop()
    const before = probes()
    await clock.advance(120_000)
    expect(probes()).toBe(before)
  })
})
