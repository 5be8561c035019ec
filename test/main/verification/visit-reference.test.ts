import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  newVisitReference,
  VISIT_REFERENCE_ALPHABET,
  VISIT_REFERENCE_LENGTH
} from '../../../main/verification/visit-reference'
import { VisitReference } from '../../../preload/api'

describe('visit references', () => {
  it('use no character that reads like another', () => {
    for (const lookAlike of '0OQD1IL2Z5S8BGUV') expect(VISIT_REFERENCE_ALPHABET).not.toContain(lookAlike)
    expect(new Set(VISIT_REFERENCE_ALPHABET).size).toBe(VISIT_REFERENCE_ALPHABET.length)
  })

  it('are six characters of that alphabet, as the contract accepts them', () => {
    for (let i = 0; i < 200; i++) {
      const reference = newVisitReference()
      expect(reference).toHaveLength(VISIT_REFERENCE_LENGTH)
      expect(VisitReference.safeParse(reference).success).toBe(true)
    }
  })

  it('never repeat one that is taken', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...VISIT_REFERENCE_ALPHABET), { minLength: 15, maxLength: 19 }),
        (allowed) => {
          // Every reference made of the excluded characters counts as taken: what comes out avoids them.
          const taken = (reference: string): boolean => [...reference].some((char) => !allowed.includes(char))
          const reference = newVisitReference(taken)
          expect(taken(reference)).toBe(false)
        }
      ),
      { numRuns: 30 }
    )
  })
})
