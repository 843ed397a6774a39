import type { ExportFormat, ExportProgress } from '../stores/export-slice'
import { useAppStore } from '../stores/use-app-store'

const FORMATS: readonly { format: ExportFormat; label: string; title: string }[] = [
  { format: 'ndjson', label: 'NDJSON', title: 'The recording itself (replayable, secrets redacted)' },
  { format: 'har', label: 'HAR', title: 'HTTP Archive with the WebSocket messages, for browser tools' },
  { format: 'junit', label: 'JUnit', title: 'JUnit XML: the session’s checks as test cases, for CI' },
  { format: 'markdown', label: 'Markdown', title: 'A readable report to paste into a ticket' }
]

/** The busy button's text: how far writing (records) or fetching (bytes) has got. */
function progressLabel(label: string, progress: ExportProgress | null): string {
  if (!progress) return `${label}…`
  const [done, total] = progress.phase === 'writing' ? [progress.records, progress.totalRecords] : [progress.bytes, progress.totalBytes]
  const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0
  return `${label} ${progress.phase === 'writing' ? '' : '↓'}${percent}%`
}

/** Export the session in view as a downloaded file, one button per format. */
export function ExportButtons() {
  const hasSession = useAppStore((state) => state.activeSessionId !== null)
  const exporting = useAppStore((state) => state.exporting)
  const progress = useAppStore((state) => state.exportProgress)
  const exportSession = useAppStore((state) => state.exportActiveSession)

  return (
    <div className="export-group" role="group" aria-label="Export the session" data-testid="export-group" aria-busy={exporting !== null}>
      <span className="field-label">Export</span>
      <div className="button-group">
        {FORMATS.map(({ format, label, title }) => (
          <button
            key={format}
            type="button"
            className={`btn btn-small${exporting === format ? ' busy' : ''}`}
            data-testid={`export-${format}`}
            title={hasSession ? title : 'Connect or pick a session to export it'}
            disabled={!hasSession || exporting !== null}
            onClick={() => void exportSession(format)}
          >
            {exporting === format ? progressLabel(label, progress) : label}
          </button>
        ))}
      </div>
    </div>
  )
}
