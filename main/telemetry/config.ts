/**
 * The config file's `telemetry` section and `site` field: where the kiosk sends its OpenTelemetry
 * metrics and logs (the operator's collector), how often, and with which headers. Off unless an
 * endpoint is set. A header that carries a credential names an environment variable instead of
 * holding the value: the file stays free of secrets, as it does for Assure.
 */
import { z } from 'zod'

/** An HTTP header name (RFC 9110 token characters that collectors and proxies accept). */
const HeaderName = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'letters, digits and dashes only')

/** Where a header's value comes from when it is a credential: an environment variable, then the OS key store. */
export const EnvReference = z.strictObject({
  env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'an environment variable name')
})

/** Printable ASCII: a header value with a line break would split the request. */
const PlainHeaderValue = z
  .string()
  .max(1024)
  .regex(/^[\x20-\x7e]*$/, 'printable ASCII only')

/** Header names that carry credentials; their value may not be written into the file. */
export const CREDENTIAL_HEADER =
  /(authorization|api[-_]?key|token|secret|password|passwd|cookie|signature|credential|auth)/i

export const TelemetryConfig = z
  .strictObject({
    /**
     * The collector's OTLP/HTTP base URL (e.g. `https://otel.example.com:4318`); the kiosk posts to
     * `<endpoint>/v1/metrics` and `<endpoint>/v1/logs`. Absent: no telemetry at all.
     */
    endpoint: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .optional(),
    /** Seconds between two exports. */
    exportIntervalSeconds: z.number().int().min(5).max(3600).default(60),
    /** Headers on every export: a plain value, or `{ "env": "NAME" }` for a credential. */
    headers: z.record(HeaderName, z.union([PlainHeaderValue, EnvReference])).default({}),
    /** Log records sent to the collector from this level up (after redaction); `off`: metrics only. */
    logs: z.enum(['off', 'error', 'warn', 'info']).default('warn')
  })
  .superRefine((telemetry, context) => {
    for (const [name, value] of Object.entries(telemetry.headers)) {
      if (typeof value === 'string' && CREDENTIAL_HEADER.test(name))
        context.addIssue({
          code: 'custom',
          path: ['headers', name],
          message: `a credential never goes in this file: write { "env": "VARIABLE" } and set the variable (the kiosk then keeps it in the OS key store)`
        })
    }
    if (Object.keys(telemetry.headers).length > 20)
      context.addIssue({ code: 'custom', path: ['headers'], message: 'at most 20 headers' })
  })
export type TelemetryConfig = z.infer<typeof TelemetryConfig>

/** The branch or store the kiosk stands in, as the fleet's dashboards group it. Not personal data. */
export const SiteName = z
  .string()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,127}$/u, 'letters, digits, spaces, dot, dash and underscore only')
