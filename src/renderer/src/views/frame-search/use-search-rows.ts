import { useMemo } from 'react'
import { RowSubset, type RowList } from '../../../../shared/session-model'
import { useAppStore } from '../../stores/use-app-store'

/** Rows of the frame list: a list that may be longer than `count` (it grows in place), and how many count. */
export type ListedRows = { rows: RowList; count: number }

/**
 * Narrow the list's rows to the direction filter and, while a content search is active, to its
 * matches. Returns the input when neither applies, so an unfiltered list costs nothing per batch.
 */
export function useSearchRows(listed: ListedRows): ListedRows {
  const direction = useAppStore((state) => state.searchDirection)
  const matches = useAppStore((state) => state.searchMatches)
  const { rows, count } = listed
  const narrowed = useMemo(() => {
    if (direction === 'any' && matches === null) return null
    const matchSet = matches === null ? null : new Set(matches)
    const kept: number[] = []
    for (let i = 0; i < count; i++) {
      const row = rows.at(i)
      if (row && (direction === 'any' || row.dir === direction) && (matchSet === null || matchSet.has(row.seq))) kept.push(i)
    }
    return { rows: new RowSubset(rows, kept), count: kept.length }
  }, [rows, count, direction, matches])
  return narrowed ?? listed
}
