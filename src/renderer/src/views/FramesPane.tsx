import { useDeferredValue, useMemo } from 'react'
import { NO_ROWS } from '../../../shared/session-model'
import { EmptyState } from '../components/EmptyState'
import { WallClockContext } from '../components/wall-clock-context'
import { FrameList } from '../components/FrameList'
import { FLAGGED_FILTER, RowFilter } from '../lib/filter-rows'
import { formatCount } from '../lib/format'
import { selectActiveModel } from '../stores/select-active'
import { useAppStore } from '../stores/use-app-store'
import { FrameSearchBar } from './frame-search/FrameSearchBar'
import { useSearchRows } from './frame-search/use-search-rows'

/** The frame list with its toolbar: filter, row count, follow-tail toggle. */
export function FramesPane() {
  // The row table grows in place; its length is what changes per batch.
  const rows = useAppStore((state) => selectActiveModel(state)?.rows ?? NO_ROWS)
  const total = useAppStore((state) => selectActiveModel(state)?.rows.length ?? 0)
  const flagged = useAppStore((state) => selectActiveModel(state)?.stats.flagged ?? 0)
  const hasSession = useAppStore((state) => state.activeSessionId !== null)
  const filter = useAppStore((state) => state.filter)
  const selectedSeq = useAppStore((state) => state.selectedSeq)
  const followTail = useAppStore((state) => state.followTail)
  const setFilter = useAppStore((state) => state.setFilter)
  const selectFrame = useAppStore((state) => state.selectFrame)
  const setFollowTail = useAppStore((state) => state.setFollowTail)
  const wallClock = useAppStore((state) => selectActiveModel(state)?.start?.wallClock ?? null)

  // Typing stays responsive while a 100 000-row filter catches up.
  const deferredFilter = useDeferredValue(filter)
  // A new filter tests every row once; after that each batch tests only its own rows.
  const rowFilter = useMemo(() => new RowFilter(rows, deferredFilter), [rows, deferredFilter])
  // Direction filter and content-search matches (views/frame-search) narrow what the filter kept.
  const visible = useSearchRows(rowFilter.update(total))
  const filtered = rowFilter.filtered || visible.count !== total

  return (
    <section className="panel frames-pane" aria-label="Frames">
      <header className="panel-header frames-toolbar">
        <h2 className="panel-title">Frames</h2>
        <input
          className="input filter-input"
          type="search"
          placeholder="Filter: type, agent, run id, seq"
          aria-label="Filter frames"
          data-testid="frame-filter"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        {flagged > 0 ? (
          <button
            type="button"
            className={`btn btn-small btn-flag${filter === FLAGGED_FILTER ? ' active' : ''}`}
            onClick={() => setFilter(filter === FLAGGED_FILTER ? '' : FLAGGED_FILTER)}
            title="Show only malformed or binary frames"
          >
            ⚑ {formatCount(flagged)} flagged
          </button>
        ) : null}
        <span className="row-count mono" data-testid="row-count" data-count={visible.count} data-total={total}>
          {filtered ? `${formatCount(visible.count)} of ${formatCount(total)}` : formatCount(total)} rows
        </span>
        <label className="toggle" title="Keep the newest frame in view">
          <input
            type="checkbox"
            data-testid="follow-tail"
            checked={followTail}
            onChange={(event) => setFollowTail(event.target.checked)}
          />
          Follow
        </label>
      </header>
      <div className="frames-searchbar">
        <FrameSearchBar />
      </div>
      <div className="frame-columns" aria-hidden="true">
        <span className="c-seq">seq</span>
        <span className="c-dir" />
        <span className="c-time">clock · offset</span>
        <span className="c-label">type</span>
        <span className="c-agent">agent · run</span>
        <span className="c-size">size</span>
      </div>
      {total === 0 ? (
        <div className="frame-list">
          <EmptyState title={hasSession ? 'Waiting for records…' : 'No session'}>
            {hasSession ? null : 'Connect to an environment to record its frames.'}
          </EmptyState>
        </div>
      ) : (
        <WallClockContext.Provider value={wallClock}>
          <FrameList
            rows={visible.rows}
            count={visible.count}
            selectedSeq={selectedSeq}
            followTail={followTail}
            onSelect={selectFrame}
            onFollowTailChange={setFollowTail}
          />
        </WallClockContext.Provider>
      )}
    </section>
  )
}
