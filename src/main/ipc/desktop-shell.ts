import { basename } from 'node:path'
import { nativeTheme, shell, type Session } from 'electron'
import type { DesktopShell } from '../backend/create-backend'

/** How many saved files are remembered for "Reveal" (the newest win; older notices just lose the button's effect). */
const REMEMBERED_SAVES = 50

/**
 * Electron's side of `app.reveal-path` and `app.set-theme`.
 *
 * Exports reach the disk through the renderer's download path, so only the session's `will-download`
 * learns where the user saved them: remember each completed download by file name, and reveal only
 * those — the renderer can never ask the file manager to open an arbitrary path.
 */
export function createDesktopShell(session: Session): DesktopShell {
  const saved = new Map<string, string>()
  session.on('will-download', (_event, item) => {
    item.once('done', (_doneEvent, state) => {
      if (state !== 'completed') return
      const path = item.getSavePath()
      saved.delete(item.getFilename())
      saved.set(item.getFilename(), path)
      // The user may rename the file in the save dialog; the notice knows the name the app offered.
      saved.set(basename(path), path)
      while (saved.size > REMEMBERED_SAVES) saved.delete(saved.keys().next().value as string)
    })
  })
  return {
    async revealSaved(fileName) {
      const path = saved.get(fileName) ?? null
      if (path) shell.showItemInFolder(path)
      return { path, revealed: path !== null }
    },
    setThemeSource(source) {
      nativeTheme.themeSource = source
    }
  }
}
