import { isUtf8 } from 'node:buffer'
import { open } from 'node:fs/promises'
import type { FrameRecord } from '../../shared/api/frame-record'
import { MAX_RECORD_TIME_MS } from '../../shared/session-log/record-shape'
import { parseRecordLine } from '../../shared/session-log/session-log-format'

/** Where a source's lines are stored: a recording in the current format, record `n` at `offsetOf(n)`. */
export type LogLines = {
  path: string
  /** Byte offset of record `n`'s line; `offsetOf(count)` is where the last one ends. */
  offsetOf(n: number): number
  /** Line number of record 0 in the file (2: the header is line 1). */
  firstLine: number
}

/** A text frame embedded in a version-2 line, read from the line's fixed head without parsing it. */
export type EmbeddedMessage = { seq: number; t: number; dir: 'in' | 'out' | 'local'; size: number }

/**
 * One line of a recording as the scanner read it: `embedded` when the line has the exact head the
 * recorder writes before a frame it embedded (checked cheaply, not parsed), else the record parsed
 * and shape-checked as any reader does. `start`/`end` delimit the line in `buffer` (no newline).
 */
export type ScannedLine =
  | { buffer: Buffer; start: number; end: number; jsonStart: number; embedded: EmbeddedMessage; record?: undefined; line: number }
  | { buffer: Buffer; start: number; end: number; jsonStart?: undefined; embedded?: undefined; record: FrameRecord; line: number }

/** Bytes read per step. */
const SEGMENT_BYTES = 4 * 1024 * 1024
/** Longest line the scanner reads (as the indexed reader: V8's strings end near 512 MiB). */
const MAX_LINE_BYTES = 400 * 1024 * 1024
/** The head of an embedded text frame as `embeddedLineHead` writes it, with an object as the frame. */
const EMBEDDED_HEAD = /^\{"seq":(0|[1-9]\d{0,15}),"t":(\d{1,16}(?:\.\d{1,6})?),"dir":"(in|out|local)","kind":"message","opcode":1,"encoding":"utf8","size":(0|[1-9]\d{0,15}),"json":\{/
/** The head is at most this long. */
const HEAD_BYTES = 160
const CLOSE_BRACE = 0x7d

/**
 * The head of a line the recorder wrote for an embedded frame: seq, t, direction and size, and
 * where the frame starts. Cheap shape checks only (the head's fixed text, the number ranges, an
 * object frame closed right before the line's own brace); null sends the line to the full parser.
 */
function embeddedHead(buffer: Buffer, start: number, end: number): { message: EmbeddedMessage; jsonStart: number } | null {
  if (end - start < 80 || buffer[start + 2] !== 0x73 || buffer[end - 1] !== CLOSE_BRACE || buffer[end - 2] !== CLOSE_BRACE) return null
  const head = EMBEDDED_HEAD.exec(buffer.toString('latin1', start, Math.min(end, start + HEAD_BYTES)))
  if (!head) return null
  const seq = Number(head[1])
  const t = Number(head[2])
  const size = Number(head[4])
  if (!Number.isSafeInteger(seq) || !Number.isSafeInteger(size) || t > MAX_RECORD_TIME_MS) return null
  return { message: { seq, t, dir: head[3] as EmbeddedMessage['dir'], size }, jsonStart: start + head[0].length - 1 }
}

/**
 * Read a recording's record lines `[0, count)` in order, a few MB at a time through its index,
 * calling `onSegment` with each segment's usable lines. This is how exports stream a file in the
 * current format without parsing every frame: a line with the recorder's own head for an embedded
 * frame is taken as it is (the file was written by this app, which checked the frame when it
 * embedded it); every other line is parsed and shape-checked like any reader does, and one that
 * is not a record is reported through `onIssue` with its line number and skipped. A record whose
 * seq does not grow is reported and skipped too (the reducer and every export rely on the order).
 * A segment that is not valid UTF-8 or holds a NUL byte (a damaged file) is parsed line by line.
 */
export async function scanLogLines(
  lines: LogLines,
  count: number,
  onSegment: (segment: Buffer, scanned: ScannedLine[]) => Promise<void>,
  onIssue: (issue: { line: number; message: string }) => void
): Promise<void> {
  const handle = await open(lines.path, 'r')
  try {
    let lastSeq = -1
    let entry = 0
    while (entry < count) {
      const start = lines.offsetOf(entry)
      const firstBytes = lines.offsetOf(entry + 1) - start
      if (firstBytes > MAX_LINE_BYTES) {
        onIssue({ line: lines.firstLine + entry, message: `the line is ${firstBytes} bytes, over the ${MAX_LINE_BYTES}-byte limit of a record; line skipped` })
        entry++
        continue
      }
      let last = entry + 1
      while (last < count && lines.offsetOf(last + 1) - start <= SEGMENT_BYTES && lines.offsetOf(last + 1) - lines.offsetOf(last) <= MAX_LINE_BYTES) last++
      const length = lines.offsetOf(last) - start
      const buffer = Buffer.allocUnsafe(length)
      for (let filled = 0; filled < length; ) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, start + filled)
        if (bytesRead === 0) throw new Error(`${lines.path} ended ${length - filled} bytes before the indexed record ${last - 1} (was it changed while being read?)`)
        filled += bytesRead
      }
      const trusted = buffer.indexOf(0) === -1 && isUtf8(buffer)
      const scanned: ScannedLine[] = []
      for (let n = entry; n < last; n++) {
        const lineStart = lines.offsetOf(n) - start
        let lineEnd = lines.offsetOf(n + 1) - start
        if (buffer[lineEnd - 1] === 0x0a) lineEnd--
        const line = lines.firstLine + n
        const head = trusted ? embeddedHead(buffer, lineStart, lineEnd) : null
        let item: ScannedLine
        if (head) item = { buffer, start: lineStart, end: lineEnd, jsonStart: head.jsonStart, embedded: head.message, line }
        else {
          if (buffer[lineEnd - 1] === 0x0d) lineEnd--
          const text = buffer.toString('utf8', lineStart, lineEnd)
          if (text.length === 0 || (text.charCodeAt(0) <= 0x20 && text.trim() === '')) continue
          const result = parseRecordLine(text)
          if (!result.record) {
            onIssue({ line, message: `${result.problem}; line skipped` })
            continue
          }
          item = { buffer, start: lineStart, end: lineEnd, record: result.record, line }
        }
        const seq = item.embedded ? item.embedded.seq : item.record.seq
        if (seq <= lastSeq) {
          onIssue({ line, message: `seq ${seq} does not follow seq ${lastSeq} (records are in seq order); line skipped` })
          continue
        }
        lastSeq = seq
        scanned.push(item)
      }
      await onSegment(buffer, scanned)
      entry = last
    }
  } finally {
    await handle.close()
  }
}
