/**
 * The stand-in collector (test/support/otlp-receiver) reads what arrives as a collector's `otlp` receiver
 * does: it decodes each body with OpenTelemetry's generated protobuf code for the OTLP schema, so a body
 * that is not a valid export request is refused (400, or 415 for another media type), recorded, and makes
 * every later read of that signal fail, instead of being read loosely and asserted on.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../../main/log/logger'
import { startTelemetry, type Telemetry } from '../../../main/telemetry/telemetry'
import { ManualClock } from '../../support/manual-clock'
import { pointsOf, startOtlpReceiver, type OtlpReceiver } from '../../support/otlp-receiver'

let receiver: OtlpReceiver | null = null
let telemetry: Telemetry | null = null
afterEach(async () => {
  await telemetry?.shutdown(500)
  telemetry = null
  await receiver?.close()
  receiver = null
})

/** One real metrics export from the kiosk's telemetry, as it arrived. */
async function realExport(into: OtlpReceiver): Promise<Buffer> {
  telemetry = startTelemetry({
    endpoint: into.url,
    exportIntervalMs: 3_600_000,
    headers: {},
    logs: 'off',
    resource: { kioskId: 'k-1', version: '1.4.0', mode: 'demo' },
    clock: new ManualClock(),
    log: createLogger({ sink: () => {} })
  })
  telemetry.visit({ event: 'started' })
  await telemetry.flush()
  const [request] = into.requests
  if (!request) throw new Error('no export arrived')
  return request.bytes
}

const post = (url: string, body: Uint8Array | string, contentType: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body })

describe('the stand-in collector', () => {
  it('decodes what the kiosk sends as an OTLP export request, and answers with an export response', async () => {
    receiver = await startOtlpReceiver()
    const bytes = await realExport(receiver)
    expect(receiver.rejected()).toEqual([])
    expect(pointsOf(receiver.metrics()).map((point) => point.metric)).toContain('kiosk.visits.started')
    // The same bytes again, by hand: 200 with the (empty) protobuf export response.
    const answer = await post(`${receiver.url}/v1/metrics`, bytes, 'application/x-protobuf')
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('application/x-protobuf')
    expect((await answer.arrayBuffer()).byteLength).toBe(0)
  })

  it('refuses a body that does not decode (400), records it, and fails every read of that signal', async () => {
    receiver = await startOtlpReceiver()
    const bytes = await realExport(receiver)
    const cut = bytes.subarray(0, bytes.length - 7)
    const json = JSON.stringify({
      resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'kiosk.visits.started' }] }] }]
    })

    expect((await post(`${receiver.url}/v1/metrics`, cut, 'application/x-protobuf')).status).toBe(400)
    expect((await post(`${receiver.url}/v1/metrics`, json, 'application/x-protobuf')).status).toBe(400)
    expect(receiver.rejected().map((request) => request.rejection?.status)).toEqual([400, 400])
    expect(receiver.rejected()[0]?.bytes.equals(cut)).toBe(true)
    expect(() => receiver?.metrics()).toThrow(/refused 2 request\(s\) to \/v1\/metrics: not an OTLP export request/)
    // The other signal is untouched.
    expect(receiver.logs()).toEqual([])
  })

  it('refuses another media type (415), as OTLP/HTTP says', async () => {
    receiver = await startOtlpReceiver()
    const answer = await post(`${receiver.url}/v1/logs`, '{"resourceLogs":[]}', 'application/json')
    expect(answer.status).toBe(415)
    expect(receiver.rejected()[0]?.rejection?.reason).toMatch(/content-type application\/json/)
    expect(() => receiver?.logs()).toThrow(/refused 1 request\(s\) to \/v1\/logs/)
  })
})
