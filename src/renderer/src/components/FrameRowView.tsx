import { memo, useContext } from 'react'
import type { FrameRow } from '../../../shared/session-model'
import { formatBytes, formatOffset, shortId } from '../lib/format'
import { formatClockMs, WallClockContext } from './wall-clock-context'

const ARROWS = { in: '↓', out: '↑', local: '•' } as const
const DIRECTION_NAMES = { in: 'received', out: 'sent', local: 'local observation' } as const
const FLAG_TEXT = { 'malformed-json': 'malformed', binary: 'binary', 'non-object': 'not an object' } as const

function agentText(row: FrameRow): string {
  if (row.agentName && row.runId) return `${row.agentName} · ${shortId(row.runId)}`
  return row.agentName ?? (row.runId ? shortId(row.runId) : '')
}

/**
 * One line of the frame list; memoised, so a new frame re-renders only itself. A row's content
 * never changes once appended, and the table builds a fresh row object per read: so the memo
 * compares the seq, not the object.
 */
export const FrameRowView = memo(function FrameRowView({
  row,
  index,
  top,
  selected
}: {
  row: FrameRow
  /** Position in the (filtered) list, exposed for tests that check the list has no holes. */
  index: number
  top: number
  selected: boolean
}) {
  const wallClock = useContext(WallClockContext)
  const classes = `frame-row kind-${row.kind}${selected ? ' selected' : ''}${row.flag ? ' flagged' : ''}`
  return (
    <div
      className={classes}
      style={{ transform: `translateY(${top}px)` }}
      role="row"
      aria-selected={selected}
      data-testid="frame-row"
      data-seq={row.seq}
      data-index={index}
    >
      <span role="gridcell" className="c-seq">{row.seq}</span>
      <span role="gridcell" className={`c-dir dir-${row.dir}`} title={DIRECTION_NAMES[row.dir]}>
        {ARROWS[row.dir]}
      </span>
      <span role="gridcell" className="c-time" title={wallClock === null ? undefined : `${new Date(wallClock + row.t).toISOString()} (UTC)`}>
        {wallClock === null ? null : <span className="c-clock">{formatClockMs(wallClock + row.t)}</span>}
        {formatOffset(row.t)}
      </span>
      <span role="gridcell" className="c-label" title={row.label}>
        {row.flag ? <span className="flag-tag">{FLAG_TEXT[row.flag]}</span> : null}
        {row.label}
      </span>
      <span role="gridcell" className="c-agent" title={row.runId ?? undefined}>
        {agentText(row)}
      </span>
      <span role="gridcell" className="c-size">{row.kind === 'message' || row.size > 0 ? formatBytes(row.size) : ''}</span>
    </div>
  )
}, sameRow)

function sameRow(
  before: { row: FrameRow; index: number; top: number; selected: boolean },
  after: { row: FrameRow; index: number; top: number; selected: boolean }
): boolean {
  return before.row.seq === after.row.seq && before.index === after.index && before.top === after.top && before.selected === after.selected
}
