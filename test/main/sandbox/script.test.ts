/**
 * `npm run sandbox` as an integrator runs it: a separate process that prints its URL and the demo
 * credentials, which are enough to get a token over real HTTP, then one line per request. Bad options
 * and a port it cannot have get one line saying what to do, never a stack trace.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { UNTIL_DONE } from '../../support/waiting'

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

/** Runs the script to its end (for the options that make it stop at once). */
function runToEnd(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/sandbox.ts', ...args],
      { cwd: ROOT },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr })
    )
  })
}

/** One line, naming the problem, with no stack frame in it. */
function expectOneLineError(stderr: string, pattern: RegExp): void {
  const lines = stderr.split('\n').filter(Boolean)
  expect(lines, stderr).toHaveLength(1)
  expect(lines[0]).toMatch(/^sandbox: /)
  expect(lines[0]).toMatch(pattern)
  expect(stderr).not.toMatch(/\n\s+at /)
}

describe('npm run sandbox, used wrongly', () => {
  it('explains its options with --help', async () => {
    const { code, stdout, stderr } = await runToEnd(['--help'])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    for (const option of ['--port', '--host', '--processing-ms', '--token-lifetime', '--quiet'])
      expect(stdout).toContain(option)
  }, 30_000)

  it.each([
    [['--port', 'abc'], /--port must be a whole number from 0 to 65535, not 'abc'/],
    [['--port', '70000'], /--port must be a whole number from 0 to 65535, not '70000'/],
    [['--processing-ms', 'fast'], /--processing-ms must be a whole number/],
    [['--prot', '4011'], /Unknown option '--prot'/]
  ])(
    'refuses %j in one line, pointing at --help',
    async (args, pattern) => {
      const { code, stdout, stderr } = await runToEnd(args)
      expect(code).toBe(2)
      expect(stdout).toBe('')
      expectOneLineError(stderr, pattern)
      expect(stderr).toContain('npm run sandbox -- --help')
    },
    30_000
  )

  it('says in one line that a busy port is busy, and how to pick another', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as AddressInfo
    try {
      const { code, stderr } = await runToEnd(['--port', String(port)])
      expect(code).toBe(1)
      expectOneLineError(stderr, new RegExp(`port ${port} is already in use on 127\\.0\\.0\\.1.*--port 0`))
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  }, 30_000)
})

describe('npm run sandbox, watching requests', () => {
  it('prints one line per request: method, path, status and milliseconds', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sandbox.ts', '--port', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
    const printed = await banner(child)
    const basic = Buffer.from(`${printed.clientId}:wrong-secret`).toString('base64')
    expect(
      (
        await fetch(printed.tokenUrl, {
          method: 'POST',
          headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
          body: 'grant_type=client_credentials'
        })
      ).status
    ).toBe(401)
    expect((await fetch(`${printed.url}/assure/dossiers/nope?x=1`)).status).toBe(400)
    await vi.waitFor(() => {
      expect(out).toMatch(/^\d\d:\d\d:\d\d\.\d{3} POST \/auth\/open\/connect\/token 401 \d+ ms$/m)
      expect(out).toMatch(/^\d\d:\d\d:\d\d\.\d{3} GET \/assure\/dossiers\/nope\?x=1 400 \d+ ms$/m)
    }, UNTIL_DONE)
  }, 60_000)
})
