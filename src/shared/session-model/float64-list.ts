/**
 * Numbers appended in order into a Float64Array that doubles as it fills: amortised O(1) appends,
 * 8 bytes a number (exact integers up to 2^53), and nothing for the garbage collector to walk.
 * For per-frame figures kept for a whole session: a recording's record offsets (`RecordIndex`) and
 * an attempt's frame times (the diagnosis' evidence). As plain number arrays, the evidence's pushes
 * took half of a HAR verdict's fold (~250 ns each at 100 k frames, bundled on Node 20).
 */
export class Float64List {
  private values: Float64Array
  private size = 0

  /** `capacity`: room before the first doubling. Small by default: a session with thousands of attempts keeps two lists per attempt. */
  constructor(capacity = 16) {
    this.values = new Float64Array(Math.max(1, capacity))
  }

  /** How many numbers are held. */
  get length(): number {
    return this.size
  }

  /** Bytes the list holds (its capacity, not just its length). */
  get byteLength(): number {
    return this.values.byteLength
  }

  /** Append `value`. */
  push(value: number): void {
    if (this.size === this.values.length) {
      const grown = new Float64Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.size++] = value
  }

  /** The `i`-th number (0 ≤ i < length; anything else is not checked). */
  at(i: number): number {
    return this.values[i]
  }

  /** A plain array of every number (for tests and small lists). */
  toArray(): number[] {
    return Array.from(this.values.subarray(0, this.size))
  }
}
