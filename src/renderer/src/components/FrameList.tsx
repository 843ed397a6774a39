import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useLayoutEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react'
import type { FrameRow } from '../../../shared/session-model'
import { findIndexBySeq } from '../lib/find-by-seq'
import { FrameRowView } from './FrameRowView'

/** Fixed row height: lets the virtualiser place 100 000 rows without measuring any. */
export const FRAME_ROW_HEIGHT = 22

// How close to the end counts as "at the tail" (covers sub-pixel scroll positions).
const TAIL_SLACK_PX = FRAME_ROW_HEIGHT * 2

/**
 * The virtualised frame list: only the rows in view (plus a small overscan) exist in the DOM.
 *
 * With `followTail` on, every new row scrolls into view; scrolling away from the end turns
 * it off and scrolling back to the end turns it on again, like a terminal.
 */
export function FrameList({
  rows,
  selectedSeq,
  followTail,
  onSelect,
  onFollowTailChange
}: {
  rows: FrameRow[]
  selectedSeq: number | null
  followTail: boolean
  onSelect: (seq: number) => void
  onFollowTailChange: (follow: boolean) => void
}) {
  const scrollRef = useRef<HTMLDivElement>(null)
  // The selection effect below must not re-run (and re-scroll) on every new row, so it reads rows here.
  const rowsRef = useRef(rows)
  useLayoutEffect(() => {
    rowsRef.current = rows
  }, [rows])
  // Where following the tail last put the list: the scroll event that causes is ours, not the user's.
  const autoTopRef = useRef(Number.NaN)

  // The app does not run the React Compiler; the virtualiser is used as its docs describe.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => FRAME_ROW_HEIGHT,
    overscan: 10
  })

  // Runs before paint, so following the tail never shows a frame of the old position.
  useLayoutEffect(() => {
    const element = scrollRef.current
    if (!followTail || !element || rows.length === 0) return
    element.scrollTop = element.scrollHeight
    autoTopRef.current = element.scrollTop
  }, [followTail, rows.length])

  // Keep the selection in view when it changes (keyboard, or a click in the runs timeline).
  useEffect(() => {
    if (selectedSeq === null) return
    const index = findIndexBySeq(rowsRef.current, selectedSeq)
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' })
  }, [selectedSeq, virtualizer])

  const onScroll = useCallback(() => {
    const element = scrollRef.current
    if (!element) return
    if (Math.abs(element.scrollTop - autoTopRef.current) < 1) {
      autoTopRef.current = Number.NaN
      return
    }
    const atTail = element.scrollHeight - element.scrollTop - element.clientHeight <= TAIL_SLACK_PX
    if (atTail !== followTail) onFollowTailChange(atTail)
  }, [followTail, onFollowTailChange])

  // One handler for every row: rows stay cheap (no closure each) and memoisable.
  const onClick = useCallback(
    (event: MouseEvent<HTMLDivElement>) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('[data-seq]')
      if (row?.dataset.seq) onSelect(Number(row.dataset.seq))
    },
    [onSelect]
  )

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (rows.length === 0) return
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / FRAME_ROW_HEIGHT) - 1)
    const current = selectedSeq === null ? -1 : findIndexBySeq(rows, selectedSeq)
    const moves: Record<string, number> = {
      ArrowDown: current < 0 ? 0 : current + 1,
      ArrowUp: current < 0 ? rows.length - 1 : current - 1,
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: rows.length - 1
    }
    if (!(event.key in moves)) return
    event.preventDefault()
    const next = Math.min(rows.length - 1, Math.max(0, moves[event.key]))
    onSelect(rows[next].seq)
  }

  const items = virtualizer.getVirtualItems()
  return (
    <div
      ref={scrollRef}
      className="frame-list"
      data-testid="frame-list"
      role="grid"
      aria-label="Frames"
      aria-rowcount={rows.length}
      tabIndex={0}
      onScroll={onScroll}
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      <div className="frame-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index]
          return <FrameRowView key={row.seq} row={row} index={item.index} top={item.start} selected={row.seq === selectedSeq} />
        })}
      </div>
    </div>
  )
}
