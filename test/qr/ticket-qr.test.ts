/**
 * The ticket's QR code, end to end in Node: the documented payload encoded as a QR code, decoded by
 * jsQR (the decoder the kiosk runs on camera frames; here proving it runs on Node 20 too) and parsed
 * by the kiosk's ticket parser into the ids of the earlier ID check.
 */
import jsQR from 'jsqr'
import { describe, expect, it } from 'vitest'
import { formatTicket, keypadText, parseTicket, ticketDigits } from '../../renderer/src/journey/ticket'
import { qrRaster } from '../support/qr'

const dossierId = '5f0c3b0e-8d1e-4c1a-9a57-2f0d6a4c9e11'
const processId = '0d9a7c52-3b6f-4f0e-8d21-7c4e9a1b2f30'

describe('the ticket QR code', () => {
  it('decodes to the ids of the earlier check, as the kiosk camera would read it', () => {
    const text = formatTicket({ dossierId, processId, imageType: 'front' })
    expect(text).toBe(`${dossierId} ${processId} front`)
    const { data, width, height } = qrRaster(text, { scale: 5 })
    const read = jsQR(data, width, height)
    expect(read?.data).toBe(text)
    expect(parseTicket(read?.data ?? '')).toEqual({ kind: 'linked-process', dossierId, processId, imageType: 'front' })
  })

  it('is found in a larger camera frame, off centre', () => {
    const text = formatTicket({ dossierId, processId })
    const { data, width, height } = qrRaster(text, { scale: 3, width: 640, height: 480 })
    expect(jsQR(data, width, height)?.data).toBe(text)
  })

  it('is also read from a link that carries the ids', () => {
    expect(parseTicket(`https://bank.example/id?dossier=${dossierId.toUpperCase()}&process=${processId}`)).toEqual({
      kind: 'linked-process',
      dossierId,
      processId,
      imageType: 'portrait'
    })
  })
})

describe('the on-screen keypad', () => {
  it('needs only the hex digits: the dashes and the space appear by themselves', () => {
    const digits = ticketDigits(`${dossierId}${processId}`)
    expect(digits).toHaveLength(64)
    expect(keypadText(digits.slice(0, 9))).toBe('5f0c3b0e-8')
    expect(keypadText(digits.slice(0, 33))).toBe(`${dossierId} 0`)
    const typed = keypadText(digits)
    expect(typed).toBe(`${dossierId} ${processId}`)
    expect(parseTicket(typed)).toMatchObject({ dossierId, processId })
    // Nothing past the two ids, and no other characters.
    expect(keypadText(`${digits}abc`)).toBe(typed)
    expect(keypadText('zz-12 g3')).toBe('123')
  })
})
