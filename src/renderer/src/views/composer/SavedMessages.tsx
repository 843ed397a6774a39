import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { SavedMessage } from '../../../../shared/api/saved-message-schemas'
import { errorMessage } from '../../stores/app-state'
import { useAppStore } from '../../stores/use-app-store'
import { SavedMessageRow } from './SavedMessageRow'
import './saved-messages.css'

/** What the composer holds now (saved under a name) and how a saved message comes back into it. */
export type SavedMessagesProps = {
  environmentId: string
  environmentName: string
  current: { text: string; mode: SavedMessage['mode'] }
  /** Put a saved message into the composer (text and mode), ready to send. */
  onInsert(message: SavedMessage): void
  /** Close the panel; the composer takes the focus back. */
  onClose(): void
  /** Open with the name field focused (Ctrl+S) rather than the list (Ctrl+O). */
  focusName: boolean
}

/**
 * The composer's saved messages of one environment: save the current message under a name, and
 * pick, rename or delete saved ones, all from the keyboard (↑/↓ move, Enter inserts, F2 renames,
 * Delete twice deletes, Esc closes).
 */
export function SavedMessages({ environmentId, environmentName, current, onInsert, onClose, focusName }: SavedMessagesProps) {
  const messages = useAppStore((state) => (state.savedMessagesEnvironmentId === environmentId ? state.savedMessages : null))
  const problem = useAppStore((state) => (state.savedMessagesEnvironmentId === environmentId ? state.savedMessagesProblem : null))
  const saveMessage = useAppStore((state) => state.saveMessage)
  const renameSavedMessage = useAppStore((state) => state.renameSavedMessage)
  const removeSavedMessage = useAppStore((state) => state.removeSavedMessage)
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [taken, setTaken] = useState(false)
  const [active, setActive] = useState(0)
  const [renaming, setRenaming] = useState<string | null>(null)
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null)
  const nameInput = useRef<HTMLInputElement>(null)
  const list = useRef<HTMLUListElement>(null)
  const items = messages ?? []
  const activeIndex = Math.min(active, Math.max(0, items.length - 1))

  useEffect(() => {
    if (focusName || items.length === 0) nameInput.current?.focus()
    else list.current?.focus()
    // Only when the panel opens: later list changes must not steal the focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const save = async (replace: boolean): Promise<void> => {
    if (!name.trim() || !current.text) return
    setError(null)
    try {
      await saveMessage(environmentId, { name, text: current.text, mode: current.mode, replace })
      setName('')
      setTaken(false)
    } catch (caught) {
      const message = errorMessage(caught)
      setTaken(/already exists/.test(message))
      setError(message)
    }
  }

  const act = async (work: () => Promise<void>): Promise<void> => {
    setError(null)
    try {
      await work()
    } catch (caught) {
      setError(errorMessage(caught))
    }
  }

  const onPanelKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Escape' && renaming === null) {
      event.preventDefault()
      onClose()
    }
  }

  const onListKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    if (renaming !== null || items.length === 0) return
    const selected = items[activeIndex]
    const moves: Record<string, number> = { ArrowDown: activeIndex + 1, ArrowUp: activeIndex - 1, Home: 0, End: items.length - 1 }
    if (event.key in moves) {
      event.preventDefault()
      setActive(Math.min(items.length - 1, Math.max(0, moves[event.key])))
      setConfirmDelete(null)
    } else if (event.key === 'Enter') {
      event.preventDefault()
      onInsert(selected)
    } else if (event.key === 'F2') {
      event.preventDefault()
      setRenaming(selected.id)
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault()
      // Twice: one stray key must not lose a message.
      if (confirmDelete === selected.id) void act(() => removeSavedMessage(environmentId, selected.id)).then(() => setConfirmDelete(null))
      else setConfirmDelete(selected.id)
    }
  }

  return (
    <div className="saved-panel" role="dialog" aria-label={`Saved messages of ${environmentName}`} data-testid="saved-messages" onKeyDown={onPanelKeyDown}>
      <div className="saved-header">
        <span className="saved-title">Saved messages</span>
        <span className="muted">{environmentName}</span>
        <button type="button" className="btn btn-small saved-close" aria-label="Close saved messages" onClick={onClose}>
          ✕
        </button>
      </div>
      {/* Not a <form>: the panel sits inside the composer's form, and forms must not nest. */}
      <div className="saved-save">
        <input
          ref={nameInput}
          className="input saved-name"
          data-testid="saved-name"
          aria-label="Name for the current message"
          placeholder="Name for the current message"
          maxLength={80}
          value={name}
          onChange={(event) => {
            setName(event.target.value)
            setError(null)
            setTaken(false)
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return
            event.preventDefault()
            void save(false)
          }}
        />
        <button type="button" className="btn btn-small" data-testid="saved-save" disabled={!name.trim() || !current.text} onClick={() => void save(false)}>
          Save current
        </button>
        {taken ? (
          <button type="button" className="btn btn-small btn-danger" data-testid="saved-replace" onClick={() => void save(true)}>
            Replace
          </button>
        ) : null}
      </div>
      {error ? (
        <div className="error-text saved-error" role="alert" data-testid="saved-error">
          {error}
        </div>
      ) : null}
      {problem ? <div className="warn-text saved-error">{problem}</div> : null}
      {messages === null ? (
        <div className="muted saved-empty">Loading…</div>
      ) : items.length === 0 ? (
        <div className="muted saved-empty">No saved messages for {environmentName} yet: name the current message and save it.</div>
      ) : (
        <ul
          ref={list}
          className="saved-list"
          role="listbox"
          tabIndex={0}
          aria-label="Saved messages: Enter inserts, F2 renames, Delete twice deletes"
          aria-activedescendant={items[activeIndex] ? `saved-${items[activeIndex].id}` : undefined}
          data-testid="saved-list"
          onKeyDown={onListKeyDown}
        >
          {items.map((message, index) => (
            <SavedMessageRow
              key={message.id}
              message={message}
              active={index === activeIndex}
              renaming={renaming === message.id}
              confirmingDelete={confirmDelete === message.id}
              onPick={() => onInsert(message)}
              onHover={() => setActive(index)}
              onStartRename={() => setRenaming(message.id)}
              onRename={(newName) =>
                void act(() => renameSavedMessage(environmentId, message.id, newName)).then(() => {
                  setRenaming(null)
                  list.current?.focus()
                })
              }
              onCancelRename={() => {
                setRenaming(null)
                list.current?.focus()
              }}
              onDelete={() => {
                if (confirmDelete === message.id) void act(() => removeSavedMessage(environmentId, message.id)).then(() => setConfirmDelete(null))
                else setConfirmDelete(message.id)
              }}
            />
          ))}
        </ul>
      )}
      <div className="saved-hint muted">↑/↓ choose · Enter insert · F2 rename · Delete twice delete · Esc close</div>
    </div>
  )
}
