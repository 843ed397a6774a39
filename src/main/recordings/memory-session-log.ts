import type { FrameRecord } from '../../shared/api/frame-record'
import type { SessionLogIssue } from '../../shared/session-log/session-log-format'
import type { SessionLog } from './library/session-log'
import type { RangeRead } from './read-indexed-records'

/** Records always kept from the start of a session: its start, preflight, token, handshake and first frames. */
export const MEMORY_LOG_HEAD_RECORDS = 1_000
/**
 * Most bytes (estimated as UTF-16 text of the records' data, plus ~96 bytes a record) the log keeps
 * after its head. Past it the oldest records after the head are dropped, a block at a time.
 */
export const MEMORY_LOG_MAX_BYTES = 256 * 1024 * 1024
/** Records per block: dropping is one `shift` of a block, never of every record. */
const BLOCK = 4_096
const RECORD_OVERHEAD = 96

/** Limits of a memory log (tests pass small ones). */
export type MemorySessionLogLimits = { headRecords: number; maxBytes: number }

function sizeOf(record: FrameRecord): number {
  return RECORD_OVERHEAD + ('data' in record && typeof record.data === 'string' ? record.data.length : 0)
}

/**
 * The log of a session recorded with recording off: nothing touches disk, the records stay in
 * main-process memory, served by range exactly like a recording's.
 *
 * Bounded: it keeps the first {@link MEMORY_LOG_HEAD_RECORDS} records (what the diagnosis of the
 * connection needs) and the newest records up to {@link MEMORY_LOG_MAX_BYTES}. Past the cap the
 * oldest records after the head are dropped; a range that reaches them returns the records still
 * held and one issue saying which were dropped, so a late UI still gets the start and the tail.
 * The live UI already received every record as it was pushed, so only a late attach or an export
 * sees the gap.
 */
export class MemorySessionLog implements SessionLog {
  readonly filePath = null
  readonly byteLength = 0
  private readonly head: FrameRecord[] = []
  private readonly blocks: FrameRecord[][] = []
  /** Number (seq) of the first record of `blocks[0]`. */
  private firstKept: number
  private count = 0
  private bytes = 0
  private closed = false
  readonly error = null

  constructor(
    private readonly limits: MemorySessionLogLimits = {
      headRecords: MEMORY_LOG_HEAD_RECORDS,
      maxBytes: MEMORY_LOG_MAX_BYTES
    }
  ) {
    this.firstKept = limits.headRecords
  }

  get recordCount(): number {
    return this.count
  }

  /** Records dropped so far (past the cap). */
  get droppedCount(): number {
    return this.count <= this.limits.headRecords ? 0 : this.firstKept - this.limits.headRecords
  }

  appendOne(record: FrameRecord): void {
    if (this.closed) return
    this.count++
    if (this.head.length < this.limits.headRecords) {
      this.head.push(record)
      return
    }
    let last = this.blocks.at(-1)
    if (!last || last.length === BLOCK) {
      last = []
      this.blocks.push(last)
    }
    last.push(record)
    this.bytes += sizeOf(record)
    // Keep at least the newest block whatever its size.
    while (this.bytes > this.limits.maxBytes && this.blocks.length > 1) {
      const dropped = this.blocks.shift() as FrameRecord[]
      this.firstKept += dropped.length
      for (const gone of dropped) this.bytes -= sizeOf(gone)
    }
  }

  async flush(): Promise<void> {}

  async readRange(from: number, count: number): Promise<RangeRead> {
    const last = Math.min(this.count, from + count)
    const records: FrameRecord[] = []
    const lines: number[] = []
    const issues: SessionLogIssue[] = []
    let n = from
    for (; n < last && n < this.limits.headRecords; n++) {
      records.push(this.head[n])
      lines.push(n + 2)
    }
    if (n < last && n < this.firstKept) {
      const end = Math.min(last, this.firstKept)
      issues.push({
        line: n + 2,
        message: `records ${n}–${end - 1} were dropped from the in-memory log (recording was off and the session passed ${this.limits.maxBytes / 1024 / 1024} MiB)`
      })
      n = end
    }
    for (; n < last; n++) {
      const at = n - this.firstKept
      records.push(this.blocks[Math.floor(at / BLOCK)][at % BLOCK])
      lines.push(n + 2)
    }
    return { records, lines, issues }
  }

  async close(): Promise<void> {
    this.closed = true
  }

  async discard(): Promise<void> {
    this.closed = true
    this.count = 0
    this.firstKept = this.limits.headRecords
    this.head.length = 0
    this.blocks.length = 0
  }
}
