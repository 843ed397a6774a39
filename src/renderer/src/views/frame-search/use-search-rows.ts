import { useMemo } from 'react'
import type { RowList } from '../../../../shared/session-model'
import type { FrameDirection } from '../../../../shared/api/frame-record'
import { NarrowedRows } from '../../lib/filter-rows'
import { useAppStore } from '../../stores/use-app-store'

/** Rows of the frame list: a list that may be longer than `count` (it grows in place), and how many count. */
export type ListedRows = { rows: RowList; count: number }

/** The rows of a list that pass the direction filter and, while a content search is active, are among its matches. */
export class SearchNarrowing extends NarrowedRows {
  constructor(source: RowList, direction: FrameDirection | 'any', matches: readonly number[] | null) {
    const matchSet = matches === null ? null : new Set(matches)
    super(source, (row) => (direction === 'any' || row.dir === direction) && (matchSet === null || matchSet.has(row.seq)))
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
