import { useShallow } from 'zustand/react/shallow'
import { CopyButton } from '../../components/CopyButton'
import { formatBytes } from '../../lib/format'
import { useAppStore } from '../../stores/use-app-store'

/** The library's own notices, in the sidebar where they cover nothing: Undo a delete, a path to copy, upload and indexing progress. */
export function LibraryNotices() {
  const { lastDeleted, undo, dismissUndo, revealed, dismissRevealed, progress, indexing, notify } =
    useAppStore(
      useShallow((s) => ({
        lastDeleted: s.lastDeleted,
        undo: s.undoDelete,
        dismissUndo: s.dismissUndo,
        revealed: s.revealedPath,
        dismissRevealed: s.dismissRevealed,
        progress: s.openProgress,
        indexing: s.librarySettings?.indexing ?? null,
        notify: s.notify
      }))
    )
  return (
    <>
      {progress ? (
        <div className="library-notice" data-testid="open-progress">
          <span>
            Uploading {progress.fileName} · {formatBytes(progress.done)} of {formatBytes(progress.total)}
          </span>
          <progress max={Math.max(1, progress.total)} value={progress.done} />
        </div>
      ) : null}
      {indexing ? (
        <div className="library-notice" data-testid="library-indexing">
          <span>
            Indexing recordings · {indexing.done} of {indexing.total}
          </span>
          <progress max={Math.max(1, indexing.total)} value={indexing.done} />
        </div>
      ) : null}
      {lastDeleted ? (
        <div className="library-notice" role="status" data-testid="undo-notice">
          <span className="library-notice-text">Deleted “{lastDeleted.name}”.</span>
          <button
            type="button"
            className="btn btn-small"
            data-testid="undo-delete"
            onClick={() => void undo()}
          >
            Undo
          </button>
          <button type="button" className="library-icon-btn" aria-label="Dismiss" onClick={dismissUndo}>
            ✕
          </button>
        </div>
      ) : null}
      {revealed ? (
        <div className="library-notice" data-testid="revealed-path">
          <span className="library-notice-text mono" title={revealed}>
            {revealed}
          </span>
          <CopyButton
            text={revealed}
            label="Copy path"
            onError={(message) => notify('error', 'Could not copy', message)}
          />
          <button type="button" className="library-icon-btn" aria-label="Dismiss" onClick={dismissRevealed}>
            ✕
          </button>
        </div>
      ) : null}
    </>
  )
}
