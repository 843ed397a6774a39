import type { TimeWindow } from './time-scale'

/** First index where `past` holds, for a predicate that is false and then true along the list (the length when never). */
function firstIndex<T>(items: readonly T[], past: (item: T) => boolean): number {
  let low = 0
  let high = items.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (past(items[mid])) high = mid
    else low = mid + 1
  }
  return low
}

/**
 * The items that overlap the window, from a list sorted by both start and end (markers, whose
 * start is their end; a lane's gaps, which follow each other). Two binary searches, so a zoom
 * step costs the log of a lane's length plus what is on screen, never the whole run.
 */
export function visibleSlice<T>(items: readonly T[], view: TimeWindow, startOf: (item: T) => number, endOf: (item: T) => number = startOf): readonly T[] {
  const first = firstIndex(items, (item) => endOf(item) >= view.start)
  const last = firstIndex(items, (item) => startOf(item) > view.end)
  if (first === 0 && last === items.length) return items
  return items.slice(first, Math.max(first, last))
}

/** The window widened by `pixels` on each side of a `width`-pixel plot, so a marker cut by the edge is still drawn. */
export function withMargin(view: TimeWindow, width: number, pixels: number): TimeWindow {
  const pad = ((view.end - view.start) / Math.max(1, width)) * pixels
  return { start: view.start - pad, end: view.end + pad }
}
