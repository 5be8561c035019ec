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
import { text } from 'node:stream/consumers'
import { hashPin, PIN_PATTERN, PIN_RULE, pinWeakness } from '../main/staff/pin'

async function readHidden(question: string): Promise<string> {
  const { stdin, stderr } = process
  stderr.write(question)
  stdin.setRawMode(true)
  stdin.setEncoding('utf8')
  stdin.resume()
  return new Promise((resolve, reject) => {
    let typed = ''
    const finish = (): void => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
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

async function readPin(): Promise<string> {
  const fromArgument = process.argv[2]
  if (fromArgument !== undefined) return fromArgument
  if (process.stdin.isTTY) {
    const first = await readHidden('Staff PIN: ')
    const second = await readHidden('Again: ')
    if (first !== second) throw new Error('the two PINs differ')
    return first
  }
  return (await text(process.stdin)).split(/\r?\n/)[0] ?? ''
}

try {
  const pin = await readPin()
  if (!PIN_PATTERN.test(pin)) throw new Error(PIN_RULE)
  const weakness = pinWeakness(pin)
  if (weakness) process.stderr.write(`warning: ${weakness}\n`)
  process.stdout.write(`"staff": { "pinHash": ${JSON.stringify(await hashPin(pin))} }\n`)
} catch (error) {
  process.stderr.write(`hash-pin: ${(error as Error).message}\n`)
  process.exitCode = 1
}
