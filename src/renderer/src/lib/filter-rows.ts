import { RowSubset, type FrameRow, type RowList } from '../../../shared/session-model'

/** The filter that shows only flagged frames (malformed JSON, binary, non-object). */
export const FLAGGED_FILTER = 'is:flagged'

/** The test a filter puts a row to: message type or label, agent, run id, or exact seq; null for no filter. */
function predicateOf(filter: string): ((row: FrameRow) => boolean) | null {
  const query = filter.trim().toLowerCase()
  if (query === '') return null
  if (query === FLAGGED_FILTER) return (row) => row.flag !== null
  const seq = /^\d+$/.test(query) ? Number(query) : null
  return (row) =>
    row.seq === seq ||
    row.label.toLowerCase().includes(query) ||
    (row.agentName !== null && row.agentName.toLowerCase().includes(query)) ||
    (row.runId !== null && row.runId.toLowerCase().includes(query))
}

/**
 * The rows of one session that match one filter, kept up to date incrementally: `update(count)`
 * tests only the rows appended since the last call, so a batch costs in proportion to the batch.
 * With an empty filter the rows are the session's own list (nothing copied, nothing tested); with
 * one, a view over the indices of the matching rows.
 * Make a new one when the filter or the session changes.
 */
export class RowFilter {
  private readonly test: ((row: FrameRow) => boolean) | null
  private readonly matches: number[] = []
  private readonly view: RowSubset
  private scanned = 0

  constructor(
    private readonly source: RowList,
    filter: string
  ) {
    this.test = predicateOf(filter)
    this.view = new RowSubset(source, this.matches)
  }

  /** Whether a filter is applied at all. */
  get filtered(): boolean {
    return this.test !== null
  }

  /** Take in rows up to `count` of the source; returns the matching rows and how many there are. */
  update(count: number): { rows: RowList; count: number } {
    if (!this.test) return { rows: this.source, count }
    const end = Math.min(count, this.source.length)
    for (; this.scanned < end; this.scanned++) {
      if (this.test(this.source.at(this.scanned) as FrameRow)) this.matches.push(this.scanned)
    }
    return { rows: this.view, count: this.matches.length }
  }
}
