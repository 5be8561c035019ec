/**
 * `npm run sandbox`: the embedded Assure sandbox on its own, for trying the API by hand or for an
 * integrator's CI. It prints one line per request (method, path, status, milliseconds), so an
 * integrator sees what their client sent. `npm run sandbox -- --help` lists the options.
 */
import { parseArgs } from 'node:util'
import { startSandbox, type SandboxRequestRecord } from '../main/sandbox/fault-control'

const USAGE = `Usage: npm run sandbox -- [options]

The Assure sandbox on its own: Assure's API, its token endpoint and the control API
(/__sandbox/: faults, outcomes, settings), on 127.0.0.1. See README "Assure sandbox".

Options:
  --port <n>             port to listen on, 0 for any free port (default 4010, or $SANDBOX_PORT)
  --host <address>       address to listen on (default 127.0.0.1)
  --processing-ms <n>    how long a started verification takes to finish (default 1500)
  --token-lifetime <s>   seconds an access token lasts (default 600)
  --quiet                no line per request
  -h, --help             this text
`

/** What went wrong and what to do, in one line, never a stack trace. Exit 2: bad usage; 1: cannot listen. */
function fail(message: string, hint = 'See `npm run sandbox -- --help`.', exitCode = 2): never {
  process.stderr.write(`sandbox: ${message} ${hint}\n`)
  process.exit(exitCode)
}

function parse() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: process.env.SANDBOX_PORT ?? '4010' },
        host: { type: 'string', default: '127.0.0.1' },
        'processing-ms': { type: 'string' },
        'token-lifetime': { type: 'string' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      }
    }).values
  } catch (error) {
    // parseArgs words its errors well ("Unknown option '--prot'"); only its stack is unwanted.
    return fail((error as Error).message.split('\n')[0] ?? 'bad arguments')
  }
}

function wholeNumber(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text)
  if (!/^\d+$/.test(text.trim()) || value < min || value > max)
    fail(`--${name} must be a whole number from ${min} to ${max}, not '${text}'.`)
  return value
}

const values = parse()
if (values.help) {
  process.stdout.write(USAGE)
  process.exit(0)
}
const port = wholeNumber('port', values.port, 0, 65_535) ?? 4010
const processingDelayMs = wholeNumber('processing-ms', values['processing-ms'], 0, 3_600_000)
const tokenLifetimeSeconds = wholeNumber('token-lifetime', values['token-lifetime'], 1, 86_400)

const time = (): string => new Date().toISOString().slice(11, 23)
const logRequest = ({ method, path, status, ms }: SandboxRequestRecord): void => {
  const answer = status === null ? 'no answer (connection closed)' : String(status)
  process.stdout.write(`${time()} ${method} ${path} ${answer} ${ms} ms\n`)
}

let sandbox: Awaited<ReturnType<typeof startSandbox>>
try {
  sandbox = await startSandbox({
    host: values.host,
    port,
    controlApi: true,
    behaviour: {
      ...(processingDelayMs !== undefined ? { processingDelayMs } : {}),
      ...(tokenLifetimeSeconds !== undefined ? { tokenLifetimeSeconds } : {})
    },
    onRequest: values.quiet ? undefined : logRequest
  })
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code
  const where = `${values.host}:${port}`
  const otherPort = 'Pick another with --port <n>, or --port 0 for any free one.'
  if (code === 'EADDRINUSE')
    fail(`port ${port} is already in use on ${values.host} (another sandbox still running?).`, otherPort, 1)
  if (code === 'EACCES') fail(`not allowed to listen on ${where} (ports below 1024 need privileges).`, otherPort, 1)
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    fail(`cannot listen on ${values.host}: not an address of this machine.`, 'Try --host 127.0.0.1.', 1)
  fail(`cannot listen on ${where}: ${(error as Error).message.split('\n')[0] ?? ''}`, '', 1)
}

console.log(`Assure sandbox listening on ${sandbox.url}

  API base URL    ${sandbox.url}            (paths as Assure: /assure/dossiers, ...)
  Token URL       ${sandbox.tokenUrl}
  Client id       ${sandbox.credentials.clientId}
  Client secret   ${sandbox.credentials.clientSecret}
  Scope           signicat-api

  Control API     ${sandbox.url}/__sandbox/   (faults, outcomes, settings, calls; see README)

Try:
  curl -s -u ${sandbox.credentials.clientId}:${sandbox.credentials.clientSecret} -d grant_type=client_credentials -d scope=signicat-api ${sandbox.tokenUrl}
${values.quiet ? '' : 'Each request is printed below: time, method, path, status, milliseconds.\n'}Ctrl+C stops it.`)

const stop = (): void => {
  void sandbox.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
