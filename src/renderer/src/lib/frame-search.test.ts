import { describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../../shared/api/frame-record'
import { adjacentMatch, compileQuery, searchRecords, type RecordSource } from './frame-search'

function message(seq: number, dir: 'in' | 'out', value: unknown): FrameRecord {
  const data = JSON.stringify(value)
  return { seq, t: seq, dir, kind: 'message', opcode: 1, encoding: 'utf8', data, size: data.length }
}

const all: FrameRecord[] = Array.from({ length: 30 }, (_, seq) =>
  seq % 10 === 3
    ? message(seq, 'out', { type: 'user_message', payload: { content: 'Analyse my cloud costs' } })
    : message(seq, 'in', { type: 'agent_thinking', data: { reasoning: seq === 17 ? 'Cloud COSTS are high' : 'thinking' } })
)

/** A source that holds only seqs 10..19 and serves the rest the way `session.records` pages them. */
function windowed(): RecordSource & { fetched: number[] } {
  const fetched: number[] = []
  return {
    held: all.slice(10, 20),
    lastSeq: 29,
    fetched,
    async fetch(fromSeq, limit) {
      fetched.push(fromSeq)
      const records = all.filter((record) => record.seq >= fromSeq).slice(0, Math.min(limit, 4))
      const nextSeq = (records.at(-1)?.seq ?? fromSeq) + 1
      return { records, nextSeq, done: nextSeq > 29 }
    }
  }
}

describe('frame search', () => {
  it('finds content in held and fetched records, in seq order, plain and case-insensitive', async () => {
    const source = windowed()
    const query = compileQuery('cloud costs', 'plain')
    if (!query.ok) throw new Error(query.error)
    const progress: number[] = []
    const matches = await searchRecords(source, query, { direction: 'any', chunkSize: 3, onProgress: (done) => progress.push(done) })
    expect(matches).toEqual([3, 13, 17, 23])
    // Records before and after the held window came from the backend, in pages.
    expect(source.fetched[0]).toBe(0)
    expect(source.fetched.some((seq) => seq >= 20)).toBe(true)
    expect(progress.at(-1)).toBe(30)
  })

  it('filters by direction and supports regex, with a clear message for an invalid one', async () => {
    const query = compileQuery('cloud\\s+costs', 'regex')
    if (!query.ok) throw new Error(query.error)
    expect(await searchRecords(windowed(), query, { direction: 'in' })).toEqual([17])
    const invalid = compileQuery('cloud(', 'regex')
    expect(invalid.ok).toBe(false)
    if (!invalid.ok) expect(invalid.error).toMatch(/^Invalid regular expression: .*cloud\(/)
  })

  it('stops when aborted and keeps what it found', async () => {
    const controller = new AbortController()
    const query = compileQuery('thinking', 'plain')
    if (!query.ok) throw new Error(query.error)
    const matches = await searchRecords({ ...windowed(), lastSeq: 19, held: all.slice(0, 20) }, query, {
      direction: 'any',
      chunkSize: 5,
      signal: controller.signal,
      onProgress: (done) => {
        if (done >= 5) controller.abort()
      }
    })
    expect(matches).toEqual([0, 1, 2, 4])
  })

  it('steps to the next and previous match, wrapping around', () => {
    expect(adjacentMatch([3, 13, 17], null, 1)).toBe(3)
    expect(adjacentMatch([3, 13, 17], 13, 1)).toBe(17)
    expect(adjacentMatch([3, 13, 17], 17, 1)).toBe(3)
    expect(adjacentMatch([3, 13, 17], 3, -1)).toBe(17)
    expect(adjacentMatch([], 3, -1)).toBeNull()
  })
})
