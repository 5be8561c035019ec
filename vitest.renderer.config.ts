import { join } from 'node:path'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { facetecSimulatedSdk } from './electron.vite.config.js'

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const fakeWebcam = join(import.meta.dirname, 'test', 'fixtures', 'webcam-face-moving.mjpeg')

// Renderer tests come in two projects. `browser` runs in real Chromium (Debian's; never downloaded),
// with a fixture file as the webcam: the FaceTec adapter, the simulated SDK and the screens need real
// getUserMedia, canvas, JPEG and DOM. `logic` runs the controllers (journey, staff mode, idle timer) in
// plain Node: they take every dependency (main's API, the FaceTec adapter, stores, clock) as an argument,
// touch no DOM, and so are tested without a browser to start, faster and unaffected by its scheduling.
export default defineConfig({
  // The simulated FaceTec SDK at the same path main serves the SDK folder under, built as the same
  // classic script `npm run build` emits, so the adapter loads it exactly as in the app.
  plugins: [facetecSimulatedSdk({ serveAt: '/facetec-sdk/' })],
  // Tests check the renderer's reports against the bridge contract (zod), and render React with
  // zustand stores: optimized up front, so the dev server does not discover them mid-run and reload a test.
  optimizeDeps: { include: ['zod', 'react', 'react/jsx-dev-runtime', 'react-dom/client', 'zustand'] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/renderer/**/*.browser.test.{ts,tsx}'],
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                executablePath: chromiumPath,
                args: [
                  '--no-sandbox',
                  '--disable-gpu',
                  '--disable-dev-shm-usage',
                  '--disable-background-networking',
                  '--disable-component-update',
                  '--disable-sync',
                  '--disable-quic',
                  '--no-first-run',
                  '--use-fake-ui-for-media-stream',
                  '--use-fake-device-for-media-stream',
                  `--use-file-for-fake-video-capture=${fakeWebcam}`
                ]
              }
            }),
            instances: [{ browser: 'chromium' }]
          }
        }
      },
      {
        test: {
          name: 'logic',
          include: ['test/renderer/**/*.test.ts'],
          exclude: ['test/renderer/**/*.browser.test.*'],
          environment: 'node'
        }
      }
    ]
  }
})
