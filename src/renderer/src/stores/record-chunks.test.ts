import { describe, expect, it } from 'vitest'
import { messageRecord } from '../test-support/records'
import { RECORD_CHUNK_SIZE, RecordChunks } from './record-chunks'

describe('RecordChunks', () => {
  it('holds a bounded window: the newest chunks stay, the least recently used go', () => {
    const chunks = new RecordChunks()
    const total = RECORD_CHUNK_SIZE * 30
    for (let seq = 0; seq < total; seq += 1000) {
      const batch = []
      for (let i = seq; i < Math.min(total, seq + 1000); i++) batch.push(messageRecord(i, { type: 'stream_chunk' }))
      chunks.put(batch)
    }
    expect(chunks.size()).toBe(RECORD_CHUNK_SIZE * 4)
    expect(chunks.peek(total - 1)?.seq).toBe(total - 1)
    expect(chunks.peek(0)).toBeUndefined()
    // A fetched old range comes back, and evicts the oldest of the others instead.
    chunks.put([messageRecord(5, { type: 'pong' })])
    expect(chunks.peek(5)?.seq).toBe(5)
    expect(chunks.peek(total - 1)?.seq).toBe(total - 1)
    expect(chunks.peek(RECORD_CHUNK_SIZE * 26)).toBeUndefined()
    expect(chunks.peek(RECORD_CHUNK_SIZE * 27)?.seq).toBe(RECORD_CHUNK_SIZE * 27)
    expect(RecordChunks.chunkStart(RECORD_CHUNK_SIZE + 7)).toBe(RECORD_CHUNK_SIZE)
  })

  it('keeps the records it was asked to keep, held now or arriving later, whatever it evicts', () => {
    const chunks = new RecordChunks()
    const batch = (from: number, to: number): ReturnType<typeof messageRecord>[] => {
      const records = []
      for (let seq = from; seq < to; seq++) records.push(messageRecord(seq, { type: 'stream_chunk' }))
      return records
    }
    chunks.put(batch(0, 100))
    expect(chunks.keep(42)).toBe(true)
    expect(chunks.keep(RECORD_CHUNK_SIZE * 3 + 9)).toBe(false)
    // Output frames spread over more chunks than the window holds: each is fetched once and stays.
    for (let chunk = 1; chunk < 12; chunk++) chunks.put(batch(chunk * RECORD_CHUNK_SIZE, (chunk + 1) * RECORD_CHUNK_SIZE))
    expect(chunks.peek(0)).toBeUndefined()
    expect(chunks.peek(42)?.seq).toBe(42)
    expect(chunks.peek(RECORD_CHUNK_SIZE * 3 + 9)?.seq).toBe(RECORD_CHUNK_SIZE * 3 + 9)
    expect(chunks.peek(RECORD_CHUNK_SIZE * 3 + 10)).toBeUndefined()
    expect(chunks.size()).toBe(RECORD_CHUNK_SIZE * 4)
  })
})
