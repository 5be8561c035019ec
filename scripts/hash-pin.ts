/**
 * `npm run -s hash-pin`: prints the config file's line for the PIN (stdout, one line), ready to paste:
 *   "staff": { "pinHash": "scrypt$32768$8$1$…" }
 *
 *   npm run -s hash-pin                  asks for the PIN twice without showing it (a terminal)
 *   echo 482913 | npm run -s hash-pin    reads the first line of stdin (provisioning scripts)
 *   npm run -s hash-pin -- 482913        from the argument (lands in the shell history: avoid)
 *
 * Prompts and warnings go to stderr, so `$(npm run -s hash-pin)` captures only that line; it is JSON
 * inside braces, e.g. `jq -r .staff.pinHash <<< "{$(npm run -s hash-pin)}"` for the bare hash.
 */
import { pathToFileURL } from 'node:url'
import { text } from 'node:stream/consumers'
import { hashPin, PIN_PATTERN, PIN_RULE, pinWeakness } from '../main/staff/pin'

/** What the script talks to: the process's own streams, or a test's. */
export interface HashPinIo {
  /** The arguments after the script's name. */
  args: string[]
  stdin: NodeJS.ReadableStream & Partial<Pick<NodeJS.ReadStream, 'isTTY' | 'setRawMode'>>
  stdout: Pick<NodeJS.WritableStream, 'write'>
  stderr: Pick<NodeJS.WritableStream, 'write'>
}

async function readHidden(io: HashPinIo, question: string): Promise<string> {
  const { stdin, stderr } = io
  stderr.write(question)
  stdin.setRawMode?.(true)
  stdin.setEncoding('utf8')
  stdin.resume()
  return new Promise((resolve, reject) => {
    let typed = ''
    const finish = (): void => {
      stdin.off('data', onData)
      stdin.setRawMode?.(false)
      stdin.pause()
      stderr.write('\n')
    }
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          finish()
          resolve(typed)
          return
        }
        if (char === '\u0003' || char === '\u0004') {
          finish()
          reject(new Error('cancelled'))
          return
        }
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1)
        else typed += char
      }
    }
    stdin.on('data', onData)
  })
}

async function readPin(io: HashPinIo): Promise<string> {
  const fromArgument = io.args[0]
  if (fromArgument !== undefined) return fromArgument
  if (io.stdin.isTTY) {
    const first = await readHidden(io, 'Staff PIN: ')
    const second = await readHidden(io, 'Again: ')
    if (first !== second) throw new Error('the two PINs differ')
    return first
  }
  return (await text(io.stdin)).split(/\r?\n/)[0] ?? ''
}

/** The script's work; resolves to its exit code. In-process so its tests need not start a Node. */
export async function hashPinCommand(io: HashPinIo): Promise<number> {
  try {
    const pin = await readPin(io)
    if (!PIN_PATTERN.test(pin)) throw new Error(PIN_RULE)
    const weakness = pinWeakness(pin)
    if (weakness) io.stderr.write(`warning: ${weakness}\n`)
    io.stdout.write(`"staff": { "pinHash": ${JSON.stringify(await hashPin(pin))} }\n`)
    return 0
  } catch (error) {
    io.stderr.write(`hash-pin: ${(error as Error).message}\n`)
    return 1
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await hashPinCommand({
    args: process.argv.slice(2),
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr
  })
}
