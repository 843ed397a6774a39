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
 * The rows of a list that pass a test, kept up to date incrementally: `update(count)` tests only
 * the rows appended since the last call, so a batch costs in proportion to the batch. Without a
 * test the rows are the list itself (nothing copied, nothing tested); with one, a view over the
 * indices of the rows that pass. Make a new one when the list or the test changes.
 */
export class NarrowedRows {
  private readonly kept: number[] = []
  private readonly view: RowSubset
  private scanned = 0

  constructor(
    private readonly source: RowList,
    private readonly test: ((row: FrameRow) => boolean) | null
  ) {
    this.view = new RowSubset(source, this.kept)
  }

  /** Whether a test is applied at all. */
  get filtered(): boolean {
    return this.test !== null
  }

  /** Take in rows up to `count` of the source; returns the rows that pass and how many there are. */
  update(count: number): { rows: RowList; count: number } {
    if (!this.test) return { rows: this.source, count }
    const end = Math.min(count, this.source.length)
    if (end < this.scanned) {
      // The list was cut back (a replay stepped back): test it again from the start.
      this.kept.length = 0
      this.scanned = 0
    }
    for (; this.scanned < end; this.scanned++) {
      if (this.test(this.source.at(this.scanned) as FrameRow)) this.kept.push(this.scanned)
    }
    return { rows: this.view, count: this.kept.length }
  }
}

/** The rows of one session that match one filter typed in the frame list's filter box. */
export class RowFilter extends NarrowedRows {
  constructor(source: RowList, filter: string) {
    super(source, predicateOf(filter))
  }
}
