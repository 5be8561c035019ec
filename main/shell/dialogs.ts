/** Staff's file dialogs, as native Electron dialogs over the kiosk window. */
import type { BrowserWindow, Dialog } from 'electron'
import type { StaffDialogs } from '../staff/staff-service'

export function electronDialogs(
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>,
  window: () => BrowserWindow | null
): StaffDialogs {
  return {
    async saveFile({ defaultName, kind }) {
      const filters =
        kind === 'zip' ? [{ name: 'Zip', extensions: ['zip'] }] : [{ name: 'JSON lines', extensions: ['jsonl'] }]
      const parent = window()
      const options = { defaultPath: defaultName, filters }
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
    async openImage() {
      const parent = window()
      const options = {
        properties: ['openFile' as const],
        filters: [{ name: 'Photo (JPEG, PNG)', extensions: ['jpg', 'jpeg', 'png'] }]
      }
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    }
  }
}
