import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { electronStoreBacking } from '../../../main/shell/electron-store-backing'
import { createLogger } from '../../../main/log/logger'
import { memorySink } from '../../support/log'
import { tempDir } from '../../support/temp-dir'

// electron-store imports electron at load; with no app/ipcMain it needs (and gets) an absolute cwd.
vi.mock('electron', () => ({ default: {} }))

describe('staff settings in electron-store', () => {
  it('keeps what staff changed across a restart', async () => {
    const dir = await tempDir('kiosk-settings')
    const log = createLogger({ sink: () => {} })
    electronStoreBacking({ dir, log }).write({ settings: { maxLivenessAttempts: 4 }, clientId: 'prod-1' })
    expect(electronStoreBacking({ dir, log }).read()).toEqual({
      settings: { maxLivenessAttempts: 4 },
      clientId: 'prod-1'
    })
  })

  it('writes the file for the kiosk’s account only (0600), also over one written 0644 before (issue 17, row 20)', async () => {
    const dir = await tempDir('kiosk-settings')
    const log = createLogger({ sink: () => {} })
    electronStoreBacking({ dir, log }).write({ settings: { maxLivenessAttempts: 4 } })
    const file = `${dir}/staff-settings.json`
    expect(statSync(file).mode & 0o777).toBe(0o600)
    chmodSync(file, 0o644)
    electronStoreBacking({ dir, log }).write({ settings: { maxLivenessAttempts: 5 } })
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('moves a damaged file aside, reports it, and starts empty', async () => {
    const dir = await tempDir('kiosk-settings')
    writeFileSync(`${dir}/staff-settings.json`, '{"settings": {"maxLiven')
    const sink = memorySink()
    const backing = electronStoreBacking({ dir, log: createLogger({ sink }), now: () => 42 })
    expect(backing.read()).toEqual({})
    expect(readdirSync(dir)).toContain('staff-settings.json.unreadable-42')
    expect(sink.records.some((record) => record.level === 'error')).toBe(true)
  })
})
