import { describe, expect, it } from 'vitest'
import { RowTable, type FrameRow } from '../../../shared/session-model'
import { FLAGGED_FILTER, RowFilter } from './filter-rows'

function row(seq: number, label: string, extra: Partial<FrameRow> = {}): FrameRow {
  return { seq, t: seq, dir: 'in', kind: 'message', label, size: 10, runId: null, agentName: null, flag: null, ...extra }
}

describe('RowFilter', () => {
  it('without a filter, shows the session’s own rows up to the count, copying nothing', () => {
    const rows = RowTable.from([row(0, 'a'), row(1, 'b')])
    const filter = new RowFilter(rows, '  ')
    expect(filter.filtered).toBe(false)
    const shown = filter.update(2)
    expect(shown.rows).toBe(rows)
    expect(shown.count).toBe(2)
  })

  it('tests each appended row once, as the session grows in place', () => {
    const rows = RowTable.from([row(0, 'agent_started', { agentName: 'triage' }), row(1, 'stream_chunk')])
    const filter = new RowFilter(rows, 'TRIAGE')
    expect(filter.update(2).count).toBe(1)
    for (const more of [row(2, 'agent_completed', { agentName: 'triage' }), row(3, 'pong'), row(4, 'x', { runId: 'run_triage' })]) rows.push(more)
    // Only the first three have been "applied" so far: the rest wait for their count.
    expect(filter.update(3).rows.toArray().map((r) => r.seq)).toEqual([0, 2])
    const shown = filter.update(5)
    expect(shown.rows.toArray().map((r) => r.seq)).toEqual([0, 2, 4])
    expect(shown.count).toBe(3)
  })

  it('matches an exact seq, and the flagged filter', () => {
    const rows = RowTable.from([row(10, 'a'), row(11, 'b', { flag: 'binary' }), row(110, 'c')])
    expect(new RowFilter(rows, '11').update(3).rows.toArray().map((r) => r.seq)).toEqual([11])
    expect(new RowFilter(rows, FLAGGED_FILTER).update(3).rows.toArray().map((r) => r.seq)).toEqual([11])
  })
})
