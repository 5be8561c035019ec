import { describe, expect, it, vi } from 'vitest'
import { keepDisplayAwake, type PowerSaveBlockerLike } from '../../../main/shell/power'

/** Behaves like Electron's powerSaveBlocker: ids, started until stopped. */
function fakeBlocker() {
  const started = new Set<number>()
  let nextId = 40
  return {
    started,
    start: vi.fn((_type: 'prevent-app-suspension' | 'prevent-display-sleep') => {
      const id = nextId++
      started.add(id)
      return id
    }),
    stop: vi.fn((id: number) => started.delete(id)),
    isStarted: vi.fn((id: number) => started.has(id))
  } satisfies PowerSaveBlockerLike & { started: Set<number> }
}

describe('the power-save blocker', () => {
  it('keeps the display awake until the returned function is called', () => {
    const blocker = fakeBlocker()
    const letSleep = keepDisplayAwake(blocker)
    expect(blocker.start).toHaveBeenCalledWith('prevent-display-sleep')
    expect(blocker.started.size).toBe(1)
    letSleep()
    expect(blocker.stop).toHaveBeenCalledWith(40)
    expect(blocker.started.size).toBe(0)
  })

  it('stops only its own blocker, and only once', () => {
    const blocker = fakeBlocker()
    const other = blocker.start('prevent-app-suspension')
    const letSleep = keepDisplayAwake(blocker)
    letSleep()
    letSleep()
    expect(blocker.stop).toHaveBeenCalledTimes(1)
    expect([...blocker.started]).toEqual([other])
  })
})
