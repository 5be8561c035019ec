/**
 * The enum objects on the global. The ones the reference lists come from the adapter's own types
 * (real TypeScript enums, so numeric ones carry the reverse mapping like the SDK's). For holders whose
 * members the reference does not know, the simulator offers only what it does know, rather than
 * inventing values an integration could come to depend on.
 */
import type { FaceTecOpaqueEnum } from '../src/facetec/sdk-types'

/** Only the two 9.7 members the reference names (§1.3). */
export const FaceTecIDScanStatus: FaceTecOpaqueEnum = Object.freeze({
  UnknownInternalError: 9,
  LockedOut: 10,
  9: 'UnknownInternalError',
  10: 'LockedOut'
})
export const FaceTecIDScanNextStep: FaceTecOpaqueEnum = Object.freeze({})
export const FaceTecAuditTrailType: FaceTecOpaqueEnum = Object.freeze({})
export const FaceTecRetryScreen: FaceTecOpaqueEnum = Object.freeze({})
export const FaceTecExitAnimationStyle: FaceTecOpaqueEnum = Object.freeze({})
