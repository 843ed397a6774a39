import { useState } from 'react'
import type { LibraryEntry } from '../../../../shared/api/library-schemas'
import { formatClock, formatCount, formatMs } from '../../lib/format'
import { useAppStore } from '../../stores/use-app-store'
import { VerdictChip } from './VerdictChip'

/** A past session's start: the clock time today, the date and time before. */
function formatStart(epochMs: number, now = new Date()): string {
  const date = new Date(epochMs)
  if (date.toDateString() === now.toDateString()) return formatClock(epochMs)
  const day = date.toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
    ...(date.getFullYear() !== now.getFullYear() ? { year: 'numeric' } : {})
  })
  return `${day} ${formatClock(epochMs).slice(0, 5)}`
}

/** Height of one library row in px (fixed: the list windows by arithmetic). */
export const LIBRARY_ROW_HEIGHT = 58

function RenameField({ entry, onDone }: { entry: LibraryEntry; onDone: () => void }) {
  const rename = useAppStore((s) => s.renameLibraryEntry)
  const [name, setName] = useState(entry.name)
  const commit = (): void => {
    const trimmed = name.trim()
    if (trimmed && trimmed !== entry.name) void rename(entry.id, trimmed)
    onDone()
  }
  return (
    <input
      className="input library-rename"
      aria-label="New name"
      data-testid="library-rename-input"
      autoFocus
      value={name}
      maxLength={200}
      onChange={(event) => setName(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit()
        if (event.key === 'Escape') onDone()
      }}
    />
  )
}

/** One past session: name, environment, start, duration, verdict and top finding, fault, frames; rename, delete, reveal. */
export function LibraryRow({ entry }: { entry: LibraryEntry }) {
  const [renaming, setRenaming] = useState(false)
  const open = useAppStore((s) => s.openRecordingPath)
  const remove = useAppStore((s) => s.deleteLibraryEntry)
  const reveal = useAppStore((s) => s.revealLibraryEntry)
  const finding = entry.topFinding
  return (
    <div
      className="library-row"
      data-testid="library-row"
      data-entry-id={entry.id}
      title={`${entry.path}\n${entry.url}`}
    >
      {renaming ? (
        <RenameField entry={entry} onDone={() => setRenaming(false)} />
      ) : (
        <button
          type="button"
          className="library-open"
          data-testid="library-open"
          onClick={() => void open(entry.path)}
        >
          <span className="library-line">
            <VerdictChip verdict={entry.verdict} cutOff={entry.cutOff} />
            <span className="library-name" data-testid="library-name">
              {entry.name}
            </span>
          </span>
          <span className="library-line library-meta mono">
            <span className="library-env" title={entry.environmentName}>
              {entry.environmentName}
            </span>
            <span title={new Date(entry.startedAt).toString()}>{formatStart(entry.startedAt)}</span>
            <span>{formatMs(entry.durationMs)}</span>
            <span className="library-count">{formatCount(entry.recordCount)} rec</span>
          </span>
          <span className="library-line library-finding">
            {finding ? (
              <span data-testid="library-finding">
                <strong>{finding.component}</strong> · {finding.title}
              </span>
            ) : (
              <span className="muted">no findings</span>
            )}
            {entry.sandboxFault ? (
              <span
                className="library-fault"
                data-testid="library-fault"
                title="Sandbox fault injected when it was recorded"
              >
                ⚑ {entry.sandboxFault}
              </span>
            ) : null}
          </span>
        </button>
      )}
      <span className="library-actions">
        <button
          type="button"
          className="library-icon-btn"
          title="Rename"
          aria-label={`Rename ${entry.name}`}
          data-testid="library-rename"
          onClick={() => setRenaming(true)}
        >
          ✎
        </button>
        <button
          type="button"
          className="library-icon-btn"
          title="Reveal in folder"
          aria-label={`Reveal ${entry.name} in its folder`}
          data-testid="library-reveal"
          onClick={() => void reveal(entry.id)}
        >
          ⌕
        </button>
        <button
          type="button"
          className="library-icon-btn"
          title="Delete (can be undone)"
          aria-label={`Delete ${entry.name}`}
          data-testid="library-delete"
          onClick={() => void remove(entry)}
        >
          ✕
        </button>
      </span>
    </div>
  )
}
