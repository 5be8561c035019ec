/**
 * Connectivity to Assure as the kiosk experiences it: a cheap periodic probe of the Assure host, plus
 * what the API client reports from real calls. Three states the UI and the job outbox act on:
 *   online   - the last probe answered quickly and real calls are succeeding;
 *   degraded - the host answers, but slowly, or real calls recently failed with network errors / 5xx;
 *   offline  - consecutive probes failed.
 * While not online the probe runs more often, so recovery is noticed within seconds.
 */
import type { Connectivity } from '../../preload/api'
import { abortReason, type Clock, type TimerHandle } from '../lib/clock'
import type { Logger } from '../log/logger'

export type ProbeOutcome = { reachable: true; latencyMs: number } | { reachable: false; reason: string }
export type Probe = (signal: AbortSignal) => Promise<ProbeOutcome>

export interface ConnectivitySnapshot {
  state: Connectivity
  /** Epoch ms of the last state change; null while still `unknown`. */
  since: number | null
}

export interface ConnectivityOptions {
  probe: Probe
  clock: Clock
  log: Logger
  /** Probe period while online. */
  onlineIntervalMs?: number
  /** Probe period while degraded, offline or unknown. */
  recoveryIntervalMs?: number
  /** A probe slower than this counts as degraded. */
  slowProbeMs?: number
  /** Abandon a probe after this long; it counts as a failure. */
  probeTimeoutMs?: number
  /** Consecutive failed probes (or reported network failures) before the state becomes offline. */
  failuresBeforeOffline?: number
  /** How long a failure reported by a real call keeps the state at degraded or worse. */
  failureMemoryMs?: number
}

export interface ConnectivityMonitor {
  current(): ConnectivitySnapshot
  /** Calls `listener` on every state change; returns an unsubscribe function. */
  subscribe(listener: (snapshot: ConnectivitySnapshot) => void): () => void
  /** Starts probing (the first probe runs at once). */
  start(): void
  stop(): void
  /** Probe now (e.g. staff pressed "check again", or a job wants to know before retrying). */
  probeNow(): Promise<ConnectivitySnapshot>
  /** The API client saw a call fail at the network level, or with a 5xx. */
  reportFailure(kind: 'network' | 'server'): void
  /** The API client saw a call succeed. */
  reportSuccess(): void
  /** Resolves when the state is online (at once if it already is) or the signal aborts. */
  whenOnline(signal?: AbortSignal): Promise<void>
}

export function createConnectivityMonitor(options: ConnectivityOptions): ConnectivityMonitor {
  const {
    probe,
    clock,
    onlineIntervalMs = 30_000,
    recoveryIntervalMs = 5_000,
    slowProbeMs = 2_000,
    probeTimeoutMs = 4_000,
    failuresBeforeOffline = 2,
    failureMemoryMs = 30_000
  } = options
  const log = options.log.child('connectivity')
  const listeners = new Set<(snapshot: ConnectivitySnapshot) => void>()
  let snapshot: ConnectivitySnapshot = { state: 'unknown', since: null }
  let consecutiveFailures = 0
  let lastReportedFailureAt = -Infinity
  let timer: TimerHandle | null = null
  let running = false
  let inFlight: Promise<ConnectivitySnapshot> | null = null

  const setState = (state: Connectivity): void => {
    if (state === snapshot.state) return
    log.info('connectivity changed', { from: snapshot.state, to: state })
    snapshot = { state, since: clock.now() }
    for (const listener of [...listeners]) listener(snapshot)
  }

  const schedule = (): void => {
    if (!running) return
    if (timer) clock.clearTimeout(timer)
    const delay = snapshot.state === 'online' ? onlineIntervalMs : recoveryIntervalMs
    timer = clock.setTimeout(() => {
      timer = null
      void probeNow()
    }, delay)
  }

  const runProbe = async (): Promise<ConnectivitySnapshot> => {
    const controller = new AbortController()
    const timeout = clock.setTimeout(() => controller.abort(new Error('probe timed out')), probeTimeoutMs)
    let outcome: ProbeOutcome
    try {
      outcome = await probe(controller.signal)
    } catch (error) {
      outcome = { reachable: false, reason: error instanceof Error ? error.message : String(error) }
    } finally {
      clock.clearTimeout(timeout)
    }
    if (outcome.reachable) {
      consecutiveFailures = 0
      const recentCallFailure = clock.now() - lastReportedFailureAt < failureMemoryMs
      setState(outcome.latencyMs > slowProbeMs || recentCallFailure ? 'degraded' : 'online')
    } else {
      consecutiveFailures += 1
      log.debug('probe failed', { reason: outcome.reason, consecutiveFailures })
      setState(consecutiveFailures >= failuresBeforeOffline ? 'offline' : 'degraded')
    }
    return snapshot
  }

  const subscribe = (listener: (snapshot: ConnectivitySnapshot) => void): (() => void) => {
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }

  function probeNow(): Promise<ConnectivitySnapshot> {
    inFlight ??= runProbe().finally(() => {
      inFlight = null
      schedule()
    })
    return inFlight
  }

  return {
    current: () => snapshot,
    subscribe,
    start() {
      if (running) return
      running = true
      void probeNow()
    },
    stop() {
      running = false
      if (timer) clock.clearTimeout(timer)
      timer = null
    },
    probeNow,
    reportFailure(kind) {
      lastReportedFailureAt = clock.now()
      if (kind === 'network') {
        consecutiveFailures += 1
        setState(consecutiveFailures >= failuresBeforeOffline ? 'offline' : 'degraded')
      } else if (snapshot.state === 'online' || snapshot.state === 'unknown') {
        setState('degraded')
      }
      // Look again soon rather than waiting out the long online period.
      schedule()
    },
    reportSuccess() {
      consecutiveFailures = 0
      if (snapshot.state !== 'online' && clock.now() - lastReportedFailureAt >= failureMemoryMs) setState('online')
      else if (snapshot.state === 'offline' || snapshot.state === 'unknown') setState('degraded')
    },
    whenOnline(signal) {
      if (snapshot.state === 'online') return Promise.resolve()
      return new Promise((resolve, reject) => {
        const onAbort = (): void => {
          stopListening()
          reject(abortReason(signal))
        }
        const stopListening = subscribe((next) => {
          if (next.state !== 'online') return
          signal?.removeEventListener('abort', onAbort)
          stopListening()
          resolve()
        })
        if (signal?.aborted) onAbort()
        else signal?.addEventListener('abort', onAbort, { once: true })
      })
    }
  }
}
