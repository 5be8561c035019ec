import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { silentLogger } from '../../support/log'
import { createAuditLog } from '../../../main/staff/audit-log'
import { ManualClock } from '../../support/manual-clock'
import { tempDir } from '../../support/temp-dir'

describe('the audit log', () => {
  it('records who, when and what (a code with parameters), newest first, one file per month', async () => {
    const dir = await tempDir('kiosk-audit')
    const clock = new ManualClock(Date.parse('2026-11-30T23:59:00Z'))
    const audit = createAuditLog({ dir, clock, log: silentLogger, kioskId: 'k-1' })
    audit.record('staff', 'staff.unlocked')
    await clock.advance(120_000)
    audit.record('staff', 'job.retry', { jobId: '3f6c2b1e-8d4a-4c1f-9b7e-2a5d6c8e9f01' })
    expect(audit.latest(10)).toEqual([
      {
        at: '2026-12-01T00:01:00.000Z',
        actor: 'staff',
        action: 'job.retry',
        params: { jobId: '3f6c2b1e-8d4a-4c1f-9b7e-2a5d6c8e9f01' }
      },
      { at: '2026-11-30T23:59:00.000Z', actor: 'staff', action: 'staff.unlocked', params: {} }
    ])
    expect(readFileSync(join(dir, 'audit-2026-11.jsonl'), 'utf8')).toContain('"kiosk":"k-1"')
    expect(readFileSync(join(dir, 'audit-2026-12.jsonl'), 'utf8')).toContain('job.retry')
  })

  it('never stores a credential, even from a careless caller', async () => {
    const dir = await tempDir('kiosk-audit')
    const audit = createAuditLog({ dir, clock: new ManualClock(), log: silentLogger, kioskId: 'k' })
    audit.record('staff', 'audit.exported', {
      fileName: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig and client_secret=hunter2'
    })
    const stored = readFileSync(join(dir, 'audit-2026-11.jsonl'), 'utf8')
    expect(stored).not.toContain('hunter2')
    expect(stored).not.toContain('eyJhbGciOiJIUzI1NiJ9')
  })

  it('skips a line cut off by a crash and exports the rest, oldest first', async () => {
    const dir = await tempDir('kiosk-audit')
    const clock = new ManualClock()
    const audit = createAuditLog({ dir, clock, log: silentLogger, kioskId: 'k' })
    audit.record('kiosk', 'staff.pin-wrong', { attemptsLeft: 4 })
    const file = join(dir, 'audit-2026-11.jsonl')
    appendFileSync(file, '{"at":"2026-11-26T09:00:00.000Z","act')
    appendFileSync(file, '\n')
    audit.record('kiosk', 'staff.pin-locked')
    expect(audit.latest(5).map((entry) => entry.action)).toEqual(['staff.pin-locked', 'staff.pin-wrong'])
    const exported = join(dir, 'export.jsonl')
    expect(audit.exportTo(exported)).toBe(2)
    expect(
      readFileSync(exported, 'utf8')
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { action: string }).action)
    ).toEqual(['staff.pin-wrong', 'staff.pin-locked'])
  })

  it('shows only entries the bridge can carry, so one foreign line does not hide the whole log', async () => {
    const dir = await tempDir('kiosk-audit')
    const audit = createAuditLog({ dir, clock: new ManualClock(), log: silentLogger, kioskId: 'k' })
    audit.record('staff', 'staff.unlocked')
    appendFileSync(
      join(dir, 'audit-2026-11.jsonl'),
      `${JSON.stringify({ at: '2026-11-26T09:00:00.000Z', actor: 'someone', action: 'made.up', params: {} })}\n`
    )
    expect(audit.latest(5)).toEqual([expect.objectContaining({ action: 'staff.unlocked' })])
    // The export keeps every line: it is the record, not the view.
    expect(audit.exportTo(join(dir, 'export.jsonl'))).toBe(2)
  })

  describe('cannot be flooded (issue 17, row 4)', () => {
    const lines = (file: string): string[] => readFileSync(file, 'utf8').trim().split('\n')

    it('writes the kiosk’s own entries at most 20 a minute per action, and counts the rest in the next', async () => {
      const dir = await tempDir('kiosk-audit')
      const clock = new ManualClock()
      const audit = createAuditLog({ dir, clock, log: silentLogger, kioskId: 'k' })
      for (let i = 0; i < 10_000; i++) audit.record('kiosk', 'staff.pin-wrong', { attemptsLeft: 4 })
      const file = join(dir, 'audit-2026-11.jsonl')
      expect(lines(file)).toHaveLength(20)
      // Staff's own entries (behind the PIN) are never held back.
      audit.record('staff', 'staff.unlocked')
      await clock.advance(60_000)
      audit.record('kiosk', 'staff.pin-wrong', { attemptsLeft: 3 })
      expect(audit.latest(2)).toEqual([
        expect.objectContaining({ action: 'staff.pin-wrong', params: { attemptsLeft: 3, suppressed: 9_980 } }),
        expect.objectContaining({ action: 'staff.unlocked' })
      ])
    })

    it('stops taking the kiosk’s entries when the month’s file is full, and staff’s at twice that', async () => {
      const dir = await tempDir('kiosk-audit')
      const clock = new ManualClock()
      const audit = createAuditLog({ dir, clock, log: silentLogger, kioskId: 'k', limits: { maxFileBytes: 4096 } })
      for (let i = 0; i < 500; i++) {
        audit.record('kiosk', 'staff.pin-locked')
        await clock.advance(60_000)
      }
      const file = join(dir, 'audit-2026-11.jsonl')
      expect(statSync(file).size).toBeLessThanOrEqual(4096)
      audit.record('staff', 'staff.unlocked')
      expect(audit.latest(1)).toEqual([expect.objectContaining({ action: 'staff.unlocked' })])
      for (let i = 0; i < 500; i++) audit.record('staff', 'staff.lock')
      expect(statSync(file).size).toBeLessThanOrEqual(2 * 4096)
      // The tab and the export still read it.
      expect(audit.latest(200).length).toBeGreaterThan(0)
      expect(audit.exportTo(join(dir, 'export.jsonl'))).toBe(lines(file).length)
    })
  })

  it('deletes the files of months past the retention period (issue 17, row 13)', async () => {
    const dir = await tempDir('kiosk-audit')
    const old = join(dir, 'audit-2024-10.jsonl')
    const kept = join(dir, 'audit-2024-11.jsonl')
    writeFileSync(old, `${JSON.stringify({ at: '2024-10-01T09:00:00.000Z', actor: 'staff', action: 'staff.lock' })}\n`)
    writeFileSync(kept, `${JSON.stringify({ at: '2024-11-01T09:00:00.000Z', actor: 'staff', action: 'staff.lock' })}\n`)
    createAuditLog({ dir, clock: new ManualClock(), log: silentLogger, kioskId: 'k', limits: { retentionMonths: 24 } })
    expect(existsSync(old)).toBe(false)
    expect(existsSync(kept)).toBe(true)
  })

  it('never stores a file name, whoever passes one (issue 17, row 13)', async () => {
    const dir = await tempDir('kiosk-audit')
    const audit = createAuditLog({ dir, clock: new ManualClock(), log: silentLogger, kioskId: 'k' })
    audit.record('staff', 'result.exported', { jobId: '3f6c2b1e-8d4a', fileName: 'Ada Lovelace 101215-12345.zip' })
    expect(readFileSync(join(dir, 'audit-2026-11.jsonl'), 'utf8')).not.toContain('Lovelace')
  })
})
