import type { BrowserWindowConstructorOptions } from 'electron'

export interface KioskWindowSettings {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  preloadPath: string
  /** Kiosk mode: fullscreen, no window chrome, harder to leave. */
  kiosk: boolean
  /** DevTools can be opened (development builds only). */
  devTools: boolean
  width?: number
  height?: number
}

/**
 * The renderer is a sandboxed web page with context isolation and no Node: it reaches main only
 * through the preload's `window.kiosk`.
 */
export function kioskWindowOptions(settings: KioskWindowSettings): BrowserWindowConstructorOptions {
  return {
    width: settings.width ?? 1080,
    height: settings.height ?? 1920,
    kiosk: settings.kiosk,
    fullscreen: settings.kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#0b1f33',
    // Shown once the first frame is painted, so the kiosk never flashes a white window.
    show: false,
    title: 'Assure Kiosk',
    webPreferences: {
      preload: settings.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: settings.devTools,
      // The liveness capture must not be throttled when the OS thinks the window is hidden.
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required'
    }
  }
}
