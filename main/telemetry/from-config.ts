/**
 * The config file's `telemetry` section and `site`, made into running telemetry (or none, when no
 * endpoint is configured): the one place that maps that part of the configuration, so the Electron
 * composition root stays a list of calls.
 */
import type { AppMode } from '../../preload/api'
import type { KioskConfig } from '../config/config'
import type { Clock } from '../lib/clock'
import type { Logger } from '../log/logger'
import type { SecretStore } from '../storage/secret-store'
import { resolveTelemetryHeaders } from './headers'
import { startTelemetry, type Telemetry } from './telemetry'

export async function telemetryFromConfig(options: {
  config: Pick<KioskConfig, 'kioskId' | 'site' | 'telemetry'>
  mode: AppMode
  version: string
  env: Readonly<Record<string, string | undefined>>
  /** The OS key store for one header's credential; null where there is none to use. */
  storeFor: ((header: string) => SecretStore) | null
  clock: Clock
  log: Logger
}): Promise<Telemetry | null> {
  const { config, log } = options
  const { endpoint, exportIntervalSeconds, headers, logs } = config.telemetry
  if (!endpoint) return null
  const resolved = await resolveTelemetryHeaders({ headers, env: options.env, storeFor: options.storeFor, log })
  return startTelemetry({
    endpoint,
    exportIntervalMs: exportIntervalSeconds * 1000,
    headers: resolved.headers,
    logs,
    resource: { kioskId: config.kioskId, site: config.site, version: options.version, mode: options.mode },
    clock: options.clock,
    log
  })
}
