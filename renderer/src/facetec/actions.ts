/**
 * What the kiosk should do after a FaceTec problem, so every table speaks the same three words:
 * - `retry`: the person in front of the kiosk can simply try again;
 * - `call-staff`: this person needs help now (camera blocked, too many attempts, ...);
 * - `out-of-service`: no one can be served until an operator fixes the kiosk (keys, SDK folder, ...).
 */
export type FaceTecAction = 'retry' | 'call-staff' | 'out-of-service'
