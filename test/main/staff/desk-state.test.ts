/**
 * The desk's state survives a restart (a closed kiosk stays closed), today's count starts again each
 * local day while visitors still waiting for staff do not vanish at midnight, and a damaged file reads
 * as "open, nobody waiting" instead of taking the kiosk down.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { silentLogger } from '../../support/log'
import { createDeskState, localDay } from '../../../main/staff/desk-state'
import { ManualClock } from '../../support/manual-clock'
import { tempDir } from '../../support/temp-dir'

async function setup() {
  const file = join(await tempDir('kiosk-desk'), 'desk.json')
  const clock = new ManualClock(new Date(2026, 10, 30, 9, 0).getTime())
  const open = () => createDeskState({ file, clock, log: silentLogger })
  return { file, clock, open }
}

describe('the desk state', () => {
  it('keeps the kiosk closed across a restart until staff reopen it', async () => {
    const { open } = await setup()
    const desk = open()
    expect(desk.closed()).toBe(false)
    expect(desk.setClosed(true)).toBe(true)
    expect(desk.setClosed(true)).toBe(false)
    expect(open().closed()).toBe(true)
    open().setClosed(false)
    expect(open().closed()).toBe(false)
  })

  it('counts today, and keeps the visitors waiting for staff until acknowledged', async () => {
    const { open, clock } = await setup()
    const desk = open()
    desk.sentToStaff()
    desk.sentToStaff()
    expect(open().counts()).toEqual({ sentToStaffToday: 2, unacknowledged: 2 })
    await clock.advance(24 * 3_600_000)
    expect(desk.counts()).toEqual({ sentToStaffToday: 0, unacknowledged: 2 })
    expect(desk.acknowledge()).toBe(2)
    expect(desk.acknowledge()).toBe(0)
    expect(open().counts()).toEqual({ sentToStaffToday: 0, unacknowledged: 0 })
  })

  it('reads a damaged file as open with no counts, and writes a good one again', async () => {
    const { open, file, clock } = await setup()
    writeFileSync(file, '{"closed": tru')
    const desk = open()
    expect(desk.closed()).toBe(false)
    desk.setClosed(true)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      closed: true,
      day: localDay(clock.now()),
      sentToStaff: 0,
      unacknowledged: 0
    })
  })
})
