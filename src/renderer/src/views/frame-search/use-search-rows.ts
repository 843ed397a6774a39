import { useMemo } from 'react'
import type { FrameRow } from '../../../../shared/session-model'
import { useAppStore } from '../../stores/use-app-store'

/**
 * Narrow the list's rows to the direction filter and, while a content search is active, to its
 * matches. Returns the same array when neither applies, so an unfiltered list costs nothing.
 */
export function useSearchRows(rows: FrameRow[]): FrameRow[] {
  const direction = useAppStore((state) => state.searchDirection)
  const matches = useAppStore((state) => state.searchMatches)
  return useMemo(() => {
    if (direction === 'any' && matches === null) return rows
    const matchSet = matches === null ? null : new Set(matches)
    return rows.filter((row) => (direction === 'any' || row.dir === direction) && (matchSet === null || matchSet.has(row.seq)))
  }, [rows, direction, matches])
}
