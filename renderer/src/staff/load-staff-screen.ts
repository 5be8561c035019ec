/**
 * The staff screen's code loads when staff mode is about to open, not with the kiosk: its tabs, and the
 * contract's schemas the settings tab reads its ranges from (zod, ~30 KB gzip), are of no use to a
 * visitor. The PIN pad starts the load, so it is there by the time the PIN is checked.
 */
export const loadStaffScreen = () => import('./StaffScreen').then((module) => ({ default: module.StaffScreen }))
