import { isUtf8 } from 'node:buffer'
import { open } from 'node:fs/promises'
import type { FrameRecord } from '../../shared/api/frame-record'
import { parseRecordLine, SESSION_LOG_VERSION } from '../../shared/session-log/session-log-format'
import type { IndexResult, SessionLogFile } from '../recordings/open-session-log'
import { DEFAULT_MAX_LINE_BYTES } from '../recordings/read-indexed-records'
import type { FileIdentity } from '../recordings/whole-lines'
import { emptyHead, readEmbeddedHead } from '../recordings/embedded-head'
import { ScannedSegment } from './scanned-segment'

/** Where a source's lines are stored: a recording in the current format, record `n` at `offsetOf(n)`. */
export type LogLines = {
  path: string
  /** Byte offset of record `n`'s line; `offsetOf(count)` is where the last one ends. */
  offsetOf(n: number): number
  /** Line number of record 0 in the file (2: the header is line 1). */
  firstLine: number
  /** Longest record line read, as the reader that indexed the file was told (default 400 MiB); longer ones are reported and skipped. */
  maxLineBytes?: number
  /**
   * The file as it was when indexing found every line copyable as it is (`IndexResult.wholeLines`):
   * while it is still this file, the NDJSON export copies it without checking each line again.
   */
  checkedWhole?: FileIdentity
}

/**
 * The lines of an opened recording, for the exports that stream them (NDJSON and HAR), when it is
 * in the current format; undefined otherwise (its records are read and written one by one).
 * `indexed` is the file's index once complete: with its `wholeLines`, an NDJSON export may be a copy.
 */
export function recordingLines(file: Pick<SessionLogFile, 'path' | 'header' | 'offsetOf'>, indexed: IndexResult | null): LogLines | undefined {
  if (file.header.version !== SESSION_LOG_VERSION) return undefined
  return { path: file.path, offsetOf: file.offsetOf, firstLine: 2, checkedWhole: indexed?.wholeLines ?? undefined }
}

/** Options of {@link scanLogLines}. */
export type ScanOptions = {
  /**
   * Where the reused segment buffers live (each `SEGMENT_BYTES` long; default `Buffer.allocUnsafe`):
   * the HAR writer reads straight into its escaper's memory. A longer segment (one huge line) gets
   * a buffer of its own.
   */
  allocate?: (bytes: number) => Buffer
}

/**
 * Bytes read per step. Small on purpose: every export allocates its segment buffers afresh, and
 * on a virtual machine each first touch of a 4 KiB page costs ~12 µs of kernel time. With 4 MiB
 * segments that was ~4 000 faults, 50–80 ms of an export, more than the checks of 100 000 lines;
 * at 512 KiB a 100 k-line scan takes about half as long, and a 1 M-line one a little less.
 */
export const SEGMENT_BYTES = 512 * 1024
/** Segments read ahead of the one being scanned (with one, a 100 k-line scan took ~25 % longer, waiting for reads). */
const READ_AHEAD = 2
/** Segment buffers in turn: those being read ahead, one scanned, one still being written out. */
export const SCAN_SLOTS = READ_AHEAD + 2

/** The lines of a segment to read: `[from, last)`, after reporting the over-long ones before it. */
type Plan = { skipped: number[]; from: number; last: number; start: number; length: number }
type Slot = { buffer: Buffer | null; holds: Array<Promise<void>> }

/**
 * Read a recording's record lines `[0, count)` in order, a few MB at a time through its index,
 * calling `onSegment` with each segment's usable lines. This is how exports stream a file in the
 * current format without parsing every frame: a line with the recorder's own head for an embedded
 * frame is taken as it is (the file was written by this app, which checked the frame when it
 * embedded it: only its head's fixed bytes and numbers are checked here, and the segment must be
 * valid UTF-8 without NUL bytes); every other line is parsed and shape-checked like any reader
 * does, and one that is not a record is reported through `onIssue` with its line number and
 * skipped. A record whose seq does not grow is reported and skipped too (the reducer and every
 * export rely on the order). Issues come in line order.
 *
 * The next segment is read while this one is handled, and a segment's bytes may still be in use
 * after `onSegment` returns: whatever `onSegment` passes to `segment.hold` (writes of slices of
 * `segment.buffer`) keeps the bytes until it settles, and a hold that fails fails the scan. The
 * segment's arrays are reused as soon as `onSegment`'s promise settles.
 */
export async function scanLogLines(
  lines: LogLines,
  count: number,
  onSegment: (segment: ScannedSegment) => Promise<void> | void,
  onIssue: (issue: { line: number; message: string }) => void,
  options: ScanOptions = {}
): Promise<void> {
  const handle = await open(lines.path, 'r')
  const maxLineBytes = lines.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES
  const allocate = options.allocate ?? ((bytes: number) => Buffer.allocUnsafe(bytes))
  // Reused buffers: a fresh one per segment costs a page fault per 4 KiB on first touch.
  const slots: Slot[] = Array.from({ length: SCAN_SLOTS }, () => ({ buffer: null, holds: [] }))

  const planFrom = (entry: number): Plan => {
    const skipped: number[] = []
    while (entry < count && lines.offsetOf(entry + 1) - lines.offsetOf(entry) > maxLineBytes) skipped.push(entry++)
    const start = entry < count ? lines.offsetOf(entry) : 0
    let last = Math.min(entry + 1, count)
    while (last < count && lines.offsetOf(last + 1) - start <= SEGMENT_BYTES && lines.offsetOf(last + 1) - lines.offsetOf(last) <= maxLineBytes) last++
    return { skipped, from: entry, last, start, length: entry < count ? lines.offsetOf(last) - start : 0 }
  }

  const readInto = async (slot: Slot, plan: Plan): Promise<Buffer> => {
    // The slot's last segment may still be being written out.
    const held = slot.holds
    slot.holds = []
    await Promise.all(held)
    if (plan.length === 0) return Buffer.alloc(0)
    let buffer: Buffer
    if (plan.length <= SEGMENT_BYTES) buffer = (slot.buffer ??= allocate(SEGMENT_BYTES)).subarray(0, plan.length)
    else buffer = Buffer.allocUnsafe(plan.length)
    for (let filled = 0; filled < plan.length; ) {
      const { bytesRead } = await handle.read(buffer, filled, plan.length - filled, plan.start + filled)
      if (bytesRead === 0) throw new Error(`${lines.path} ended ${plan.length - filled} bytes before the indexed record ${plan.last - 1} (was it changed while being read?)`)
      filled += bytesRead
    }
    return buffer
  }

  const segment = new ScannedSegment()
  const head = emptyHead()
  let lastSeq = -1
  // Segments being read, in order: the first is the next to scan.
  const ahead: Array<{ plan: Plan; read: Promise<Buffer> }> = []
  let planned = 0
  // Segment n (in reading order, as in scanning order) uses slot n % SCAN_SLOTS.
  let reads = 0
  const readNext = (): void => {
    const plan = planFrom(planned)
    planned = plan.last
    const read = readInto(slots[reads++ % SCAN_SLOTS], plan)
    read.catch(() => undefined)
    ahead.push({ plan, read })
  }
  readNext()
  try {
    for (let k = 0; ; k++) {
      const { plan, read } = ahead.shift() as { plan: Plan; read: Promise<Buffer> }
      const buffer = await read
      for (const entry of plan.skipped) {
        const bytes = lines.offsetOf(entry + 1) - lines.offsetOf(entry)
        onIssue({ line: lines.firstLine + entry, message: `the line is ${bytes} bytes, over the ${maxLineBytes}-byte limit of a record; line skipped` })
      }
      if (plan.from >= count) break
      // Read ahead into the next slots while this segment is scanned and handled.
      while (ahead.length < READ_AHEAD && planned < count) readNext()
      if (ahead.length === 0) readNext()

      segment.reset(buffer, slots[k % SCAN_SLOTS].holds)
      const trusted = buffer.indexOf(0) === -1 && isUtf8(buffer)
      const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.length)
      for (let n = plan.from; n < plan.last; n++) {
        const lineStart = lines.offsetOf(n) - plan.start
        let lineEnd = lines.offsetOf(n + 1) - plan.start
        if (buffer[lineEnd - 1] === 0x0a) lineEnd--
        const line = lines.firstLine + n
        if (trusted && readEmbeddedHead(buffer, lineStart, lineEnd, head, view)) {
          if (head.seq <= lastSeq) {
            onIssue({ line, message: `seq ${head.seq} does not follow seq ${lastSeq} (records are in seq order); line skipped` })
            continue
          }
          lastSeq = head.seq
          segment.addEmbedded(lineStart, lineEnd, line, head)
          continue
        }
        if (buffer[lineEnd - 1] === 0x0d) lineEnd--
        const text = buffer.toString('utf8', lineStart, lineEnd)
        if (text.length === 0 || (text.charCodeAt(0) <= 0x20 && text.trim() === '')) continue
        const result = parseRecordLine(text)
        if (!result.record) {
          onIssue({ line, message: `${result.problem}; line skipped` })
          continue
        }
        const record: FrameRecord = result.record
        if (record.seq <= lastSeq) {
          onIssue({ line, message: `seq ${record.seq} does not follow seq ${lastSeq} (records are in seq order); line skipped` })
          continue
        }
        lastSeq = record.seq
        segment.addParsed(lineStart, lineEnd, line, record)
      }
      await onSegment(segment)
    }
    // Every write of every segment has gone out (or its failure is thrown here).
    for (const slot of slots) await Promise.all(slot.holds)
  } finally {
    // Never close the file under a read still in flight, nor leave a hold's failure unobserved.
    await Promise.allSettled(ahead.map((pending) => pending.read))
    await Promise.allSettled(slots.flatMap((slot) => slot.holds))
    await handle.close()
  }
}
