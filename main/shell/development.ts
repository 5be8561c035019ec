/**
 * What a run from source may change through the environment, for a developer and for the real-Electron
 * smoke suite (`npm run test:electron`): its own userData folder, and a fake camera playing a file.
 * An installed kiosk ignores these variables, and refuses to start when its command line carries
 * Chromium's fake-camera switches: a liveness check fed from a file is an attack, not a test.
 */
import { isAbsolute } from 'node:path'
import type { App, CommandLine } from 'electron'

/** Chromium's switches that replace the camera (or its permission prompt) with something else. */
export const FAKE_MEDIA_SWITCHES = [
  'use-fake-device-for-media-stream',
  'use-file-for-fake-video-capture',
  'use-fake-ui-for-media-stream'
] as const

export interface DevelopmentOptions {
  /** `ASSURE_KIOSK_USER_DATA`: an absolute folder instead of the usual userData (a separate kiosk). */
  userData: string | null
  /** `ASSURE_KIOSK_FAKE_CAMERA`: an absolute .mjpeg/.y4m path played as the webcam, or `test-pattern`. */
  fakeCamera: string | null
  /** What was set but not used, and why, for the log. */
  ignored: string[]
}

export function developmentOptions(
  env: Readonly<Record<string, string | undefined>>,
  isPackaged: boolean
): DevelopmentOptions {
  const options: DevelopmentOptions = { userData: null, fakeCamera: null, ignored: [] }
  const userData = env.ASSURE_KIOSK_USER_DATA
  const fakeCamera = env.ASSURE_KIOSK_FAKE_CAMERA
  if (isPackaged) {
    for (const [name, value] of [
      ['ASSURE_KIOSK_USER_DATA', userData],
      ['ASSURE_KIOSK_FAKE_CAMERA', fakeCamera]
    ] as const)
      if (value) options.ignored.push(`${name} (an installed kiosk ignores it)`)
    return options
  }
  if (userData) {
    if (isAbsolute(userData)) options.userData = userData
    else options.ignored.push('ASSURE_KIOSK_USER_DATA (not an absolute path)')
  }
  if (fakeCamera) {
    if (fakeCamera === 'test-pattern' || (isAbsolute(fakeCamera) && /\.(mjpeg|y4m)$/i.test(fakeCamera)))
      options.fakeCamera = fakeCamera
    else options.ignored.push('ASSURE_KIOSK_FAKE_CAMERA (an absolute .mjpeg or .y4m path, or test-pattern)')
  }
  return options
}

/** Must run before `ready` (switches) and before the single-instance lock (which lives in userData). */
export function applyDevelopmentOptions(
  app: Pick<App, 'setPath'> & { commandLine: Pick<CommandLine, 'appendSwitch'> },
  options: DevelopmentOptions
): void {
  if (options.userData) app.setPath('userData', options.userData)
  if (options.fakeCamera) {
    app.commandLine.appendSwitch('use-fake-device-for-media-stream')
    if (options.fakeCamera !== 'test-pattern')
      app.commandLine.appendSwitch('use-file-for-fake-video-capture', options.fakeCamera)
  }
}

/** The fake-media switches on this command line (an installed kiosk must have none). */
export function fakeMediaSwitchesIn(commandLine: Pick<CommandLine, 'hasSwitch'>): string[] {
  return FAKE_MEDIA_SWITCHES.filter((name) => commandLine.hasSwitch(name))
}

/** A start the kiosk refuses, with the reason for whoever stands at it. */
export class StartRefused extends Error {
  override readonly name = 'StartRefused'
}
