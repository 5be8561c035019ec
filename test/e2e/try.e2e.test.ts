/**
 * `npm run try` as a person starts it, but headless and on a fixture clip (this machine has neither a
 * display nor a webcam): it says what it is and how to stop it, reaches the attract screen, and stops
 * cleanly on Ctrl+C.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FIXTURES, ROOT } from './harness/kiosk-harness'

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

describe('npm run try', () => {
  it('opens the kiosk on its attract screen, says what it is and how to stop it, and stops on Ctrl+C', async () => {
    const clip = join(FIXTURES, 'webcam-face-still.mjpeg')
    const running = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/try.ts', '--no-build', '--headless', '--camera', clip],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
    )
    child = running
    let out = ''
    let err = ''
    running.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')))
    const exited = new Promise<number | null>((resolve) => running.once('exit', (code) => resolve(code)))
    await new Promise<void>((resolve, reject) => {
      running.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8')
        if (out.includes('The kiosk is on its attract screen')) resolve()
      })
      void exited.then((code) => reject(new Error(`npm run try exited (${code}) early:\n${out}\n${err}`)))
    })

    expect(out).toContain("main's real")
    expect(out).toMatch(/simulated FaceTec SDK/)
    expect(out).toMatch(/Not Electron:\s+`npm start` runs the real app/)
    expect(out).toContain(`the file ${clip}`)
    expect(out).toMatch(/Stop +Ctrl\+C here/)
    expect(out).toMatch(/Staff mode .*PIN \d{6}/)
    // A clean start: main logged no warning or error.
    expect(err).toBe('')

    running.kill('SIGINT')
    expect(await exited).toBe(0)
    expect(out).toContain('Stopping...')
  })
})
