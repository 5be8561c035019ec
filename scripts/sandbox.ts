/**
 * `npm run sandbox`: the embedded Assure sandbox on its own, for trying the API by hand or for an
 * integrator's CI. Options: --port <n> (default 4010; 0 = any free port), --host <addr>,
 * --processing-ms <n>, --token-lifetime <s>.
 */
import { parseArgs } from 'node:util'
import { startSandbox } from '../main/sandbox/server'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.SANDBOX_PORT ?? '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    'processing-ms': { type: 'string' },
    'token-lifetime': { type: 'string' }
  }
})

const sandbox = await startSandbox({
  host: values.host,
  port: Number(values.port),
  controlApi: true,
  settings: {
    ...(values['processing-ms'] ? { processingDelayMs: Number(values['processing-ms']) } : {}),
    ...(values['token-lifetime'] ? { tokenLifetimeSeconds: Number(values['token-lifetime']) } : {})
  }
})

console.log(`Assure sandbox listening on ${sandbox.url}

  API base URL    ${sandbox.url}            (paths as Assure: /assure/dossiers, ...)
  Token URL       ${sandbox.tokenUrl}
  Client id       ${sandbox.credentials.clientId}
  Client secret   ${sandbox.credentials.clientSecret}
  Scope           signicat-api

  Control API     ${sandbox.url}/__sandbox/   (faults, outcomes, settings, calls; see README)

Try:
  curl -s -u ${sandbox.credentials.clientId}:${sandbox.credentials.clientSecret} -d grant_type=client_credentials -d scope=signicat-api ${sandbox.tokenUrl}
Ctrl+C stops it.`)

const stop = (): void => {
  void sandbox.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
