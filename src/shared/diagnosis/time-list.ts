/**
 * Frame times (ms) in arrival order, in a Float64Array that doubles as it fills: 8 bytes a frame
 * and nothing for the collector to walk. An attempt's evidence keeps two (every frame, and the
 * server's); a million-frame flood pushes a million times into each. As plain arrays these pushes
 * took half of a HAR verdict's fold (~250 ns each at 100 k frames, bundled on Node 20).
 */
export class TimeList {
  private values = new Float64Array(1024)
  private size = 0

  /** How many times are held. */
  get length(): number {
    return this.size
  }

  /** Append `t`. */
  push(t: number): void {
    if (this.size === this.values.length) {
      const grown = new Float64Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.size++] = t
  }

  /** The `i`-th time (0 ≤ i < length). */
  at(i: number): number {
    return this.values[i]
  }

  /** A plain array of every time (for tests and small sessions). */
  toArray(): number[] {
    return Array.from(this.values.subarray(0, this.size))
  }
}
