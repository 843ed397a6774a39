/**
 * Byte offsets of a recording's records, by record number: the only per-record cost kept in memory.
 *
 * A Float64Array (8 bytes a record, exact up to 2^53 bytes) grown by doubling, so appending is
 * amortised O(1) and a million records take 8 MB instead of a million objects. Entry `i` is where
 * record `i`'s line starts; `end` is where the last indexed line ends, so record `i` spans
 * `[offsetOf(i), offsetOf(i + 1))` with `offsetOf(count) === end`.
 */
export class RecordIndex {
  private offsets = new Float64Array(1024)
  private length = 0
  private endOffset: number

  constructor(firstOffset = 0) {
    this.endOffset = firstOffset
  }

  /** Number of records indexed. */
  get count(): number {
    return this.length
  }

  /** Byte offset just past the last indexed record. */
  get end(): number {
    return this.endOffset
  }

  /** Append a record whose line starts at the current end and is `bytes` long (newline included). */
  add(bytes: number): void {
    if (this.length === this.offsets.length) {
      const grown = new Float64Array(this.offsets.length * 2)
      grown.set(this.offsets)
      this.offsets = grown
    }
    this.offsets[this.length++] = this.endOffset
    this.endOffset += bytes
  }

  /** Where record `n`'s line starts; `count` gives the end. */
  offsetOf(n: number): number {
    if (n === this.length) return this.endOffset
    if (n < 0 || n > this.length) throw new RangeError(`record ${n} is not indexed (0…${this.length})`)
    return this.offsets[n]
  }

  /** Bytes of memory the index holds (for the benchmark's memory figure). */
  get bytes(): number {
    return this.offsets.byteLength
  }
}
