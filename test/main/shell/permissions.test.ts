/**
 * The permission policy: the camera for the app's own top-level page, nothing else for anyone. Run
 * through the handlers exactly as Electron calls them (request, check, device), on a stand-in session.
 */
import type { Session } from 'electron'
import { describe, expect, it } from 'vitest'
import { appOriginOf } from '../../../main/ipc/sender-policy'
import { APP_ENTRY_URL } from '../../../main/shell/app-scheme'
import { installPermissionPolicy, isPermissionAllowed, type PermissionSession } from '../../../main/shell/permissions'
import { createLogger } from '../../../main/log/logger'
import { memorySink } from '../../support/log'

const appOrigin = appOriginOf(APP_ENTRY_URL)

type ElectronPermission = Parameters<NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>>[1]

/**
 * Every permission Electron 45 can ask about. A Record, so the compiler fails this file when an
 * Electron upgrade adds one: a new permission is then reviewed, not silently denied or granted.
 */
const EVERY_PERMISSION: Record<ElectronPermission, true> = {
  ar: true,
  'automatic-fullscreen': true,
  'background-fetch': true,
  'background-sync': true,
  'captured-surface-control': true,
  'clipboard-read': true,
  'clipboard-sanitized-write': true,
  'deprecated-sync-clipboard-read': true,
  'display-capture': true,
  fileSystem: true,
  fullscreen: true,
  geolocation: true,
  'geolocation-approximate': true,
  'hand-tracking': true,
  hid: true,
  'idle-detection': true,
  keyboardLock: true,
  'local-fonts': true,
  'local-network': true,
  'local-network-access': true,
  'loopback-network': true,
  media: true,
  mediaKeySystem: true,
  midi: true,
  midiSysex: true,
  nfc: true,
  notifications: true,
  openExternal: true,
  'payment-handler': true,
  'periodic-background-sync': true,
  'persistent-storage': true,
  pointerLock: true,
  'screen-wake-lock': true,
  sensors: true,
  serial: true,
  'smart-card': true,
  'speaker-selection': true,
  'storage-access': true,
  'system-wake-lock': true,
  'top-level-storage-access': true,
  usb: true,
  vr: true,
  'web-app-installation': true,
  'web-printing': true,
  'window-management': true,
  unknown: true
}
const everyPermissionButMedia = Object.keys(EVERY_PERMISSION).filter((name) => name !== 'media')

type RequestHandler = Parameters<PermissionSession['setPermissionRequestHandler']>[0]
type CheckHandler = Parameters<PermissionSession['setPermissionCheckHandler']>[0]
type RequestDetails = Parameters<RequestHandler>[3]
type CheckDetails = Parameters<CheckHandler>[3]

/** A session stand-in that keeps the handlers, and asks them the way Electron does. */
function policySession() {
  const handlers: { request?: RequestHandler; check?: CheckHandler; device?: (details: unknown) => boolean } = {}
  const session: PermissionSession = {
    setPermissionRequestHandler: (handler) => (handlers.request = handler),
    setPermissionCheckHandler: (handler) => (handlers.check = handler),
    setDevicePermissionHandler: (handler) => (handlers.device = handler)
  }
  const sink = memorySink()
  installPermissionPolicy(session, appOrigin, createLogger({ sink }))
  const request = (permission: string, details: RequestDetails): boolean => {
    let answer: boolean | undefined
    handlers.request?.({}, permission, (granted) => (answer = granted), details)
    if (answer === undefined) throw new Error('the request handler never answered')
    return answer
  }
  const check = (permission: string, requestingOrigin: string, details: CheckDetails): boolean => {
    if (!handlers.check) throw new Error('no check handler')
    return handlers.check(null, permission, requestingOrigin, details)
  }
  return { handlers, request, check, records: sink.records }
}

/** What Electron sends for getUserMedia from the kiosk's own top-level page. */
const fromApp: RequestDetails = {
  requestingUrl: APP_ENTRY_URL,
  isMainFrame: true,
  securityOrigin: 'assure-kiosk://app/'
}

describe('permission requests', () => {
  it('grants the camera to the app’s own top-level page: the only yes', () => {
    expect(policySession().request('media', { ...fromApp, mediaTypes: ['video'] })).toBe(true)
  })

  it.each(everyPermissionButMedia)('denies %s, even to the app’s own page', (permission) => {
    expect(policySession().request(permission, fromApp)).toBe(false)
  })

  const mediaCases: Array<[string, RequestDetails]> = [
    ['the microphone', { ...fromApp, mediaTypes: ['audio'] }],
    ['camera and microphone together', { ...fromApp, mediaTypes: ['audio', 'video'] }],
    ['microphone listed after the camera', { ...fromApp, mediaTypes: ['video', 'audio'] }],
    ['media with an empty list (not a camera or microphone request)', { ...fromApp, mediaTypes: [] }],
    ['media without any list', fromApp],
    ['video from a sub-frame on the app origin', { ...fromApp, mediaTypes: ['video'], isMainFrame: false }],
    [
      'video from another origin',
      {
        requestingUrl: 'https://evil.example/cam',
        isMainFrame: true,
        securityOrigin: 'https://evil.example/',
        mediaTypes: ['video']
      }
    ],
    [
      'video from a look-alike host',
      { requestingUrl: 'assure-kiosk://app.evil/index.html', isMainFrame: true, mediaTypes: ['video'] }
    ],
    [
      'video from a user-info trick',
      { requestingUrl: 'assure-kiosk://app@evil/index.html', isMainFrame: true, mediaTypes: ['video'] }
    ],
    ['video from file://', { requestingUrl: 'file:///tmp/index.html', isMainFrame: true, mediaTypes: ['video'] }],
    ['video from about:blank', { requestingUrl: 'about:blank', isMainFrame: true, mediaTypes: ['video'] }],
    ['video from a data: page', { requestingUrl: 'data:text/html,x', isMainFrame: true, mediaTypes: ['video'] }],
    ['video with no requesting URL', { isMainFrame: true, mediaTypes: ['video'] }],
    [
      'video whose security origin is elsewhere',
      { ...fromApp, securityOrigin: 'https://evil.example/', mediaTypes: ['video'] }
    ]
  ]

  it.each(mediaCases)('denies %s', (_name, details) => {
    expect(policySession().request('media', details)).toBe(false)
  })

  it('logs denied requests without the page’s path', () => {
    const policy = policySession()
    policy.request('geolocation', { requestingUrl: 'https://evil.example/where?name=Kari', isMainFrame: false })
    policy.request('media', { ...fromApp, mediaTypes: ['video'] })
    expect(policy.records.map((record) => [record.message, record.fields])).toEqual([
      ['denied a permission request', { permission: 'geolocation', mainFrame: false, from: 'https://evil.example' }]
    ])
  })
})

describe('permission checks', () => {
  const appCheck: CheckDetails = {
    requestingUrl: APP_ENTRY_URL,
    isMainFrame: true,
    securityOrigin: 'assure-kiosk://app/',
    embeddingOrigin: 'assure-kiosk://app/'
  }

  it('says yes to the camera for the app’s own top-level page (getUserMedia, permissions.query)', () => {
    const policy = policySession()
    expect(policy.check('media', 'assure-kiosk://app/', { ...appCheck, mediaType: 'video' })).toBe(true)
    // permissions.query({ name: 'camera' }) arrives without a security origin.
    expect(
      policy.check('media', 'assure-kiosk://app/', {
        requestingUrl: APP_ENTRY_URL,
        isMainFrame: true,
        mediaType: 'video'
      })
    ).toBe(true)
  })

  it.each(everyPermissionButMedia)('says no to %s', (permission) => {
    expect(policySession().check(permission, 'assure-kiosk://app/', appCheck)).toBe(false)
  })

  const checkCases: Array<[string, string, CheckDetails]> = [
    ['the microphone', 'assure-kiosk://app/', { ...appCheck, mediaType: 'audio' }],
    ['an unknown media type', 'assure-kiosk://app/', { ...appCheck, mediaType: 'unknown' }],
    ['media with no type', 'assure-kiosk://app/', appCheck],
    ['the camera for a sub-frame', 'assure-kiosk://app/', { ...appCheck, isMainFrame: false, mediaType: 'video' }],
    ['the camera for a worker (no frame, no URL)', 'assure-kiosk://app/', { isMainFrame: false, mediaType: 'video' }],
    [
      'the camera for another origin',
      'https://evil.example/',
      { requestingUrl: 'https://evil.example/', isMainFrame: true, mediaType: 'video' }
    ],
    [
      'the camera when the requesting origin is elsewhere',
      'https://evil.example/',
      { ...appCheck, mediaType: 'video' }
    ],
    [
      'the camera when embedded by another origin',
      'assure-kiosk://app/',
      { ...appCheck, embeddingOrigin: 'https://evil.example/', mediaType: 'video' }
    ]
  ]

  it.each(checkCases)('says no to %s', (_name, requestingOrigin, details) => {
    expect(policySession().check('media', requestingOrigin, details)).toBe(false)
  })
})

describe('device permissions', () => {
  it('refuses USB, HID, serial and Bluetooth devices outright', () => {
    const { handlers } = policySession()
    for (const deviceType of ['usb', 'hid', 'serial', 'bluetooth']) {
      expect(handlers.device?.({ deviceType, origin: 'assure-kiosk://app', device: {} })).toBe(false)
    }
  })
})

describe('the rule on its own', () => {
  it('needs every condition: media, video only, main frame, app URL, no foreign origin', () => {
    const yes = { permission: 'media', url: APP_ENTRY_URL, mediaTypes: ['video'], isMainFrame: true }
    expect(isPermissionAllowed(yes, appOrigin)).toBe(true)
    expect(isPermissionAllowed({ ...yes, permission: 'fullscreen' }, appOrigin)).toBe(false)
    expect(isPermissionAllowed({ ...yes, mediaTypes: ['video', 'audio'] }, appOrigin)).toBe(false)
    expect(isPermissionAllowed({ ...yes, isMainFrame: false }, appOrigin)).toBe(false)
    expect(isPermissionAllowed({ ...yes, url: 'https://evil.example/' }, appOrigin)).toBe(false)
    expect(isPermissionAllowed({ ...yes, otherOrigins: ['https://evil.example/'] }, appOrigin)).toBe(false)
    expect(isPermissionAllowed({ ...yes, otherOrigins: [undefined, '', 'assure-kiosk://app/'] }, appOrigin)).toBe(true)
  })
})
