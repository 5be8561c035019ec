// Renderer code imported Electron or a main-process-only package. The renderer is a sandboxed web page:
// reach main through `window.kiosk` (preload/api.ts) instead. tsconfig.web.json maps those imports here.
const rendererMustNotImportThis: 'Electron and Node modules belong to main; use window.kiosk' =
  'imported from the renderer'
export {}
