/**
 * `npm run sandbox` as an integrator runs it: a separate process that prints its URL and the demo
 * credentials, which are enough to get a token over real HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..', '..')
let child: ChildProcess | undefined

afterEach(async () => {
  const running = child
  child = undefined
  if (running && running.exitCode === null && running.signalCode === null) {
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGKILL')
    await exited
  }
})

interface Printed {
  url: string
  tokenUrl: string
  clientId: string
  clientSecret: string
}

/** Resolves once the banner is printed in full; rejects if the process ends first. */
function banner(sandboxProcess: ChildProcess): Promise<Printed> {
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    sandboxProcess.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')))
    sandboxProcess.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8')
      const field = (label: string): string | undefined => new RegExp(`^\\s*${label}\\s+(\\S+)`, 'm').exec(out)?.[1]
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1]
      const [tokenUrl, clientId, clientSecret] = [field('Token URL'), field('Client id'), field('Client secret')]
      if (url && tokenUrl && clientId && clientSecret && out.includes('Ctrl+C'))
        resolve({ url, tokenUrl, clientId, clientSecret })
    })
    sandboxProcess.once('exit', (code) =>
      reject(new Error(`the sandbox exited (${code}) before printing its banner:\n${out}\n${err}`))
    )
  })
}

describe('npm run sandbox', () => {
  it('prints its URL and demo credentials, which get a token, and stops cleanly on SIGTERM', async () => {
    // What package.json's "sandbox" script runs (tsx), on a free port.
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sandbox.ts', '--port', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const printed = await banner(child)
    expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(printed.url).not.toMatch(/:0$/)
    expect(printed.tokenUrl).toBe(`${printed.url}/auth/open/connect/token`)

    const response = await fetch(printed.tokenUrl, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${printed.clientId}:${printed.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded'
      },
      body: 'grant_type=client_credentials&scope=signicat-api'
    })
    expect(response.status).toBe(200)
    const token = (await response.json()) as { access_token: string; token_type: string }
    expect(token.token_type).toBe('Bearer')
    const dossiers = await fetch(`${printed.url}/assure/dossiers`, {
      headers: { authorization: `Bearer ${token.access_token}` }
    })
    expect(dossiers.status).toBe(200)
    // The control API is on, as the README promises for `npm run sandbox`.
    expect(await (await fetch(`${printed.url}/__sandbox/calls`)).json()).toMatchObject({ token: 1, listDossiers: 1 })

    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  }, 60_000)
})
