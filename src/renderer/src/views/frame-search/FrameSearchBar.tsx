import { useEffect, type KeyboardEvent } from 'react'
import type { FrameDirection } from '../../../../shared/api/frame-record'
import { adjacentMatch } from '../../lib/frame-search'
import { formatCount } from '../../lib/format'
import { selectActiveModel } from '../../stores/select-active'
import { useAppStore } from '../../stores/use-app-store'
import './frame-search.css'

/** Typing pauses this long before a search starts, so a 100 000-frame search does not run per keystroke. */
const SEARCH_DEBOUNCE_MS = 250

/**
 * Search frame content (plain or regex) with the direction filter, the match count, progress
 * while it runs, and previous/next match (Shift+Enter / Enter).
 */
export function FrameSearchBar() {
  const query = useAppStore((state) => state.searchQuery)
  const mode = useAppStore((state) => state.searchMode)
  const direction = useAppStore((state) => state.searchDirection)
  const matches = useAppStore((state) => state.searchMatches)
  const progress = useAppStore((state) => state.searchProgress)
  const error = useAppStore((state) => state.searchError)
  const selectedSeq = useAppStore((state) => state.selectedSeq)
  const sessionId = useAppStore((state) => state.activeSessionId)
  // A search re-runs when frames arrive, at most once per debounce, so live sessions stay searchable.
  const lastSeq = useAppStore((state) => selectActiveModel(state)?.lastSeq ?? -1)
  const setSearch = useAppStore((state) => state.setSearch)
  const setDirection = useAppStore((state) => state.setSearchDirection)
  const runSearch = useAppStore((state) => state.runSearch)
  const selectFrame = useAppStore((state) => state.selectFrame)

  useEffect(() => {
    const timer = setTimeout(() => void runSearch(), SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [query, mode, direction, sessionId, lastSeq, runSearch])

  const step = (delta: 1 | -1): void => {
    const next = adjacentMatch(matches ?? [], selectedSeq, delta)
    if (next !== null) selectFrame(next)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault()
      step(event.shiftKey ? -1 : 1)
    } else if (event.key === 'Escape') setSearch('', mode)
  }
  const position = matches && selectedSeq !== null ? matches.indexOf(selectedSeq) : -1

  return (
    <div className="frame-search" data-testid="frame-search">
      <input
        className={`input search-input${error ? ' invalid' : ''}`}
        type="search"
        placeholder={mode === 'regex' ? 'Search content (regex)' : 'Search frame content'}
        aria-label="Search frame content"
        aria-invalid={error !== null}
        data-testid="frame-search-input"
        value={query}
        onChange={(event) => setSearch(event.target.value, mode)}
        onKeyDown={onKeyDown}
      />
      <button
        type="button"
        className={`btn btn-small mono${mode === 'regex' ? ' active' : ''}`}
        title="Regular expression"
        aria-pressed={mode === 'regex'}
        data-testid="frame-search-regex"
        onClick={() => setSearch(query, mode === 'regex' ? 'plain' : 'regex')}
      >
        .*
      </button>
      <select
        className="select select-compact"
        aria-label="Direction"
        data-testid="frame-direction"
        value={direction}
        onChange={(event) => setDirection(event.target.value as FrameDirection | 'any')}
      >
        <option value="any">↕ any</option>
        <option value="in">↓ received</option>
        <option value="out">↑ sent</option>
        <option value="local">• local</option>
      </select>
      <button type="button" className="btn btn-small" title="Previous match (Shift+Enter)" data-testid="search-prev" disabled={!matches?.length} onClick={() => step(-1)}>
        ↑
      </button>
      <button type="button" className="btn btn-small" title="Next match (Enter)" data-testid="search-next" disabled={!matches?.length} onClick={() => step(1)}>
        ↓
      </button>
      <span className={`search-status mono${error ? ' search-error' : ''}`} data-testid="search-status" role={error ? 'alert' : undefined} data-matches={matches?.length ?? ''}>
        {error
          ? error
          : progress !== null
            ? `searching… ${Math.round(progress * 100)}%`
            : matches
              ? `${position >= 0 ? `${formatCount(position + 1)} / ` : ''}${formatCount(matches.length)} match${matches.length === 1 ? '' : 'es'}`
              : ''}
      </span>
    </div>
  )
}
