/**
 * The kiosk never downloads anything, so every download is cancelled before it starts. A download
 * would open the OS's save dialog (a file browser over the kiosk: a way out to the desktop on Windows)
 * or write into the user's Downloads folder. Whatever starts it — a navigation to a binary file on the
 * app origin, a blob or data URL with `download`, `webContents.downloadURL` — Electron asks the
 * session first through `will-download`. The page's CSP sandbox (main/app-origin/csp.ts) already stops
 * the page from starting one; this is the main process's own lock, for any webContents of the session.
 */
import type { Logger } from '../log/logger'
import { originForLog } from './navigation'

interface PreventableEvent {
  preventDefault(): void
}

/** The parts of Electron's `DownloadItem` used here. */
export interface DownloadItemLike {
  getURL(): string
  cancel(): void
}

/** The parts of Electron's `Session` used here (a real Session satisfies it). */
export interface DownloadSession {
  on(event: 'will-download', listener: (event: PreventableEvent, item: DownloadItemLike) => void): unknown
}

export function refuseDownloads(session: DownloadSession, log: Logger): void {
  const scoped = log.child('downloads')
  session.on('will-download', (event, item) => {
    event.preventDefault()
    item.cancel()
    scoped.warn('blocked a download', { from: originForLog(item.getURL()) })
  })
}
