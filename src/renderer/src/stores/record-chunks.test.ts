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
    expect(chunks.size()).toBe(RECORD_CHUNK_SIZE * 24)
    expect(chunks.peek(total - 1)?.seq).toBe(total - 1)
    expect(chunks.peek(0)).toBeUndefined()
    // A fetched old range comes back, and evicts the oldest of the others instead.
    chunks.put([messageRecord(5, { type: 'pong' })])
    expect(chunks.peek(5)?.seq).toBe(5)
    expect(chunks.peek(total - 1)?.seq).toBe(total - 1)
    expect(chunks.peek(RECORD_CHUNK_SIZE * 6)).toBeUndefined()
    expect(RecordChunks.chunkStart(RECORD_CHUNK_SIZE + 7)).toBe(RECORD_CHUNK_SIZE)
  })
})
