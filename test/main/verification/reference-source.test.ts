/**
 * A staff photo serves one visit: chosen (not in force), confirmed for the next visitor, taken by the
 * first visit that asks and by its retries only, and gone once that visit's capture is handed over,
 * when another visit asks, or when its time runs out.
 */
import { describe, expect, it } from 'vitest'
import type { ImageBytes } from '../../../main/lib/images'
import {
  createReferenceSource,
  STAFF_PHOTO_HOLD_MS,
  type ReferenceClearedBecause
} from '../../../main/verification/reference-source'
import { ManualClock } from '../../support/manual-clock'

const photo = (marker: number): ImageBytes => ({ bytes: new Uint8Array([0xff, 0xd8, marker]), mimeType: 'image/jpeg' })
const DEMO = photo(1)
const STAFF = photo(2)

function setup(demo = true) {
  const clock = new ManualClock()
  const ended: ReferenceClearedBecause[] = []
  const source = createReferenceSource({
    ...(demo ? { demo: async () => DEMO } : {}),
    clock,
    onCleared: (because) => ended.push(because)
  })
  return { clock, source, ended }
}

describe('the staff photo at a staffed desk', () => {
  it('is not used until staff confirm it', async () => {
    const { source } = setup()
    source.choose(STAFF)
    expect(source.staffPhoto()).toMatchObject({ state: 'chosen', until: null })
    expect(await source.current('AAAAAA')).toEqual({ image: DEMO, source: 'demo' })
    expect(source.describe().source).toBe('demo')
  })

  it('serves the next visit and its retries, and never the visit after', async () => {
    const { source, ended } = setup()
    source.choose(STAFF)
    expect(source.confirm()).toBe(true)
    expect(source.staffPhoto()?.state).toBe('ready')
    expect(await source.current('HJK479')).toEqual({ image: STAFF, source: 'staff-file' })
    expect(source.staffPhoto()?.state).toBe('in-use')
    // A failed face check prepares again for the same visit: same photo.
    expect((await source.current('HJK479'))?.source).toBe('staff-file')
    // Visitor B is never compared with visitor A's photo.
    expect(await source.current('MNP346')).toEqual({ image: DEMO, source: 'demo' })
    expect(source.staffPhoto()).toBeNull()
    expect(ended).toEqual(['other-visit'])
  })

  it('clears itself once its visit has handed over a capture', async () => {
    const { source, ended } = setup(false)
    source.choose(STAFF)
    source.confirm()
    await source.current('HJK479')
    source.jobChanged({ visitReference: 'HJK479', phase: 'ready' })
    expect(source.staffPhoto()?.state).toBe('in-use')
    source.jobChanged({ visitReference: 'MNP346', phase: 'submitted' })
    expect(source.staffPhoto()?.state).toBe('in-use')
    source.jobChanged({ visitReference: 'HJK479', phase: 'submitted' })
    expect(source.staffPhoto()).toBeNull()
    expect(source.describe()).toEqual({ source: 'none', bytes: 0 })
    expect(await source.current('HJK479')).toBeNull()
    expect(ended).toEqual(['used'])
  })

  it('clears itself when nobody used it in time', async () => {
    const { source, clock, ended } = setup()
    source.choose(STAFF)
    source.confirm()
    expect(source.staffPhoto()?.until).toBe(clock.now() + STAFF_PHOTO_HOLD_MS)
    await clock.advance(STAFF_PHOTO_HOLD_MS - 1)
    expect(source.describe().source).toBe('staff-file')
    await clock.advance(1)
    expect(source.describe().source).toBe('demo')
    expect((await source.current('HJK479'))?.source).toBe('demo')
    expect(ended).toEqual(['expired'])
  })

  it('is gone at once when staff clear it (their own action is audited by staff mode)', async () => {
    const { source, ended } = setup()
    source.choose(STAFF)
    source.confirm()
    source.clear()
    expect(source.staffPhoto()).toBeNull()
    expect(source.confirm()).toBe(false)
    expect(ended).toEqual([])
  })
})
