/**
 * The packaging configuration, validated offline: electron-builder's own loader reads the file and
 * its own schema accepts it; the targets, shipped files, resources and fuses are what the README
 * promises. (`npm run package:check` goes further: a real `--dir` package on a stand-in Electron.)
 */
import { join } from 'node:path'
import type { Configuration } from 'electron-builder'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js'
import { describe, expect, it } from 'vitest'
import config, { fuses } from '../../../electron-builder.config'

const root = join(import.meta.dirname, '..', '..', '..')
const quietDebugLogger = { isEnabled: false, add: () => undefined } as unknown as Parameters<
  typeof validateConfiguration
>[1]

const validate = (candidate: Configuration) => validateConfiguration(candidate, quietDebugLogger)
/**
 * electron-builder's loader compiles the TypeScript config and its schema validator is large: pure CPU
 * work, nothing waited for, which takes well over the default 5 s on a saturated 2-core machine. The
 * budget is for that work only; no assertion here depends on time.
 */
const LOADER_CPU_BUDGET_MS = 60_000

describe('electron-builder.config.ts', () => {
  it(
    'is read by electron-builder’s own loader and passes its schema',
    async () => {
      const loaded = await getConfig(root, 'electron-builder.config.ts', null)
      expect(loaded).toEqual(expect.objectContaining({ appId: config.appId, electronFuses: fuses }))
      await expect(validate(loaded)).resolves.toBeUndefined()
    },
    LOADER_CPU_BUDGET_MS
  )

  it('is really checked: the schema refuses a misspelt fuse or option', async () => {
    await expect(
      validate({ ...config, electronFuses: { ...fuses, runAsNod: false } as Configuration['electronFuses'] })
    ).rejects.toThrow(/electronFuses/)
    await expect(validate({ ...config, nsis: { oneClik: false } as Configuration['nsis'] })).rejects.toThrow(/nsis/)
  })

  it('builds an NSIS installer for Windows, and AppImage and deb for Linux, all x64', () => {
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }])
    expect(config.linux?.target).toEqual([
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] }
    ])
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true })
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/)
  })

  it('ships only the built app in app.asar, and resources/ next to it as <resources>/resources', () => {
    expect(config.files).toEqual(['out/**/*', 'package.json'])
    expect(config.asar).toBe(true)
    expect(config.extraResources).toEqual([{ from: 'resources', to: 'resources', filter: ['**/*'] }])
    expect(config.npmRebuild).toBe(false)
    expect(config.publish).toBeNull()
  })

  it('flips the fuses the security model asks for', () => {
    expect(config.electronFuses).toBe(fuses)
    expect(fuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false
    })
  })
})
