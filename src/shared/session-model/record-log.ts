import type { FrameRecord } from '../api/frame-record'
import { BULK_OUTPUT_TYPES, bulkStandIn, standInRecord } from './bulk-output'

/** Records per chunk: a chunk's arrays are allocated once and never copied as the log grows. */
const CHUNK_BITS = 14
const CHUNK_ROWS = 1 << CHUNK_BITS
const CHUNK_MASK = CHUNK_ROWS - 1

type Chunk = {
  /** 0: the record is kept whole (`slot` indexes `whole`); k > 0: a bulk stand-in of type `types[k - 1]`. */
  code: Uint8Array
  slot: Uint32Array
  /** seq, t and size of each bulk stand-in, at 3 × its place in the chunk. */
  numbers: Float64Array
}

function newChunk(): Chunk {
  return { code: new Uint8Array(CHUNK_ROWS), slot: new Uint32Array(CHUNK_ROWS), numbers: new Float64Array(3 * CHUNK_ROWS) }
}

/**
 * Every record of a session folded for its diagnosis, in order, for the rare case where the
 * evidence must be read again from the start (see `SessionEvidenceBuilder`), held so that a
 * flood costs no heap object per frame: a received bulk output frame already reduced to its
 * type's stand-in text (what the diagnosis worker and the HAR's verdict are fed, see `FeedBatch`)
 * is three numbers and a code in typed arrays that the garbage collector never walks (~29 bytes),
 * and is built again on demand as an equal record. Any other record is kept as it is.
 *
 * A model that keeps its full records (`retainRecords`) holds ~180 bytes of heap objects per
 * frame in Node; a million-frame flood made the diagnosis worker's every major collection mark
 * them all.
 */
export class RecordLog {
  private readonly chunks: Chunk[] = []
  private readonly whole: FrameRecord[] = []
  private readonly types: string[] = []
  private count = 0

  /** How many records the log holds. */
  get length(): number {
    return this.count
  }

  /** Append the next record; `label` is its row's label (as `readRecord` gives it). */
  append(record: FrameRecord, label: string): void {
    const index = this.count
    const at = index & CHUNK_MASK
    if (at === 0) this.chunks.push(newChunk())
    const chunk = this.chunks[index >>> CHUNK_BITS]
    const code = this.bulkCode(record, label)
    chunk.code[at] = code
    if (code === 0) {
      chunk.slot[at] = this.whole.length
      this.whole.push(record)
    } else {
      chunk.numbers[3 * at] = record.seq
      chunk.numbers[3 * at + 1] = record.t
      chunk.numbers[3 * at + 2] = (record as { size: number }).size
    }
    this.count = index + 1
  }

  /** Whether the record at `index` is a bulk stand-in, whose seq and t `seqAt` and `tAt` give without building it. */
  isStandIn(index: number): boolean {
    return this.chunks[index >>> CHUNK_BITS].code[index & CHUNK_MASK] !== 0
  }

  /** seq of the bulk stand-in at `index` (see `isStandIn`). */
  seqAt(index: number): number {
    return this.chunks[index >>> CHUNK_BITS].numbers[3 * (index & CHUNK_MASK)]
  }

  /** t of the bulk stand-in at `index` (see `isStandIn`). */
  tAt(index: number): number {
    return this.chunks[index >>> CHUNK_BITS].numbers[3 * (index & CHUNK_MASK) + 1]
  }

  /** The record at `index` (0 ≤ index < length): the one appended, or an equal one for a bulk stand-in. */
  at(index: number): FrameRecord {
    const chunk = this.chunks[index >>> CHUNK_BITS]
    const at = index & CHUNK_MASK
    const code = chunk.code[at]
    if (code === 0) return this.whole[chunk.slot[at]]
    return standInRecord(bulkStandIn(this.types[code - 1]), chunk.numbers[3 * at], chunk.numbers[3 * at + 1], chunk.numbers[3 * at + 2])
  }

  /**
   * The type code of a record that is exactly a bulk stand-in (a received text message whose
   * text is its type's stand-in, so that `at` rebuilds it field for field), or 0.
   */
  private bulkCode(record: FrameRecord, label: string): number {
    if (record.kind !== 'message' || record.dir !== 'in' || record.opcode !== 1 || record.encoding !== 'utf8') return 0
    if (!BULK_OUTPUT_TYPES.has(label) || record.data !== bulkStandIn(label)) return 0
    let k = this.types.indexOf(label)
    if (k === -1) k = this.types.push(label) - 1
    return k + 1
  }
}
