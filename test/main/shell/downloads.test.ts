/**
 * No download ever starts: every `will-download` of the session is prevented and cancelled, whatever
 * started it, and the log names only the origin it came from.
 */
import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { refuseDownloads } from '../../../main/shell/downloads'
import { createLogger } from '../../../main/log/logger'
import { memorySink } from '../../support/log'

function session() {
  const emitter = new EventEmitter()
  const sink = memorySink()
  refuseDownloads(emitter, createLogger({ sink }))
  const download = (url: string) => {
    const event = { preventDefault: vi.fn() }
    const item = { getURL: () => url, cancel: vi.fn() }
    emitter.emit('will-download', event, item)
    return { prevented: event.preventDefault.mock.calls.length, cancelled: item.cancel.mock.calls.length }
  }
  return { download, records: sink.records }
}

describe('downloads', () => {
  it.each([
    ['a binary file on the app origin', 'assure-kiosk://app/facetec-sdk/core-sdk/FaceTecSDK.js/resources/a.data'],
    ['a blob URL', 'blob:assure-kiosk://app/0f7b2f4e-5a3c-4c59-9d2a-3f1e6c1b2a7d'],
    ['a data URL', 'data:application/octet-stream;base64,AAAA'],
    ['an outside URL', 'https://evil.example/payload.exe?visitor=ola.nordmann']
  ])('are prevented and cancelled: %s', (_label, url) => {
    const { download, records } = session()
    expect(download(url)).toEqual({ prevented: 1, cancelled: 1 })
    expect(records).toContainEqual(expect.objectContaining({ level: 'warn', message: 'blocked a download' }))
    // The origin only: paths and queries may carry personal data.
    expect(JSON.stringify(records)).not.toMatch(/ola\.nordmann|payload|AAAA/)
  })
})
