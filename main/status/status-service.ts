import type { AppMode, AppStatus } from '../../preload/api'
import type { ConnectivityMonitor } from '../connectivity/monitor'

/** What the attract screen and staff see about the kiosk itself. */
export interface StatusService {
  getStatus(): AppStatus
  /** Calls `listener` whenever something in the status changes; returns an unsubscribe function. */
  subscribe(listener: (status: AppStatus) => void): () => void
}

export function createStatusService(options: {
  mode: AppMode
  version: string
  kioskId: string
  connectivity: ConnectivityMonitor
  setupProblem?: string | null
}): StatusService {
  const { mode, version, kioskId, connectivity } = options
  const getStatus = (): AppStatus => {
    const { state, since } = connectivity.current()
    return {
      mode,
      version,
      kioskId,
      connectivity: state,
      connectivitySince: since === null ? null : new Date(since).toISOString(),
      setupProblem: options.setupProblem ?? null
    }
  }
  return {
    getStatus,
    subscribe: (listener) => connectivity.subscribe(() => listener(getStatus()))
  }
}
