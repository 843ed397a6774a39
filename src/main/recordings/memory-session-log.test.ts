import { describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../shared/api/frame-record'
import { MemorySessionLog } from './memory-session-log'

function frame(seq: number, data = 'x'.repeat(100)): FrameRecord {
  return { seq, t: seq, dir: 'in', kind: 'message', opcode: 1, encoding: 'utf8', data, size: data.length }
}

describe('MemorySessionLog', () => {
  it('serves any range by number, like a recording on disk', async () => {
    const log = new MemorySessionLog()
    for (let seq = 0; seq < 3000; seq++) log.appendOne(frame(seq))
    expect(log.recordCount).toBe(3000)
    expect(log.filePath).toBeNull()
    const range = await log.readRange(990, 20)
    expect(range.records.map((record) => record.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 990 + i))
    expect(range.lines[0]).toBe(992)
    expect(range.issues).toEqual([])
    expect((await log.readRange(2995, 100)).records).toHaveLength(5)
    expect((await log.readRange(5000, 10)).records).toHaveLength(0)
  })

  it('past its cap keeps the head and the newest records, and says which were dropped', async () => {
    // Head of 10 records, ~1.6 MB cap: 20 000 records of ~196 bytes (estimated) is twice that.
    const log = new MemorySessionLog({ headRecords: 10, maxBytes: 1_600_000 })
    for (let seq = 0; seq < 20_000; seq++) log.appendOne(frame(seq))
    expect(log.recordCount).toBe(20_000)
    expect(log.droppedCount).toBeGreaterThan(4_000)
    const dropped = log.droppedCount
    const all = await log.readRange(0, 20_000)
    expect(all.records.slice(0, 10).map((record) => record.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(all.records).toHaveLength(20_000 - dropped)
    expect(all.records.at(-1)?.seq).toBe(19_999)
    // In order, with one gap right after the head.
    expect(all.records[10].seq).toBe(10 + dropped)
    expect(all.issues).toEqual([
      {
        line: 12,
        message: expect.stringContaining(`records 10–${9 + dropped} were dropped from the in-memory log`)
      }
    ])
  })

  it('is emptied by discard and takes nothing after close', async () => {
    const log = new MemorySessionLog()
    log.appendOne(frame(0))
    await log.close()
    log.appendOne(frame(1))
    expect(log.recordCount).toBe(1)
    await log.discard()
    expect(log.recordCount).toBe(0)
    expect((await log.readRange(0, 10)).records).toEqual([])
  })
})
