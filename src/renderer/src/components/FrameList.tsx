import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react'
import type { RowList } from '../../../shared/session-model'
import { findIndexBySeq } from '../lib/find-by-seq'
import { FrameRowView } from './FrameRowView'
import { listScrollGeometry } from './list-scroll-geometry'

/** Fixed row height (the stylesheet's `--row-h`): row i sits at i × this, so nothing is ever measured. */
export const FRAME_ROW_HEIGHT = 22

// Rows rendered above and below the viewport, so a fast scroll does not show blank space first.
const OVERSCAN = 12
// How close to the end counts as "at the tail" (covers sub-pixel scroll positions).
const TAIL_SLACK_PX = FRAME_ROW_HEIGHT * 2
// Rows are placed relative to a block that starts at a multiple of this many rows. A transform is
// drawn in single precision: at a million rows (22 M px) translateY(index × 22 px) is off by up to
// 2 px and rows overlap. The block's own offset is layout (exact to 1/64 px); the rows' offsets
// inside it stay small and exact, and change only when the view crosses into another block. Past
// MAX_CONTENT_PX of rows the content is no taller than that (see listScrollGeometry): the block then
// sits where the view is, and the rows are placed in it from the view's position among them.
const BLOCK_ROWS = 4096
// Until the list has been measured once (and in jsdom, which measures nothing), assume a screenful.
const FALLBACK_VIEWPORT_PX = 600

/** The list's own height, measured on mount and then only when it resizes (never per batch). */
function useViewportHeight(ref: RefObject<HTMLDivElement | null>): number {
  const [height, setHeight] = useState(0)
  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    // offsetHeight where clientHeight is unknown (jsdom fakes only the former).
    setHeight(element.clientHeight || element.offsetHeight)
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(([entry]) => setHeight(entry.contentRect.height))
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref])
  return height || FALLBACK_VIEWPORT_PX
}

/**
 * The virtual frame list: rows `[0, count)` of `rows` (a column-stored table or a view of one), of which only those in view (plus a small
 * overscan) exist in the DOM. Windowing is arithmetic (scrollTop / row height); nothing is
 * measured per row or per batch, and the DOM is never read after a write in the same frame.
 *
 * `rows` is an append-only list that grows in place; `count` is how many of them to show, so a
 * new batch re-renders only the rows that come into view. With `followTail` on, the list stays at
 * the bottom while rows arrive; scrolling up turns it off and scrolling back to the end turns it
 * on again, like a terminal.
 */
export function FrameList({
  rows,
  count = rows.length,
  selectedSeq,
  followTail,
  onSelect,
  onFollowTailChange
}: {
  rows: RowList
  count?: number
  selectedSeq: number | null
  followTail: boolean
  onSelect: (seq: number) => void
  onFollowTailChange: (follow: boolean) => void
}) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const viewport = useViewportHeight(scrollRef)
  // The scrollbar's real position (scrollTop), and `top`, the view's position among the rows
  // (the same while the rows fit in MAX_CONTENT_PX, `scale` times it beyond).
  const [scrollTop, setScrollTop] = useState(0)
  const { contentHeight, virtualHeight, scale } = listScrollGeometry(count, FRAME_ROW_HEIGHT, viewport)
  const maxScroll = Math.max(0, contentHeight - viewport)
  // Following the tail, the window is the end of the list whatever the last scroll event said.
  const scrolled = followTail ? maxScroll : Math.min(scrollTop, maxScroll)
  const top = scale === 1 ? scrolled : Math.min(scrolled * scale, Math.max(0, virtualHeight - viewport))

  // The effects below must not re-run on every new row, so they read the newest values here.
  const latest = useRef({ rows, count, top, viewport, scale })
  useLayoutEffect(() => {
    latest.current = { rows, count, top, viewport, scale }
  })

  // Move the scrollbar to the end in the next animation frame, right before that frame's own
  // layout: one layout per frame however many batches arrived, none forced mid-task, and the
  // position is arithmetic (nothing is read back). `autoTop` is where that put the list: the
  // scroll event it causes must not count as the user leaving the tail, even if rows arrived since.
  const pendingFrame = useRef(0)
  const autoTop = useRef(Number.POSITIVE_INFINITY)
  useEffect(() => {
    if (!followTail || count === 0 || pendingFrame.current !== 0) return
    pendingFrame.current = requestAnimationFrame(() => {
      pendingFrame.current = 0
      const { count: shown, viewport: height } = latest.current
      autoTop.current = Math.max(0, listScrollGeometry(shown, FRAME_ROW_HEIGHT, height).contentHeight - height)
      if (scrollRef.current) scrollRef.current.scrollTop = autoTop.current
    })
  }, [followTail, count])
  useEffect(() => () => cancelAnimationFrame(pendingFrame.current), [])

  // Keep the selection in view when it changes (keyboard, or a click in the runs timeline).
  useEffect(() => {
    const element = scrollRef.current
    if (selectedSeq === null || !element) return
    const { rows: current, count: shown, top: at, viewport: height, scale: ratio } = latest.current
    const index = findIndexBySeq(current, selectedSeq, shown)
    if (index < 0) return
    const rowTop = index * FRAME_ROW_HEIGHT
    if (rowTop < at) element.scrollTop = rowTop / ratio
    else if (rowTop + FRAME_ROW_HEIGHT > at + height) element.scrollTop = (rowTop + FRAME_ROW_HEIGHT - height) / ratio
  }, [selectedSeq])

  const onScroll = useCallback(() => {
    const element = scrollRef.current
    if (!element) return
    const position = element.scrollTop
    setScrollTop(position)
    const atTail = position + viewport >= contentHeight - TAIL_SLACK_PX || (followTail && position >= autoTop.current - 1)
    if (atTail !== followTail) onFollowTailChange(atTail)
  }, [viewport, contentHeight, followTail, onFollowTailChange])

  // One handler for every row: rows stay cheap (no closure each) and memoisable.
  const onClick = useCallback(
    (event: MouseEvent<HTMLDivElement>) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('[data-seq]')
      if (row?.dataset.seq) onSelect(Number(row.dataset.seq))
    },
    [onSelect]
  )

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (count === 0) return
    const page = Math.max(1, Math.floor(viewport / FRAME_ROW_HEIGHT) - 1)
    const current = selectedSeq === null ? -1 : findIndexBySeq(rows, selectedSeq, count)
    const moves: Record<string, number> = {
      ArrowDown: current < 0 ? 0 : current + 1,
      ArrowUp: current < 0 ? count - 1 : current - 1,
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: count - 1
    }
    if (!(event.key in moves)) return
    event.preventDefault()
    const next = Math.min(count - 1, Math.max(0, moves[event.key]))
    onSelect(rows.seqAt(next))
  }

  // The window is always `slots` rows (or every row, when there are fewer): the visible ones and
  // OVERSCAN either side, more below when a row sits exactly at the top, more above at the tail.
  // Rows are keyed by slot, index modulo `slots`: any window's rows then take every slot once, so
  // however far the list moved (a jump, or the tail of a flood hundreds of rows on since the last
  // render) they refill the DOM nodes already there, and a one-row scroll re-renders only the row
  // that came into view. Before, with twice as many slots and a window of varying length, a flood
  // replaced ~30 of ~45 row nodes on every render.
  const slots = Math.ceil(viewport / FRAME_ROW_HEIGHT) + 2 * OVERSCAN + 1
  const first = Math.max(0, Math.min(Math.floor(top / FRAME_ROW_HEIGHT) - OVERSCAN, count - slots))
  const end = Math.min(count, first + slots)
  // Where the block sits in the content, and row `index`'s offset in it.
  const block = Math.floor(first / BLOCK_ROWS) * BLOCK_ROWS
  const blockTop = scale === 1 ? block * FRAME_ROW_HEIGHT : Math.floor(scrolled)
  const offsetOf = (index: number): number => (scale === 1 ? (index - block) * FRAME_ROW_HEIGHT : index * FRAME_ROW_HEIGHT - top + (scrolled - blockTop))
  const items = []
  for (let index = first; index < end; index++) {
    const row = rows.at(index)
    if (!row) break
    items.push(<FrameRowView key={index % slots} row={row} index={index} top={offsetOf(index)} selected={row.seq === selectedSeq} />)
  }
  return (
    <div
      ref={scrollRef}
      className="frame-list"
      data-testid="frame-list"
      role="grid"
      aria-label="Frames"
      aria-rowcount={count}
      tabIndex={0}
      onScroll={onScroll}
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      <div className="frame-list-inner" style={{ height: contentHeight }}>
        <div className="frame-list-block" style={{ top: blockTop }}>
          {items}
        </div>
      </div>
    </div>
  )
}
