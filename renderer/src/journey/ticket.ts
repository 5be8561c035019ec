/**
 * A verification ticket names the earlier ID check whose photo is the reference: its dossier id and
 * process id (UUIDs). The code on the visitor's paper, as text and as a QR code, is
 *
 *     <dossierId> <processId> [portrait|front|selfie]
 *
 * e.g. `5f0c3b0e-8d1e-4c1a-9a57-2f0d6a4c9e11 0d9a7c52-3b6f-4f0e-8d21-7c4e9a1b2f30 portrait`; the image
 * type defaults to the portrait the ID check read. Parsing is lenient, since people type it and
 * scanners and phones deliver it in their own ways: any separator, any case, the ids anywhere in the
 * text (so a link that carries them as parameters works too).
 */
import type { ReferenceInput } from '../../../preload/api'

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi

export function parseTicket(text: string): ReferenceInput | null {
  const ids = text.match(UUID)
  if (!ids || ids.length !== 2) return null
  const [dossierId, processId] = ids.map((id) => id.toLowerCase()) as [string, string]
  const type = /\b(portrait|front|selfie)\b/i.exec(text)?.[1]?.toLowerCase() as
    'portrait' | 'front' | 'selfie' | undefined
  return { kind: 'linked-process', dossierId, processId, imageType: type ?? 'portrait' }
}

/** The ticket's text for given ids, as a ticket printer or the QR code writes it. */
export function formatTicket(reference: { dossierId: string; processId: string; imageType?: string }): string {
  return [reference.dossierId, reference.processId, reference.imageType].filter(Boolean).join(' ')
}

/** Hex digits per id, and where each id's dashes go (8-4-4-4-12). */
const ID_DIGITS = 32
const DASHES_AFTER = [8, 12, 16, 20]

/**
 * What the on-screen keypad shows after each key: only the code's 64 hex digits are typed, and the
 * dashes and the space between the two ids appear by themselves, so nobody has to find them.
 */
export function keypadText(digits: string): string {
  const clean = digits
    .toLowerCase()
    .replace(/[^0-9a-f]/g, '')
    .slice(0, ID_DIGITS * 2)
  const id = (part: string): string =>
    [...part].map((digit, index) => (DASHES_AFTER.includes(index) ? `-${digit}` : digit)).join('')
  const first = id(clean.slice(0, ID_DIGITS))
  const second = id(clean.slice(ID_DIGITS))
  return second ? `${first} ${second}` : first
}

/** The hex digits of what is in the field (the keypad edits these, whatever was scanned or typed). */
export function ticketDigits(text: string): string {
  return text.toLowerCase().replace(/[^0-9a-f]/g, '')
}
