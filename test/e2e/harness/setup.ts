/**
 * Set-up of every end-to-end test file: its kiosks share one Chromium per webcam configuration (a fresh
 * context each), closed when the file is done. Launching a browser per test cost seconds each on a busy
 * machine and tested nothing.
 */
import { afterAll } from 'vitest'
import { browserPool } from './chromium'
import { useBrowsersByDefault } from './kiosk-harness'

const pool = browserPool()
useBrowsersByDefault(pool)
afterAll(() => pool.closeAll())
