import { isUtf8 } from 'node:buffer'
import { open } from 'node:fs/promises'
import type { FrameRecord } from '../../shared/api/frame-record'
import { MAX_RECORD_TIME_MS } from '../../shared/session-log/record-shape'
import { parseRecordLine } from '../../shared/session-log/session-log-format'
import { DEFAULT_MAX_LINE_BYTES } from '../recordings/read-indexed-records'

/** Where a source's lines are stored: a recording in the current format, record `n` at `offsetOf(n)`. */
export type LogLines = {
  path: string
  /** Byte offset of record `n`'s line; `offsetOf(count)` is where the last one ends. */
  offsetOf(n: number): number
  /** Line number of record 0 in the file (2: the header is line 1). */
  firstLine: number
  /** Longest record line read, as the reader that indexed the file was told (default 400 MiB); longer ones are reported and skipped. */
  maxLineBytes?: number
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

/** The head's fixed parts, byte for byte. */
const SEQ = Buffer.from('{"seq":')
const T = Buffer.from(',"t":')
const DIR = Buffer.from(',"dir":"')
const KIND = Buffer.from('","kind":"message","opcode":1,"encoding":"utf8","size":')
const JSON_OBJECT = Buffer.from(',"json":{')
const DIRECTIONS = (['in', 'out', 'local'] as const).map((dir) => ({ dir, bytes: Buffer.from(dir) }))
const CLOSE_BRACE = 0x7d
const DOT = 0x2e

/** Does `buffer` hold `part` at `at`? (A plain loop: the parts are short, a native call per part costs more.) */
function holds(buffer: Buffer, at: number, part: Buffer, end: number): boolean {
  if (at + part.length > end) return false
  for (let i = 0; i < part.length; i++) if (buffer[at + i] !== part[i]) return false
  return true
}

/** Digits from `at`: their value and where they end (`end === at` when there are none). Leading zeros are refused. */
function digits(buffer: Buffer, at: number, limit: number): { value: number; end: number } {
  let value = 0
  let end = at
  while (end < limit && end - at < 17) {
    const byte = buffer[end]
    if (byte < 0x30 || byte > 0x39) break
    value = value * 10 + (byte - 0x30)
    end++
  }
  if (end - at > 1 && buffer[at] === 0x30) return { value: 0, end: at }
  return { value, end }
}

/**
 * The head of a line the recorder wrote for an embedded frame: seq, t, direction and size, and
 * where the frame starts. Cheap shape checks only (the head's fixed bytes, the number ranges, an
 * object frame closed right before the line's own brace); null sends the line to the full parser.
 */
function embeddedHead(buffer: Buffer, start: number, end: number): { message: EmbeddedMessage; jsonStart: number } | null {
  if (end - start < 80 || buffer[end - 1] !== CLOSE_BRACE || buffer[end - 2] !== CLOSE_BRACE || !holds(buffer, start, SEQ, end)) return null
  const seq = digits(buffer, start + SEQ.length, end)
  if (seq.end === start + SEQ.length || !holds(buffer, seq.end, T, end)) return null
  const whole = digits(buffer, seq.end + T.length, end)
  if (whole.end === seq.end + T.length) return null
  let t = whole.value
  let at = whole.end
  if (buffer[at] === DOT) {
    // A fraction as `${t}` writes one (1 to 6 digits here; anything longer goes to the full parser).
    let fractionEnd = at + 1
    while (fractionEnd < end && fractionEnd - at <= 6 && buffer[fractionEnd] >= 0x30 && buffer[fractionEnd] <= 0x39) fractionEnd++
    if (fractionEnd === at + 1) return null
    // The same double JSON.parse would give: the number's text, read by Number.
    t = Number(buffer.toString('latin1', seq.end + T.length, fractionEnd))
    at = fractionEnd
  }
  if (!holds(buffer, at, DIR, end)) return null
  at += DIR.length
  const direction = DIRECTIONS.find((candidate) => holds(buffer, at, candidate.bytes, end) && buffer[at + candidate.bytes.length] === 0x22)
  if (!direction) return null
  at += direction.bytes.length
  if (!holds(buffer, at, KIND, end)) return null
  const size = digits(buffer, at + KIND.length, end)
  if (size.end === at + KIND.length || !holds(buffer, size.end, JSON_OBJECT, end - 2)) return null
  if (!Number.isSafeInteger(seq.value) || !Number.isSafeInteger(size.value) || !(t <= MAX_RECORD_TIME_MS)) return null
  return { message: { seq: seq.value, t, dir: direction.dir, size: size.value }, jsonStart: size.end + JSON_OBJECT.length - 1 }
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
 * The segment's bytes are reused for the next one once `onSegment`'s promise settles: whatever
 * must outlive it has to be copied or fully written by then.
 */
export async function scanLogLines(
  lines: LogLines,
  count: number,
  onSegment: (segment: Buffer, scanned: ScannedLine[]) => Promise<void>,
  onIssue: (issue: { line: number; message: string }) => void
): Promise<void> {
  const handle = await open(lines.path, 'r')
  // One buffer for every segment: a fresh one per segment costs a page fault per 4 KiB on first touch.
  let reused = Buffer.allocUnsafe(SEGMENT_BYTES)
  try {
    const maxLineBytes = lines.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES
    let lastSeq = -1
    let entry = 0
    while (entry < count) {
      const start = lines.offsetOf(entry)
      const firstBytes = lines.offsetOf(entry + 1) - start
      if (firstBytes > maxLineBytes) {
        onIssue({ line: lines.firstLine + entry, message: `the line is ${firstBytes} bytes, over the ${maxLineBytes}-byte limit of a record; line skipped` })
        entry++
        continue
      }
      let last = entry + 1
      while (last < count && lines.offsetOf(last + 1) - start <= SEGMENT_BYTES && lines.offsetOf(last + 1) - lines.offsetOf(last) <= maxLineBytes) last++
      const length = lines.offsetOf(last) - start
      if (length > reused.length) reused = Buffer.allocUnsafe(length)
      const buffer = reused.subarray(0, length)
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
