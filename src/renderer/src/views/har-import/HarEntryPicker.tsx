import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { HarWebSocketEntryView } from '../../../../shared/api/har-schemas'
import './har-entry-picker.css'

/** Props of {@link HarEntryPicker}. */
export type HarEntryPickerProps = {
  /** The HAR's WebSocket entries (`recordings.har-entries`), URLs already redacted by the backend. */
  entries: readonly HarWebSocketEntryView[]
  /** Import this entry (its index in the HAR's `log.entries`). */
  onPick: (index: number) => void
  onCancel: () => void
  /** The HAR's file name, for the title. */
  fileName?: string
  /** Where a damaged HAR stopped being readable (from `recordings.har-entries`). */
  issues?: readonly string[]
}

function startedText(started: string | null): string {
  if (started === null) return 'start time unknown'
  const date = new Date(started)
  return Number.isNaN(date.getTime()) ? started : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
}

function statusText(status: number | null): { text: string; tone: 'ok' | 'bad' } {
  if (status === 101) return { text: '101 accepted', tone: 'ok' }
  if (status === null) return { text: 'no response', tone: 'bad' }
  return { text: `${status} refused`, tone: 'bad' }
}

/**
 * Asks which WebSocket connection of a HAR file to import when it holds several: one row per
 * entry with its URL, start time, upgrade status and message count. Keyboard first: the list
 * has the focus, ↑/↓/Home/End move, Enter imports, Escape cancels; a click selects, a double
 * click imports.
 */
export function HarEntryPicker({ entries, onPick, onCancel, fileName, issues = [] }: HarEntryPickerProps) {
  const [selected, setSelected] = useState(0)
  const listRef = useRef<HTMLUListElement>(null)
  const current = entries[Math.min(selected, entries.length - 1)]

  useEffect(() => {
    listRef.current?.focus()
  }, [])

  useEffect(() => {
    listRef.current?.querySelector(`[data-row="${selected}"]`)?.scrollIntoView?.({ block: 'nearest' })
  }, [selected])

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    const last = entries.length - 1
    const moves: Record<string, number> = { ArrowDown: Math.min(last, selected + 1), ArrowUp: Math.max(0, selected - 1), Home: 0, End: last, PageDown: Math.min(last, selected + 10), PageUp: Math.max(0, selected - 10) }
    if (event.key in moves) {
      event.preventDefault()
      setSelected(moves[event.key])
    } else if (event.key === 'Enter' && current) {
      event.preventDefault()
      onPick(current.index)
    } else if (event.key === 'Escape') {
      event.preventDefault()
      onCancel()
    }
  }

  return (
    <div className="modal-backdrop" data-testid="har-entry-picker">
      <div className="modal har-picker" role="dialog" aria-modal="true" aria-labelledby="har-picker-title" aria-describedby="har-picker-detail" onKeyDown={onKeyDown}>
        <h2 id="har-picker-title" className="modal-title">
          Which WebSocket connection of {fileName ? `‘${fileName}’` : 'this HAR file'}?
        </h2>
        <p id="har-picker-detail" className="confirm-text">
          The file holds {entries.length} WebSocket connections. Pick one to import; its tokens are redacted on import.
        </p>
        {issues.length > 0 && (
          <p className="har-picker-issues" role="status" data-testid="har-picker-issues">
            {issues.join(' ')}
          </p>
        )}
        <ul className="har-picker-list" role="listbox" aria-label="WebSocket connections" aria-activedescendant={current ? `har-entry-${current.index}` : undefined} tabIndex={0} ref={listRef}>
          {entries.map((entry, row) => {
            const status = statusText(entry.status)
            return (
              <li
                key={entry.index}
                id={`har-entry-${entry.index}`}
                data-row={row}
                data-testid="har-entry"
                role="option"
                aria-selected={row === selected}
                className="har-picker-row"
                onClick={() => setSelected(row)}
                onDoubleClick={() => onPick(entry.index)}
              >
                <span className="har-picker-index" title="index in the HAR's log.entries">
                  #{entry.index}
                </span>
                <span className="har-picker-url">
                  {entry.url || '(no URL)'}
                  <time className="har-picker-started" dateTime={entry.started ?? undefined} title={entry.started ?? undefined}>
                    {startedText(entry.started)}
                  </time>
                </span>
                <span className={`har-picker-status ${status.tone}`}>{status.text}</span>
                <span className="har-picker-messages">
                  {entry.messages.toLocaleString()} message{entry.messages === 1 ? '' : 's'}
                </span>
              </li>
            )
          })}
        </ul>
        <div className="modal-actions">
          <button type="button" className="btn" data-testid="har-picker-cancel" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" data-testid="har-picker-import" disabled={!current} onClick={() => current && onPick(current.index)}>
            Import {current ? `#${current.index}` : ''}
          </button>
        </div>
      </div>
    </div>
  )
}
