/**
 * The collector's credentials: named in the config file by environment variable, never written there;
 * kept in the OS key store (a reversible stand-in here) so the variable can be removed; never logged.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../../../main/log/logger'
import { memorySink } from '../../support/log'
import { createSecretStore } from '../../../main/storage/secret-store'
import { resolveTelemetryHeaders } from '../../../main/telemetry/headers'
import { fakeSafeStorage } from '../../support/safe-storage'
import { tempDir } from '../../support/temp-dir'

const TOKEN = 'Api-Token dt0c01.KIOSKS.7Qm2Lp9Rt4Vw8Xz'

async function setUp() {
  const dir = await tempDir('telemetry-headers')
  const sink = memorySink()
  const log = createLogger({ sink, level: 'debug' })
  const { storage } = fakeSafeStorage()
  const storeFor = (header: string) =>
    createSecretStore({
      file: join(dir, 'keys', `telemetry-header-${header.toLowerCase()}.bin`),
      safeStorage: storage,
      allowPlaintextBackend: false,
      platform: 'linux',
      log,
      label: `the telemetry header ${header}`
    })
  return { dir, sink, log, storeFor }
}

describe('telemetry headers', () => {
  it('takes a credential from the environment, keeps it sealed, and uses it once the variable is gone', async () => {
    const { dir, sink, log, storeFor } = await setUp()
    const headers = { Authorization: { env: 'KIOSK_OTEL_AUTHORIZATION' }, 'X-Scope-OrgID': 'bank-kiosks' }
    const first = await resolveTelemetryHeaders({ headers, env: { KIOSK_OTEL_AUTHORIZATION: TOKEN }, storeFor, log })
    expect(first).toEqual({ headers: { Authorization: TOKEN, 'X-Scope-OrgID': 'bank-kiosks' }, missing: [] })
    const file = join(dir, 'keys', 'telemetry-header-authorization.bin')
    expect(existsSync(file)).toBe(true)
    expect(readFileSync(file).toString('latin1')).not.toContain('dt0c01')

    const later = await resolveTelemetryHeaders({ headers, env: {}, storeFor, log })
    expect(later.headers.Authorization).toBe(TOKEN)
    expect(JSON.stringify(sink.records)).not.toContain('dt0c01')
  })

  it('without a key store (demo mode) uses the environment only, and says which header has no value', async () => {
    const { sink, log } = await setUp()
    const headers = { Authorization: { env: 'KIOSK_OTEL_AUTHORIZATION' } }
    expect(await resolveTelemetryHeaders({ headers, env: {}, storeFor: null, log })).toEqual({
      headers: {},
      missing: ['Authorization']
    })
    expect(sink.records.at(-1)).toMatchObject({
      level: 'warn',
      fields: { header: 'Authorization', variable: 'KIOSK_OTEL_AUTHORIZATION' }
    })
  })

  it('refuses a value with a line break, which would split the request', async () => {
    const { log, storeFor } = await setUp()
    const resolved = await resolveTelemetryHeaders({
      headers: { Authorization: { env: 'KIOSK_OTEL_AUTHORIZATION' } },
      env: { KIOSK_OTEL_AUTHORIZATION: 'Bearer abc\r\nX-Evil: 1' },
      storeFor,
      log
    })
    expect(resolved).toEqual({ headers: {}, missing: ['Authorization'] })
  })
})
