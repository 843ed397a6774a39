import type { ExportFormatSchema } from '../../../shared/api/contract'
import { saveFile } from '../lib/save-file'
import { errorMessage, type SliceCreator } from './app-state'

/** A session export format: the recording (NDJSON), HAR, JUnit XML or a Markdown report. */
export type ExportFormat = (typeof ExportFormatSchema.options)[number]

/** Exporting the session in view to a downloaded file. */
export type ExportSlice = {
  /** The export in flight (its button shows progress; others wait). */
  exporting: ExportFormat | null
  /** Render the active session via `session.export` and hand the file to the browser's downloads. */
  exportActiveSession(format: ExportFormat): Promise<void>
}

/** Create the export slice. */
export const createExportSlice: SliceCreator<ExportSlice> =
  ({ client }) =>
  (set, get) => ({
    exporting: null,
    async exportActiveSession(format) {
      const sessionId = get().activeSessionId
      if (!sessionId || get().exporting) return
      set({ exporting: format })
      try {
        const file = await client.call('session.export', { sessionId, format })
        saveFile(file)
        get().notify('info', 'Exported', file.fileName)
      } catch (error) {
        get().notify('error', `Could not export the session as ${format.toUpperCase()}`, errorMessage(error))
      } finally {
        set({ exporting: null })
      }
    }
  })
