import type { FrameRecord } from '../../../shared/api/frame-record'

/** Records per chunk: the unit kept, evicted and fetched by range. */
export const RECORD_CHUNK_SIZE = 4096

/**
 * Chunks kept per session (16 384 records): the recent ones and those the user looked at. Every
 * record a flood brings lands here first, so whatever the window holds survives V8's young
 * generation and is copied into the old one: at 24 chunks (~100 000 records) the page's garbage
 * collections during a 1 M-frame flood and while scrolling took 30–120 ms, most of it waiting for
 * the collector's helper threads on a busy machine. Records a view needs beyond the window are
 * kept by `keep`, not by a bigger window.
 */
const MAX_CHUNKS = 4

/**
 * The renderer's full records of one session, a bounded window of them: rows for every record
 * live in the model, full records only here, in chunks of `RECORD_CHUNK_SIZE` seqs. New batches
 * land in the newest chunk; the least recently used chunk goes first, so memory stays bounded
 * however long the session, and a record that is gone is fetched again by range.
 */
export class RecordChunks {
  // Map order is use order: the first entry is the least recently used chunk.
  private readonly chunks = new Map<number, FrameRecord[]>()
  /** Records kept whatever the window evicts (the agents' output frames the Report shows). */
  private readonly kept = new Map<number, FrameRecord>()
  /** Seqs to keep as soon as their record arrives. */
  private readonly wanted = new Set<number>()

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
      if (this.wanted.size > 0 && this.wanted.delete(record.seq)) this.kept.set(record.seq, record)
    }
    this.evict()
  }

  /** The record with `seq`, if held (does not count as a use: selectors call it on every change). */
  peek(seq: number): FrameRecord | undefined {
    return this.chunks.get(Math.floor(seq / RECORD_CHUNK_SIZE))?.[seq % RECORD_CHUNK_SIZE] ?? this.kept.get(seq)
  }

  /**
   * Keep the record with `seq` beyond the window's eviction: now if it is held, else once it
   * arrives. Returns whether it is held now (if not, fetch its range).
   */
  keep(seq: number): boolean {
    const record = this.peek(seq)
    if (record) this.kept.set(seq, record)
    else this.wanted.add(seq)
    return record !== undefined
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
