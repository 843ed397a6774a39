import { useMemo } from 'react'
import { RowSubset, type RowList } from '../../../../shared/session-model'
import type { FrameDirection } from '../../../../shared/api/frame-record'
import { useAppStore } from '../../stores/use-app-store'

/** Rows of the frame list: a list that may be longer than `count` (it grows in place), and how many count. */
export type ListedRows = { rows: RowList; count: number }

/**
 * The rows of a list that pass the direction filter and, while a content search is active, are
 * among its matches, kept up to date incrementally: `update(count)` tests only the rows appended
 * since the last call, so a batch costs in proportion to the batch, not to the session.
 * Make a new one when the list, the direction or the matches change.
 */
export class SearchNarrowing {
  private readonly kept: number[] = []
  private readonly view: RowSubset
  private readonly matchSet: ReadonlySet<number> | null
  private scanned = 0

  constructor(
    private readonly source: RowList,
    private readonly direction: FrameDirection | 'any',
    matches: readonly number[] | null
  ) {
    this.matchSet = matches === null ? null : new Set(matches)
    this.view = new RowSubset(source, this.kept)
  }

  /** Take in rows up to `count` of the source; returns the rows kept and how many there are. */
  update(count: number): ListedRows {
    const end = Math.min(count, this.source.length)
    if (end < this.scanned) {
      // The list was cut back (a replay stepped back): test it again from the start.
      this.kept.length = 0
      this.scanned = 0
    }
    for (; this.scanned < end; this.scanned++) {
      if (this.matchSet !== null && !this.matchSet.has(this.source.seqAt(this.scanned))) continue
      if (this.direction !== 'any' && this.source.at(this.scanned)?.dir !== this.direction) continue
      this.kept.push(this.scanned)
    }
    return { rows: this.view, count: this.kept.length }
  }
}

/**
 * Narrow the list's rows to the direction filter and, while a content search is active, to its
 * matches. Returns the input when neither applies, so an unfiltered list costs nothing per batch;
 * otherwise each batch tests only the rows it added.
 */
export function useSearchRows(listed: ListedRows): ListedRows {
  const direction = useAppStore((state) => state.searchDirection)
  const matches = useAppStore((state) => state.searchMatches)
  const { rows, count } = listed
  const narrowing = useMemo(
    () => (direction === 'any' && matches === null ? null : new SearchNarrowing(rows, direction, matches)),
    [rows, direction, matches]
  )
  return narrowing ? narrowing.update(count) : listed
}
