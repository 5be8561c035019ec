/**
 * What the kiosk's services tell telemetry, and what telemetry may read from them: narrow interfaces
 * passed in by the composition (main/compose.ts), so no service knows OpenTelemetry exists. Every
 * method returns at once (an in-memory update); none can wait for, or fail because of, the collector.
 */
import type { AssureErrorKind } from '../assure/errors'
import type { Connectivity, FaceTecOutcome, JobView, VisitReport } from '../../preload/api'

/** One HTTP attempt to Assure, as the transport saw it. */
export interface AssureAttempt {
  /** The client's operation name, e.g. `createDossier`, `token`. */
  operation: string
  durationMs: number
  /** Null when the attempt got a usable answer; otherwise the client's error kind (`other`: none fits). */
  error: AssureErrorKind | 'other' | null
}

/** What telemetry reads at each export (pull), rather than being told about every change. */
export interface TelemetrySources {
  connectivity(): Connectivity
  /** Every job main knows (the outbox is those in phase `queued`). */
  jobs(): readonly JobView[]
  /** The app's data folder, whose size is reported. */
  dataFolder: string
  /** The FaceTec SDK folder main serves (null: none), and whether it is the simulated one. */
  faceTecSdk: { root: string | null; simulated: boolean }
}

export interface KioskTelemetry {
  /** The renderer's visit reports (`reportVisit`). */
  visit(report: VisitReport): void
  /** The renderer's FaceTec outcomes (`reportFaceTecOutcome`). */
  faceTecOutcome(outcome: FaceTecOutcome): void
  assureAttempt(attempt: AssureAttempt): void
  jobUpdated(view: JobView): void
  /** Starts reading the sources at each export; returns a function that stops it. */
  watch(sources: TelemetrySources): () => void
}

/** Telemetry off (no `telemetry.endpoint`): every report is dropped on the spot. */
export const noTelemetry: KioskTelemetry = {
  visit: () => undefined,
  faceTecOutcome: () => undefined,
  assureAttempt: () => undefined,
  jobUpdated: () => undefined,
  watch: () => () => undefined
}
