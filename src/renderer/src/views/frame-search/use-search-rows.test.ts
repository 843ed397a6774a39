import { describe, expect, it } from 'vitest'
import { RowTable, type FrameRow } from '../../../../shared/session-model'
import { SearchNarrowing } from './use-search-rows'

function row(seq: number, dir: FrameRow['dir']): FrameRow {
  return { seq, t: seq, dir, kind: 'message', label: 'stream_chunk', runId: null, agentName: null, size: 10, flag: null }
}

/** A table that counts how many rows were built from it, to show a batch tests only its own rows. */
function countingTable(rows: FrameRow[]): { table: RowTable; built: () => number } {
  const table = RowTable.from(rows)
  let built = 0
  const at = table.at.bind(table)
  table.at = (index: number) => {
    built++
    return at(index)
  }
  return { table, built: () => built }
}

describe('SearchNarrowing', () => {
  it('keeps the rows of one direction that are among the matches, in order', () => {
    const table = RowTable.from(Array.from({ length: 10 }, (_, seq) => row(seq, seq % 2 ? 'out' : 'in')))
    const narrowing = new SearchNarrowing(table, 'in', [0, 1, 2, 3, 8])
    const { rows, count } = narrowing.update(10)
    expect(count).toBe(3)
    expect(rows.toArray().map((kept) => kept.seq)).toEqual([0, 2, 8])
    expect(new SearchNarrowing(table, 'any', [3, 5]).update(10).rows.toArray().map((kept) => kept.seq)).toEqual([3, 5])
    expect(new SearchNarrowing(table, 'out', null).update(10).count).toBe(5)
  })

  it('tests only the rows a batch added, and sees a list that grows in place', () => {
    const { table, built } = countingTable(Array.from({ length: 1000 }, (_, seq) => row(seq, 'in')))
    const narrowing = new SearchNarrowing(table, 'in', null)
    expect(narrowing.update(1000).count).toBe(1000)
    expect(built()).toBe(1000)
    for (let seq = 1000; seq < 1010; seq++) table.push(row(seq, seq % 2 ? 'out' : 'in'))
    const after = narrowing.update(1010)
    expect(built()).toBe(1010)
    expect(after.count).toBe(1005)
    expect(after.rows.at(-1)?.seq).toBe(1008)
  })

  it('counts only up to `count`, and starts again when the list is cut back', () => {
    const table = RowTable.from(Array.from({ length: 20 }, (_, seq) => row(seq, 'in')))
    const narrowing = new SearchNarrowing(table, 'in', null)
    expect(narrowing.update(15).count).toBe(15)
    expect(narrowing.update(5).count).toBe(5)
    expect(narrowing.update(20).count).toBe(20)
  })
})
