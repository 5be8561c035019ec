import { createContext, useContext } from 'react'
import type { Journey } from './journey'

export const JourneyContext = createContext<Journey | null>(null)

/** The journey controller, for screens to call. */
export function useJourney(): Journey {
  const journey = useContext(JourneyContext)
  if (!journey) throw new Error('useJourney needs a JourneyContext provider')
  return journey
}
