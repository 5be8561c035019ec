/**
 * For `vi.waitFor`: wait for what will happen (main's start-up logged, a request seen) until it has,
 * giving up only on a hang. vi.waitFor's own default of one second made tests fail on a saturated
 * machine (.ci/under-load), where a start-up that takes 100 ms when quiet took more than a second.
 */
export const UNTIL_DONE = { timeout: 15_000, interval: 10 } as const
