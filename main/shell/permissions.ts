/**
 * Camera, and nothing else, for the app's own page. Electron grants every permission by default, so
 * both handlers are installed: Chromium asks the check handler first for most APIs (and for
 * `navigator.permissions.query`), and the request handler when a page actually asks.
 *
 * `media` covers camera and microphone together; Electron says which in `mediaTypes` (requests) or
 * `mediaType` (checks). Only requests that name video and nothing else pass. An empty or missing list
 * is refused: Electron fills it from the request's device types, so it is empty only when the request
 * is for something other than a camera or microphone (screen or tab capture in older versions), and
 * granting such a request would grant that.
 */
import type { Logger } from '../log/logger'
import { isAppUrl, type AppOrigin } from '../ipc/sender-policy'
import { originForLog } from './navigation'

export interface PermissionQuery {
  permission: string
  /** The requesting frame's URL (requests, and checks made for a document) or origin (other checks). */
  url: string
  /** Every other origin Electron names for the query (security origin, embedding origin). */
  otherOrigins?: ReadonlyArray<string | undefined>
  /** For `media` requests: 'video' and/or 'audio'. */
  mediaTypes?: readonly string[]
  /** For `media` checks: 'video', 'audio' or 'unknown'. */
  mediaType?: string
  isMainFrame: boolean
}

export function isPermissionAllowed(query: PermissionQuery, origin: AppOrigin): boolean {
  if (query.permission !== 'media') return false
  // The kiosk's page is a top-level document; a sub-frame (or a worker, which has no frame) never needs the camera.
  if (!query.isMainFrame) return false
  if (!isAppUrl(query.url, origin)) return false
  if (query.otherOrigins?.some((other) => other !== undefined && other !== '' && !isAppUrl(other, origin))) return false
  const types = query.mediaTypes ?? (query.mediaType === undefined ? [] : [query.mediaType])
  return types.length > 0 && types.every((type) => type === 'video')
}

/** The details Electron passes to the request handler (a union of its permission-request structures). */
interface RequestDetails {
  requestingUrl?: string
  isMainFrame: boolean
  mediaTypes?: Array<'video' | 'audio'>
  securityOrigin?: string
}

/** The details Electron passes to the check handler. */
interface CheckDetails {
  requestingUrl?: string
  isMainFrame: boolean
  mediaType?: 'video' | 'audio' | 'unknown'
  securityOrigin?: string
  embeddingOrigin?: string
}

/** The parts of Electron's `Session` the policy needs (a real Session satisfies it). */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: RequestDetails
    ) => void
  ): void
  setPermissionCheckHandler(
    handler: (webContents: unknown, permission: string, requestingOrigin: string, details: CheckDetails) => boolean
  ): void
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void
}

export function installPermissionPolicy(session: PermissionSession, origin: AppOrigin, log: Logger): void {
  const scoped = log.child('permissions')
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const query: PermissionQuery = {
      permission,
      url: details.requestingUrl ?? '',
      otherOrigins: [details.securityOrigin],
      mediaTypes: 'mediaTypes' in details ? (details.mediaTypes ?? []) : undefined,
      isMainFrame: details.isMainFrame
    }
    const allowed = isPermissionAllowed(query, origin)
    if (!allowed)
      scoped.warn('denied a permission request', {
        permission,
        mediaTypes: query.mediaTypes,
        mainFrame: query.isMainFrame,
        from: originForLog(query.url)
      })
    callback(allowed)
  })
  // Checks are frequent (every enumerateDevices asks about the microphone too), so they are not logged.
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    isPermissionAllowed(
      {
        permission,
        url: details.requestingUrl ?? requestingOrigin,
        otherOrigins: [requestingOrigin, details.securityOrigin, details.embeddingOrigin],
        mediaType: details.mediaType,
        isMainFrame: details.isMainFrame
      },
      origin
    )
  )
  // USB, HID, serial, Bluetooth: none of the kiosk's business.
  session.setDevicePermissionHandler(() => false)
}
