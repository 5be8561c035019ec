import { createContext, useContext } from 'react'
import type { StaffController } from './staff-controller'

export const StaffContext = createContext<StaffController | null>(null)

/** The staff controller, for the PIN pad and the staff tabs to call. */
export function useStaff(): StaffController {
  const staff = useContext(StaffContext)
  if (!staff) throw new Error('useStaff needs a StaffContext provider')
  return staff
}
