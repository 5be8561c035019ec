/// <reference types="vite/client" />
import type { KioskApi } from '../../preload/api'

declare global {
  interface Window {
    /** The bridge to main, exposed by the preload (preload/index.ts). */
    readonly kiosk: KioskApi
  }
}
