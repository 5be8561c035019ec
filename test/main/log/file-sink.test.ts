import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFileSink } from '../../../main/log/file-sink'
import { createLogger } from '../../../main/log/logger'
import { tempDir } from '../../support/temp-dir'

describe('log files', () => {
  it('writes one redacted JSON line per record, owner-readable only', async () => {
    const dir = await tempDir('kiosk-logs')
    const sink = createFileSink({ dir })
    createLogger({ sink })
      .child('assure')
      .warn('token refused: Bearer abc.def.ghi', { clientSecret: 'hunter2', status: 401 })
    const lines = readFileSync(sink.path, 'utf8').trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 'warn',
      scope: 'main.assure',
      message: 'token refused: Bearer [redacted]',
      fields: { clientSecret: '[redacted]', status: 401 }
    })
    expect(readFileSync(sink.path, 'utf8')).not.toContain('hunter2')
  })

  it('rotates by size and keeps a bounded number of old files, newest first', async () => {
    const dir = await tempDir('kiosk-logs')
    const sink = createFileSink({ dir, maxBytes: 1_000, keepFiles: 3 })
    const log = createLogger({ sink })
    for (let i = 0; i < 200; i++) log.info('line', { i })
    expect(readdirSync(dir).sort()).toEqual(['kiosk.1.log', 'kiosk.2.log', 'kiosk.3.log', 'kiosk.log'])
    const newest = (file: string) =>
      Math.max(
        ...readFileSync(join(dir, file), 'utf8')
          .trim()
          .split('\n')
          .map((line) => (JSON.parse(line) as { fields: { i: number } }).fields.i)
      )
    expect(newest('kiosk.log')).toBe(199)
    expect(newest('kiosk.1.log')).toBeGreaterThan(newest('kiosk.2.log'))
    expect(newest('kiosk.2.log')).toBeGreaterThan(newest('kiosk.3.log'))
  })
})
