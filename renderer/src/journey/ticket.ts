/**
 * A verification ticket names the earlier ID check whose photo is the reference: its dossier id and
 * process id (UUIDs). People type it or scan it (a QR scanner types it), so any separator is accepted,
 * and an optional image type may follow: "<dossier> <process> [portrait|front|selfie]".
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
