import type { FileHandle } from 'node:fs/promises'
import type { FrameRecord } from '../../shared/api/frame-record'
import { parseRecordLine, type SessionLogIssue } from '../../shared/session-log/session-log-format'
import type { RecordIndex } from './record-index'

/** Records of a range, the line each came from, and what could not be read in it. */
export type RangeRead = {
  records: FrameRecord[]
  lines: number[]
  issues: SessionLogIssue[]
  /** Each record's line as it is in the file (only when asked for: an NDJSON export copies them). */
  texts?: string[]
}

/** Longest record line read by default: beyond it a line is reported and skipped (V8's strings end near 512 MiB). */
export const DEFAULT_MAX_LINE_BYTES = 400 * 1024 * 1024

/** Bytes read per disk read when a range spans many records. */
const SEGMENT_BYTES = 4 * 1024 * 1024

/** Where to read and how lines are numbered. */
export type IndexedReadOptions = {
  /** Line number of record 0 (2: the header is line 1). */
  firstLine: number
  maxLineBytes: number
  /** Also return each record's line text. */
  keepText?: boolean
}

/**
 * Read records `[from, from + count)` through the index: one positional read per few MB,
 * each line shape-checked (never zod on the hot path). A line that is not a record becomes an
 * issue with its line number; the records around it are kept.
 */
export async function readIndexedRecords(handle: FileHandle, index: RecordIndex, from: number, count: number, options: IndexedReadOptions): Promise<RangeRead> {
  const end = Math.min(index.count, from + Math.max(0, count))
  const out: RangeRead = { records: [], lines: [], issues: [], texts: options.keepText ? [] : undefined }
  let entry = Math.max(0, from)
  while (entry < end) {
    const lineBytes = index.offsetOf(entry + 1) - index.offsetOf(entry)
    if (lineBytes > options.maxLineBytes) {
      out.issues.push({ line: options.firstLine + entry, message: `the line is ${lineBytes} bytes, over the ${options.maxLineBytes}-byte limit of a record; line skipped` })
      entry++
      continue
    }
    // Gather whole lines up to the segment size (at least one), stopping before an over-long line.
    let last = entry + 1
    while (last < end) {
      const next = index.offsetOf(last + 1) - index.offsetOf(last)
      if (next > options.maxLineBytes || index.offsetOf(last + 1) - index.offsetOf(entry) > SEGMENT_BYTES) break
      last++
    }
    const start = index.offsetOf(entry)
    const length = index.offsetOf(last) - start
    const buffer = Buffer.allocUnsafe(length)
    let filled = 0
    while (filled < length) {
      const { bytesRead } = await handle.read(buffer, filled, length - filled, start + filled)
      if (bytesRead === 0) throw new Error(`the file ended ${length - filled} bytes before the indexed record ${last - 1} (was it changed while open?)`)
      filled += bytesRead
    }
    const text = buffer.toString('utf8')
    let lineStart = 0
    for (let n = entry; n < last; n++) {
      let lineEnd = text.indexOf('\n', lineStart)
      if (lineEnd === -1) lineEnd = text.length
      const line = text.charCodeAt(lineEnd - 1) === 0x0d ? text.slice(lineStart, lineEnd - 1) : text.slice(lineStart, lineEnd)
      lineStart = lineEnd + 1
      if (line.length === 0 || (line.charCodeAt(0) <= 0x20 && line.trim() === '')) continue
      const result = parseRecordLine(line)
      if (result.record) {
        out.records.push(result.record)
        out.lines.push(options.firstLine + n)
        out.texts?.push(line)
      } else out.issues.push({ line: options.firstLine + n, message: `${result.problem}; line skipped` })
    }
    entry = last
  }
  return out
}
