/**
 * Every metric the kiosk exports: its OpenTelemetry name, kind, unit and attributes. One table, read
 * by the instruments (metrics.ts), the README's list ("Monitoring a fleet") and the Grafana dashboard's
 * test, so the three cannot drift apart.
 *
 * Names follow OpenTelemetry's conventions (dotted, UCUM units, `{thing}` for counts); the collector's
 * Prometheus exporter turns `kiosk.visits.ended` into `kiosk_visits_ended_total` and
 * `kiosk.assure.request.duration` (s) into `kiosk_assure_request_duration_seconds_*`.
 */
export type MetricKind = 'counter' | 'histogram' | 'gauge' | 'observable-counter'

export interface MetricSpec {
  name: string
  kind: MetricKind
  unit: string
  description: string
  /** Attribute keys the metric's points carry (each with a closed set of values, see metrics.ts). */
  attributes: readonly string[]
  /** Histogram bucket boundaries, in the metric's unit. */
  buckets?: readonly number[]
}

/** Attribute keys, as the collector receives them. */
export const ATTR = {
  visitOutcome: 'kiosk.visit.outcome',
  outOfServiceCause: 'kiosk.out_of_service.cause',
  connectivity: 'kiosk.connectivity.state',
  assureOperation: 'kiosk.assure.operation',
  /** OpenTelemetry's own attribute for a failed request's class (absent on success). */
  errorType: 'error.type',
  faceTecResult: 'kiosk.facetec.result',
  faceTecMode: 'kiosk.facetec.mode',
  faceTecAction: 'kiosk.facetec.action',
  sdkVersion: 'kiosk.facetec.sdk.version',
  sdkSimulated: 'kiosk.facetec.sdk.simulated',
  verificationEnd: 'kiosk.verification.end',
  verificationResult: 'kiosk.verification.result',
  verificationFailure: 'kiosk.verification.failure',
  appVersion: 'kiosk.app.version',
  mode: 'kiosk.mode',
  signal: 'kiosk.telemetry.signal'
} as const

const SECONDS_FAST = [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2.5, 5, 10, 30, 60] as const

export const METRICS = {
  visitsStarted: {
    name: 'kiosk.visits.started',
    kind: 'counter',
    unit: '{visit}',
    description: 'Visits started (Start pressed on the attract screen).',
    attributes: []
  },
  visitsEnded: {
    name: 'kiosk.visits.ended',
    kind: 'counter',
    unit: '{visit}',
    description:
      'Visits ended, by outcome: accepted, rejected, inconclusive, sent-to-staff, queued, abandoned, idle-reset, out-of-service.',
    attributes: [ATTR.visitOutcome]
  },
  outOfService: {
    name: 'kiosk.out_of_service',
    kind: 'gauge',
    unit: '1',
    description: 'Whether the kiosk shows the out-of-service screen now: 1 for the current cause, 0 for the others.',
    attributes: [ATTR.outOfServiceCause]
  },
  outOfServiceTime: {
    name: 'kiosk.out_of_service.time',
    kind: 'observable-counter',
    unit: 's',
    description: 'Time spent out of service since the kiosk started, by cause (assure, camera, sdk, configuration).',
    attributes: [ATTR.outOfServiceCause]
  },
  connectivity: {
    name: 'kiosk.connectivity',
    kind: 'gauge',
    unit: '1',
    description:
      'Connectivity to Assure: 1 for the current state (unknown, online, degraded, offline), 0 for the others.',
    attributes: [ATTR.connectivity]
  },
  outboxDepth: {
    name: 'kiosk.outbox.depth',
    kind: 'gauge',
    unit: '{job}',
    description: 'Captured verifications waiting in the outbox for Assure.',
    attributes: []
  },
  outboxOldestAge: {
    name: 'kiosk.outbox.oldest_age',
    kind: 'gauge',
    unit: 's',
    description: 'Age of the oldest verification in the outbox (0 when it is empty).',
    attributes: []
  },
  assureDuration: {
    name: 'kiosk.assure.request.duration',
    kind: 'histogram',
    unit: 's',
    description:
      'Duration of each HTTP attempt to Assure, by operation; failed attempts carry error.type (network, server, rate-limit, auth, client, not-found, malformed, other).',
    attributes: [ATTR.assureOperation, ATTR.errorType],
    buckets: SECONDS_FAST
  },
  startToCamera: {
    name: 'kiosk.journey.start_to_camera',
    kind: 'histogram',
    unit: 's',
    description: "Start pressed -> FaceTec's session open, the person's reading included (P2 in the field).",
    attributes: [],
    buckets: [1, 2, 5, 10, 15, 20, 30, 45, 60, 120, 300]
  },
  cameraWait: {
    name: 'kiosk.journey.camera_wait',
    kind: 'histogram',
    unit: 's',
    description:
      "The last tap before FaceTec -> its session open: what the kiosk makes the person wait (P2's own part).",
    attributes: [],
    buckets: [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30]
  },
  captureToResult: {
    name: 'kiosk.journey.capture_to_result',
    kind: 'histogram',
    unit: 's',
    description: 'Capture handed over -> result on screen, for visits that got their result at the kiosk (P1).',
    attributes: [],
    buckets: [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 20, 60]
  },
  faceTecInitializations: {
    name: 'kiosk.facetec.initializations',
    kind: 'counter',
    unit: '{initialization}',
    description:
      "FaceTec initializations, by result (initialized, or the kiosk's reason code such as script-load-failed) and key mode.",
    attributes: [ATTR.faceTecResult, ATTR.faceTecMode]
  },
  faceTecInit: {
    name: 'kiosk.facetec.initialization.duration',
    kind: 'histogram',
    unit: 's',
    description: "How long FaceTec's own initialization took, by result and key mode (those that ran).",
    attributes: [ATTR.faceTecResult, ATTR.faceTecMode],
    buckets: [0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60]
  },
  faceTecSessions: {
    name: 'kiosk.facetec.sessions',
    kind: 'counter',
    unit: '{session}',
    description: "FaceTec sessions ended, by result (the kiosk's reason code) and what the kiosk did next.",
    attributes: [ATTR.faceTecResult, ATTR.faceTecAction]
  },
  faceTecSdk: {
    name: 'kiosk.facetec.sdk.info',
    kind: 'gauge',
    unit: '1',
    description:
      'Always 1; the FaceTec SDK in use as attributes: its version, and whether it is the simulated one (demo).',
    attributes: [ATTR.sdkVersion, ATTR.sdkSimulated]
  },
  faceTecUpdateDue: {
    name: 'kiosk.facetec.sdk.update_due',
    kind: 'gauge',
    unit: 'd',
    description:
      "Days until the FaceTec SDK is 90 days old (Signicat's update policy), counted from its script's file date; negative: overdue.",
    attributes: []
  },
  verificationsEnded: {
    name: 'kiosk.verifications.ended',
    kind: 'counter',
    unit: '{verification}',
    description:
      "Verification jobs ended in main (queued ones included, whenever they finish): completed with Assure's result, failed with the reason, or cancelled.",
    attributes: [ATTR.verificationEnd, ATTR.verificationResult, ATTR.verificationFailure]
  },
  dataFolderSize: {
    name: 'kiosk.data_folder.size',
    kind: 'gauge',
    unit: 'By',
    description: "Size of the kiosk's data folder (jobs, encrypted captures and results, audit log, logs).",
    attributes: []
  },
  app: {
    name: 'kiosk.app.info',
    kind: 'gauge',
    unit: '1',
    description: 'Always 1; the app version and mode (demo, live) as attributes.',
    attributes: [ATTR.appVersion, ATTR.mode]
  },
  exportsFailed: {
    name: 'kiosk.telemetry.exports.failed',
    kind: 'counter',
    unit: '{export}',
    description:
      'Exports to the collector that failed or were dropped (unreachable, slow, refused, or one still in flight), by signal (metrics, logs).',
    attributes: [ATTR.signal]
  },
  logRecordsDropped: {
    name: 'kiosk.telemetry.log_records.dropped',
    kind: 'counter',
    unit: '{log_record}',
    description: 'Log records that never reached the collector: the bounded queue was full, or their export failed.',
    attributes: []
  }
} as const satisfies Record<string, MetricSpec>
