import { describe, expect, it } from 'vitest'
import { RowSubset, RowTable } from './row-table'
import type { FrameRow } from './session-model'

function row(seq: number): FrameRow {
  const kinds: FrameRow['kind'][] = ['message', 'close', 'note', 'ping']
  return {
    seq,
    t: seq * 1.25,
    dir: seq % 3 === 0 ? 'out' : seq % 3 === 1 ? 'in' : 'local',
    kind: kinds[seq % kinds.length],
    label: seq % 5 === 0 ? `note ${seq}` : 'stream_chunk',
    size: seq * 7,
    runId: seq % 2 === 0 ? `run_${seq % 11}` : null,
    agentName: seq % 4 === 0 ? 'triage' : null,
    flag: seq % 13 === 0 ? 'malformed-json' : seq % 17 === 0 ? 'binary' : null
  }
}

describe('RowTable', () => {
  it('gives back every row exactly as pushed, across chunk boundaries', () => {
    const table = new RowTable()
    const count = 40_000
    for (let seq = 0; seq < count; seq++) table.push(row(seq))
    expect(table.length).toBe(count)
    for (const index of [0, 1, 16_383, 16_384, 16_385, 32_767, 32_768, count - 1]) {
      expect(table.at(index)).toEqual(row(index))
      expect(table.seqAt(index)).toBe(index)
      expect(table.labelAt(index)).toBe(row(index).label)
    }
    expect(table.toArray()).toEqual(Array.from({ length: count }, (_, seq) => row(seq)))
  })

  it('reads from the end with a negative index, and nothing outside the table', () => {
    const table = RowTable.from([row(5), row(6), row(7)])
    expect(table.at(-1)?.seq).toBe(7)
    expect(table.at(-3)?.seq).toBe(5)
    expect(table.at(-4)).toBeUndefined()
    expect(table.at(3)).toBeUndefined()
    expect(new RowTable().at(-1)).toBeUndefined()
  })

  it('keeps seq and time offsets that are not small integers', () => {
    const odd: FrameRow = { ...row(1), seq: 2 ** 40 + 3, t: 123_456.789, size: 5_000_000_000 }
    expect(RowTable.from([odd]).at(0)).toEqual(odd)
  })
})

describe('RowSubset', () => {
  it('shows the rows at its indices, and grows when they do', () => {
    const table = RowTable.from([row(0), row(1), row(2), row(3)])
    const indices = [1, 3]
    const subset = new RowSubset(table, indices)
    expect(subset.toArray().map((r) => r.seq)).toEqual([1, 3])
    expect(subset.at(-1)?.seq).toBe(3)
    expect(subset.seqAt(0)).toBe(1)
    indices.push(2)
    expect(subset.length).toBe(3)
    // A subset of a subset reads through to the table.
    expect(new RowSubset(subset, [0, 2]).toArray().map((r) => r.seq)).toEqual([1, 2])
  })
})
