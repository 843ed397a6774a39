import { Float64List } from '../../shared/session-model/float64-list'

/**
 * Byte offsets of a recording's records, by record number: the only per-record cost kept in memory.
 *
 * A {@link Float64List} (8 bytes a record, exact up to 2^53 bytes, grown by doubling), so appending
 * is amortised O(1) and a million records take 8 MB instead of a million objects. Entry `i` is where
 * record `i`'s line starts; `end` is where the last indexed line ends, so record `i` spans
 * `[offsetOf(i), offsetOf(i + 1))` with `offsetOf(count) === end`.
 */
export class RecordIndex {
  private readonly offsets = new Float64List(1024)
  private endOffset: number

  constructor(firstOffset = 0) {
    this.endOffset = firstOffset
  }

  /** Number of records indexed. */
  get count(): number {
    return this.offsets.length
  }

  /** Byte offset just past the last indexed record. */
  get end(): number {
    return this.endOffset
  }

  /** Append a record whose line starts at the current end and is `bytes` long (newline included). */
  add(bytes: number): void {
    this.offsets.push(this.endOffset)
    this.endOffset += bytes
  }

  /** Where record `n`'s line starts; `count` gives the end. */
  offsetOf(n: number): number {
    const count = this.offsets.length
    if (n === count) return this.endOffset
    if (n < 0 || n > count) throw new RangeError(`record ${n} is not indexed (0…${count})`)
    return this.offsets.at(n)
  }

  /** Bytes of memory the index holds (for the benchmark's memory figure). */
  get bytes(): number {
    return this.offsets.byteLength
  }
}
