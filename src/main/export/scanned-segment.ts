import type { FrameRecord } from '../../shared/api/frame-record'
import type { EmbeddedHead } from '../recordings/embedded-head'

const EMPTY = Buffer.alloc(0)

/**
 * The usable lines of one segment of a recording, as `scanLogLines` found them: numbers in
 * reused typed arrays, one slot per line (no object per line: at a million lines those objects
 * and their collection cost more than the checks). Line `i` spans `[start[i], end[i])` of
 * `buffer` (no newline). It embeds a frame when `jsonStart[i] >= 0` (its head read byte by byte:
 * `seq`, `t`, `dir`, `size`; the frame runs from `jsonStart[i]` to the byte before `end[i] - 1`),
 * otherwise it was parsed and its record is `record(i)`.
 */
export class ScannedSegment {
  buffer: Buffer = EMPTY
  /** Usable lines in this segment. */
  count = 0
  start = new Int32Array(4096)
  end = new Int32Array(4096)
  jsonStart = new Int32Array(4096)
  /** Line number in the file. */
  line = new Float64Array(4096)
  seq = new Float64Array(4096)
  t = new Float64Array(4096)
  size = new Float64Array(4096)
  /** Index into `DIRECTIONS`. */
  dir = new Uint8Array(4096)
  private readonly parsed = new Map<number, FrameRecord>()
  private holds: Array<Promise<void>> = []

  /** Start over on the next segment's bytes; `holds` collects what keeps them in use. */
  reset(buffer: Buffer, holds: Array<Promise<void>>): void {
    this.buffer = buffer
    this.count = 0
    this.parsed.clear()
    this.holds = holds
  }

  /**
   * Keep the segment's bytes until `work` settles (a write of a slice of them); a failure
   * fails the scan. Handled at once here, so it is never an unhandled rejection meanwhile.
   */
  hold(work: Promise<void>): void {
    work.catch(() => undefined)
    this.holds.push(work)
  }

  /** The parsed record of line `i` (a line that does not embed a frame). */
  record(i: number): FrameRecord {
    const record = this.parsed.get(i)
    if (!record) throw new Error(`line ${i} of the segment embeds a frame; it has no parsed record`)
    return record
  }

  /** Add a line whose head was read byte by byte. */
  addEmbedded(start: number, end: number, line: number, head: EmbeddedHead): void {
    const i = this.add(start, end, line, head.jsonStart)
    this.seq[i] = head.seq
    this.t[i] = head.t
    this.dir[i] = head.dir
    this.size[i] = head.size
  }

  /** Add a line that was parsed into `record`. */
  addParsed(start: number, end: number, line: number, record: FrameRecord): void {
    const i = this.add(start, end, line, -1)
    this.seq[i] = record.seq
    this.t[i] = record.t
    this.parsed.set(i, record)
  }

  private add(start: number, end: number, line: number, jsonStart: number): number {
    if (this.count === this.start.length) this.grow()
    const i = this.count++
    this.start[i] = start
    this.end[i] = end
    this.line[i] = line
    this.jsonStart[i] = jsonStart
    return i
  }

  private grow(): void {
    const length = this.start.length * 2
    const grown = <T extends Int32Array | Float64Array | Uint8Array>(array: T): T => {
      const bigger = new (array.constructor as new (length: number) => T)(length)
      bigger.set(array)
      return bigger
    }
    this.start = grown(this.start)
    this.end = grown(this.end)
    this.jsonStart = grown(this.jsonStart)
    this.line = grown(this.line)
    this.seq = grown(this.seq)
    this.t = grown(this.t)
    this.size = grown(this.size)
    this.dir = grown(this.dir)
  }
}
