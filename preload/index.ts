/**
 * The preload: runs sandboxed, with context isolation, before the renderer's scripts. Its only job is
 * to expose `window.kiosk` (named methods, one fixed channel each) over ipcRenderer.
 * Never expose ipcRenderer itself, the IPC event object, or any generic send/invoke/on.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { KIOSK_API_KEY } from './api'
import { createKioskApi, type BridgeTransport } from './bridge'

const ipcTransport: BridgeTransport = {
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  subscribe(channel, listener) {
    // The event object carries `sender`; only the payload may reach the page.
    const onMessage = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(channel, onMessage)
    return () => {
      ipcRenderer.removeListener(channel, onMessage)
    }
  }
}

contextBridge.exposeInMainWorld(KIOSK_API_KEY, createKioskApi(ipcTransport))
