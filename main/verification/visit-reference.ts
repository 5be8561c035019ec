/**
 * A visit's short reference: six characters the person reads out to staff (or shows them) and staff
 * type to find the visit in the queue. The alphabet leaves out what is easily confused when read,
 * said or handwritten: 0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, G, U/V. 20^6 is 64 million references;
 * one kiosk holds a few thousand visits, and a new reference is never one a kept job already has.
 */
import { randomInt } from 'node:crypto'

export const VISIT_REFERENCE_ALPHABET = 'ACEFHJKMNPRTWXY34679'
export const VISIT_REFERENCE_LENGTH = 6

export function newVisitReference(taken: (reference: string) => boolean = () => false): string {
  for (;;) {
    let reference = ''
    for (let i = 0; i < VISIT_REFERENCE_LENGTH; i++)
      reference += VISIT_REFERENCE_ALPHABET[randomInt(VISIT_REFERENCE_ALPHABET.length)]
    if (!taken(reference)) return reference
  }
}
