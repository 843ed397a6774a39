import { useEffect, useRef, useState } from 'react'
import { EmptyState } from '../../components/EmptyState'
import { useAppStore } from '../../stores/use-app-store'
import { LIBRARY_ROW_HEIGHT, LibraryRow } from './LibraryRow'

/** Rows rendered above and below the visible ones. */
const OVERSCAN = 6

/**
 * The past sessions, virtualised: only the visible rows (plus overscan) are in the DOM, windowed by
 * arithmetic on a fixed row height, and only their pages are fetched from the backend. 10 000
 * recordings cost what 20 do.
 */
export function LibraryList() {
  const total = useAppStore((s) => s.libraryTotal)
  const rows = useAppStore((s) => s.libraryRows)
  const loadRange = useAppStore((s) => s.loadLibraryRange)
  const filtered = useAppStore(
    (s) =>
      s.libraryFilter.text !== '' ||
      s.libraryFilter.environmentId !== null ||
      s.libraryFilter.verdict !== null ||
      s.libraryFilter.component !== null
  )
  const scrollRef = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [height, setHeight] = useState(400)

  useEffect(() => {
    const element = scrollRef.current
    if (!element) return
    const observer = new ResizeObserver(() => setHeight(element.clientHeight))
    observer.observe(element)
    setHeight(element.clientHeight)
    return () => observer.disconnect()
  }, [])

  const first = Math.max(0, Math.floor(scrollTop / LIBRARY_ROW_HEIGHT) - OVERSCAN)
  const last = Math.min(total, Math.ceil((scrollTop + height) / LIBRARY_ROW_HEIGHT) + OVERSCAN)
  useEffect(() => {
    if (last > first) void loadRange(first, last)
  }, [first, last, rows, loadRange])

  if (total === 0)
    return (
      <EmptyState title={filtered ? 'No recordings match' : 'No recordings yet'}>
        {filtered ? 'Change the search or the filters.' : 'Sessions are recorded here as they end.'}
      </EmptyState>
    )

  const visible = []
  for (let index = first; index < last; index++) {
    const entry = rows[index]
    visible.push(
      <li
        key={entry?.id ?? `loading-${index}`}
        className="library-item"
        style={{ top: index * LIBRARY_ROW_HEIGHT, height: LIBRARY_ROW_HEIGHT }}
      >
        {entry ? (
          <LibraryRow entry={entry} />
        ) : (
          <div className="library-row library-row-loading muted">…</div>
        )}
      </li>
    )
  }
  return (
    <div
      ref={scrollRef}
      className="library-scroll"
      data-testid="library-list"
      data-total={total}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <ul className="library-rows" style={{ height: total * LIBRARY_ROW_HEIGHT }}>
        {visible}
      </ul>
    </div>
  )
}
