import { useState, type KeyboardEvent } from 'react'
import type { SavedMessage } from '../../../../shared/api/saved-message-schemas'

/** What the row shows of a message's text: its first line, shortened. */
function preview(text: string): string {
  const line = text.split('\n', 1)[0]
  return line.length > 90 ? `${line.slice(0, 89)}…` : line
}

/** One saved message in the composer's list: pick it, rename it in place, delete it (confirmed). */
export function SavedMessageRow({
  message,
  active,
  renaming,
  confirmingDelete,
  onPick,
  onHover,
  onStartRename,
  onRename,
  onCancelRename,
  onDelete
}: {
  message: SavedMessage
  active: boolean
  renaming: boolean
  confirmingDelete: boolean
  onPick(): void
  onHover(): void
  onStartRename(): void
  onRename(name: string): void
  onCancelRename(): void
  onDelete(): void
}) {
  const [draft, setDraft] = useState(message.name)
  const onRenameKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    // The list's own keys (Enter inserts, Delete removes) must not fire while the name is edited.
    event.stopPropagation()
    if (event.key === 'Enter' && draft.trim()) {
      event.preventDefault()
      onRename(draft)
    } else if (event.key === 'Escape') {
      event.preventDefault()
      onCancelRename()
    }
  }
  return (
    <li
      id={`saved-${message.id}`}
      role="option"
      aria-selected={active}
      className={`saved-row${active ? ' active' : ''}`}
      data-testid="saved-row"
      data-name={message.name}
      onMouseEnter={onHover}
    >
      {renaming ? (
        <input
          className="input saved-rename"
          data-testid="saved-rename"
          aria-label={`New name for ${message.name}`}
          autoFocus
          maxLength={80}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onRenameKey}
          onBlur={onCancelRename}
        />
      ) : (
        <button type="button" className="saved-pick" tabIndex={-1} onClick={onPick} title="Insert into the composer (Enter)">
          <span className="saved-row-name">{message.name}</span>
          <span className={`saved-mode mode-${message.mode}`}>{message.mode === 'raw' ? 'raw' : 'message'}</span>
          <span className="saved-preview mono muted">{preview(message.text)}</span>
        </button>
      )}
      {confirmingDelete ? <span className="saved-confirm warn-text">Delete again to remove</span> : null}
      <span className="saved-actions">
        <button type="button" className="btn btn-small" tabIndex={-1} aria-label={`Rename ${message.name}`} title="Rename (F2)" onClick={onStartRename}>
          Rename
        </button>
        <button
          type="button"
          className={`btn btn-small${confirmingDelete ? ' btn-danger' : ''}`}
          tabIndex={-1}
          aria-label={confirmingDelete ? `Confirm deleting ${message.name}` : `Delete ${message.name}`}
          title="Delete (Delete, twice)"
          onClick={onDelete}
        >
          {confirmingDelete ? 'Confirm' : 'Delete'}
        </button>
      </span>
    </li>
  )
}
