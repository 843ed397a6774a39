import type { ExportFormatSchema } from '../../../shared/api/contract'
import { saveFile } from '../lib/save-file'
import { errorMessage, type SliceCreator } from './app-state'

/** A session export format: the recording (NDJSON), HAR, JUnit XML or a Markdown report. */
export type ExportFormat = (typeof ExportFormatSchema.options)[number]

/** How far the export in flight is: writing (records done of the total), then fetching its bytes. */
export type ExportProgress = { phase: 'writing'; records: number; totalRecords: number } | { phase: 'fetching'; bytes: number; totalBytes: number }

/** Exporting the session in view to a downloaded file. */
export type ExportSlice = {
  /** The export in flight (its button shows progress; others wait). */
  exporting: ExportFormat | null
  /** Progress of the export in flight, once the backend has reported some. */
  exportProgress: ExportProgress | null
  /**
   * Export the active session: the backend streams it into a file (`session.export-file`, with
   * progress events), then the file is fetched in chunks (`session.export-read`) into a Blob and
   * handed to the browser's downloads. No string ever holds the whole export.
   */
  exportActiveSession(format: ExportFormat): Promise<void>
  /** A `session.export-progress` event arrived. */
  noteExportProgress(progress: { sessionId: string; format: ExportFormat; records: number; totalRecords: number }): void
}

function decodeBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Create the export slice. */
export const createExportSlice: SliceCreator<ExportSlice> =
  ({ client }) =>
  (set, get) => ({
    exporting: null,
    exportProgress: null,
    async exportActiveSession(format) {
      const sessionId = get().activeSessionId
      if (!sessionId || get().exporting) return
      set({ exporting: format, exportProgress: null })
      try {
        const file = await client.call('session.export-file', { sessionId, format })
        const parts: Uint8Array<ArrayBuffer>[] = []
        let offset = 0
        for (;;) {
          set({ exportProgress: { phase: 'fetching', bytes: offset, totalBytes: file.bytes } })
          const chunk = await client.call('session.export-read', { exportId: file.exportId, offset })
          parts.push(decodeBase64(chunk.base64))
          offset = chunk.nextOffset
          if (chunk.done) break
        }
        saveFile({ fileName: file.fileName, mimeType: file.mimeType, content: new Blob(parts, { type: file.mimeType }) })
        get().notify('info', 'Exported', file.fileName, file.fileName)
      } catch (error) {
        get().notify('error', `Could not export the session as ${format.toUpperCase()}`, errorMessage(error))
      } finally {
        set({ exporting: null, exportProgress: null })
      }
    },
    noteExportProgress({ sessionId, format, records, totalRecords }) {
      if (get().exporting !== format || get().activeSessionId !== sessionId) return
      set({ exportProgress: { phase: 'writing', records, totalRecords } })
    }
  })
