import type { FrameRow } from '../../../shared/session-model'

/** The filter that shows only flagged frames (malformed JSON, binary, non-object). */
export const FLAGGED_FILTER = 'is:flagged'

/**
 * Rows matching a filter: message type or label, agent, run id, or exact seq.
 *
 * Returns the same array when the filter is empty, so an unfiltered list costs nothing.
 */
export function filterRows(rows: FrameRow[], filter: string): FrameRow[] {
  const query = filter.trim().toLowerCase()
  if (query === '') return rows
  if (query === FLAGGED_FILTER) return rows.filter((row) => row.flag !== null)
  const seq = /^\d+$/.test(query) ? Number(query) : null
  return rows.filter(
    (row) =>
      row.seq === seq ||
      row.label.toLowerCase().includes(query) ||
      (row.agentName !== null && row.agentName.toLowerCase().includes(query)) ||
      (row.runId !== null && row.runId.toLowerCase().includes(query))
  )
}
