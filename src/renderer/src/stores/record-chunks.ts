import type { FrameRecord } from '../../../shared/api/frame-record'

/** Records per chunk: the unit kept, evicted and fetched by range. */
export const RECORD_CHUNK_SIZE = 4096

/** Chunks kept per session (~100 000 records): the recent ones and those the user looked at. */
const MAX_CHUNKS = 24

/**
 * The renderer's full records of one session, a bounded window of them: rows for every record
 * live in the model, full records only here, in chunks of `RECORD_CHUNK_SIZE` seqs. New batches
 * land in the newest chunk; the least recently used chunk goes first, so memory stays bounded
 * however long the session, and a record that is gone is fetched again by range.
 */
export class RecordChunks {
  // Map order is use order: the first entry is the least recently used chunk.
  private readonly chunks = new Map<number, FrameRecord[]>()

  /** Keep records (any order, any chunk). */
  put(records: readonly FrameRecord[]): void {
    let key = Number.NaN
    let chunk: FrameRecord[] = []
    for (const record of records) {
      const recordKey = Math.floor(record.seq / RECORD_CHUNK_SIZE)
      if (recordKey !== key) {
        key = recordKey
        chunk = this.chunks.get(key) ?? []
        // Re-inserting moves the chunk to the most recently used end.
        this.chunks.delete(key)
        this.chunks.set(key, chunk)
      }
      chunk[record.seq - key * RECORD_CHUNK_SIZE] = record
    }
    this.evict()
  }

  /** The record with `seq`, if held (does not count as a use: selectors call it on every change). */
  peek(seq: number): FrameRecord | undefined {
    return this.chunks.get(Math.floor(seq / RECORD_CHUNK_SIZE))?.[seq % RECORD_CHUNK_SIZE]
  }

  /** The first seq of the chunk holding `seq`: where a range fetch for it starts. */
  static chunkStart(seq: number): number {
    return Math.floor(seq / RECORD_CHUNK_SIZE) * RECORD_CHUNK_SIZE
  }

  /** How many records are held (for tests and the perf spec). */
  size(): number {
    let count = 0
    for (const chunk of this.chunks.values()) for (const record of chunk) if (record) count++
    return count
  }

  private evict(): void {
    while (this.chunks.size > MAX_CHUNKS) {
      const oldest = this.chunks.keys().next().value as number
      this.chunks.delete(oldest)
    }
  }
}
