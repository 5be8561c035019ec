/**
 * The renderer is a web page. `npm run typecheck` must fail when renderer code reaches for Node or
 * Electron, and must pass for ordinary renderer code. Runs the real compiler on probe files under the
 * renderer's own compiler options (tsconfig.web.json).
 */
import { execFile } from 'node:child_process'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const probeDir = join(root, 'test', 'boundary', `.probe-${process.pid}`)

const forbidden: Record<string, string> = {
  'node-prefixed-builtin': "import { readFileSync } from 'node:fs'\nexport const x = readFileSync",
  'bare-builtin': "import path from 'path'\nexport const x = path",
  'child-process': "import { exec } from 'child_process'\nexport const x = exec",
  electron: "import { ipcRenderer } from 'electron'\nexport const x = ipcRenderer",
  'electron-side-effect-namespace': "import * as electron from 'electron'\nexport const x = electron.app",
  'electron-subpath': "import { contextBridge } from 'electron/renderer'\nexport const x = contextBridge",
  undici: "import { request } from 'undici'\nexport const x = request",
  'electron-store': "import Store from 'electron-store'\nexport const x = Store",
  opentelemetry: "import { metrics } from '@opentelemetry/api'\nexport const x = metrics",
  'process-global': 'export const x = process.env.SECRET',
  'require-global': "export const x = require('fs')",
  'buffer-global': "export const x = Buffer.from('a')"
}

const allowed = [
  "import { create } from 'zustand'",
  "import { createRoot } from 'react-dom/client'",
  "import type { KioskApi } from '../../../preload/api'",
  'export const x: [typeof create, typeof createRoot, KioskApi | null] = [create, createRoot, null]'
].join('\n')

let output = ''

beforeAll(async () => {
  await mkdir(probeDir, { recursive: true })
  for (const [name, source] of Object.entries(forbidden)) await writeFile(join(probeDir, `${name}.ts`), source)
  await writeFile(join(probeDir, 'allowed.ts'), allowed)
  // The probes join everything the real web project compiles, so a test helper that drags Node's types
  // into that program (and would thereby make `node:fs` resolvable) is caught here too.
  const webProject = JSON.parse(
    (await readFile(join(root, 'tsconfig.web.json'), 'utf8')).replace(/^\s*\/\/.*$/gm, '')
  ) as { include: string[] }
  await writeFile(
    join(probeDir, 'tsconfig.json'),
    JSON.stringify({
      extends: '../../../tsconfig.web.json',
      include: ['*.ts', ...webProject.include.map((path) => `../../../${path}`)]
    })
  )
  try {
    await promisify(execFile)(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', probeDir],
      { cwd: root }
    )
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? error)
  }
}, 120_000)

afterAll(async () => {
  await rm(probeDir, { recursive: true, force: true })
})

describe('the renderer compiler project', () => {
  it.each(Object.keys(forbidden))('rejects renderer code that uses %s', (name) => {
    expect(output).toMatch(new RegExp(`${name}\\.ts\\(\\d+,\\d+\\): error TS`))
  })

  it('accepts ordinary renderer code (React, zustand, the contract types) and the renderer as it is', () => {
    expect(output).not.toContain('allowed.ts(')
    expect(
      output
        .split('\n')
        .filter((line) => /error TS/.test(line) && !line.includes('.probe-') && !line.startsWith('renderer/boundary/'))
    ).toEqual([])
  })
})
