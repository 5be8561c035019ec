/**
 * The signal that a visitor was sent to staff: main is told why each time (so staff mode counts who is
 * waiting), and the staff chime plays once per visitor sent, only when the kiosk's config asks for it.
 * The journey store is driven as the journey controller drives it (screen and reason in one change).
 */
import { describe, expect, it } from 'vitest'
import type { SentToStaffReason } from '../../../preload/api'
import { createSentToStaffSignal } from '../../../renderer/src/journey/sent-to-staff'
import { createJourneyStore, INITIAL_JOURNEY, type JourneyState } from '../../../renderer/src/stores/journey-store'

function setup(chimeOn: boolean) {
  const store = createJourneyStore()
  const reports: SentToStaffReason[] = []
  let chimes = 0
  const setting = { on: chimeOn }
  const disconnect = createSentToStaffSignal({
    store,
    report: (reason) => reports.push(reason),
    chime: () => chimes++,
    chimeEnabled: () => setting.on
  }).connect()
  const show = (change: Partial<JourneyState>) => store.setState(change)
  /** A new visitor, as the journey's reset leaves the store. */
  const nextVisitor = () => store.setState({ ...INITIAL_JOURNEY, visit: store.getState().visit + 1 })
  return { store, reports, chimes: () => chimes, setting, show, nextVisitor, disconnect }
}

describe('a visitor sent to staff', () => {
  it('chimes once per visitor sent, for each way of being sent, when the config turns it on', () => {
    const k = setup(true)
    k.show({ screen: 'consent' })
    k.show({ screen: 'retry', attempts: 1 })
    expect(k.chimes()).toBe(0)
    k.show({ screen: 'call-staff', attempts: 3, callStaff: { kind: 'retry-limit', attempts: 3 } })
    expect(k.chimes()).toBe(1)
    // The idle countdown, a language change: the same visitor on the same screen, no second chime.
    k.show({ attempts: 3 })
    k.show({ retryMessage: null })
    expect(k.chimes()).toBe(1)

    k.nextVisitor()
    k.show({ screen: 'reference' })
    k.show({ screen: 'call-staff', callStaff: { kind: 'failure', reason: 'reference-unavailable' } })
    k.nextVisitor()
    k.show({ screen: 'processing' })
    k.show({ screen: 'queued', queuedBecause: 'offline' })
    k.nextVisitor()
    k.show({ screen: 'result', result: 'accepted' })
    expect(k.chimes()).toBe(3)
    expect(k.reports).toEqual(['retry-limit', 'ticket', 'queued'])
  })

  it('never chimes when the config leaves it off, and staff are still told', () => {
    const k = setup(false)
    k.show({ screen: 'call-staff', callStaff: { kind: 'retry-limit', attempts: 3 } })
    k.nextVisitor()
    k.show({ screen: 'queued' })
    k.nextVisitor()
    k.show({ screen: 'call-staff', callStaff: { kind: 'facetec', messageKey: 'facetec.init.failed' } })
    expect(k.chimes()).toBe(0)
    expect(k.reports).toEqual(['retry-limit', 'queued', 'facetec'])
  })

  it('follows the setting as it is when the visitor is sent, and stops when disconnected', () => {
    const k = setup(false)
    k.show({ screen: 'queued' })
    k.setting.on = true
    k.nextVisitor()
    k.show({ screen: 'queued' })
    expect(k.chimes()).toBe(1)
    k.disconnect()
    k.nextVisitor()
    k.show({ screen: 'queued' })
    expect(k.chimes()).toBe(1)
    expect(k.reports).toEqual(['queued', 'queued'])
  })

  it('chimes even when telling main fails', () => {
    const store = createJourneyStore()
    let chimes = 0
    createSentToStaffSignal({
      store,
      report: () => {
        throw new Error('the bridge broke')
      },
      chime: () => chimes++,
      chimeEnabled: () => true
    }).connect()
    store.setState({ screen: 'call-staff', callStaff: { kind: 'retry-limit', attempts: 2 } })
    expect(chimes).toBe(1)
  })
})
