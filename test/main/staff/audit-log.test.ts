import { appendFileSync, readFileSync } from 'node:fs'
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
})
