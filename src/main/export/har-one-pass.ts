import type { FrameRecord } from '../../shared/api/frame-record'
import type { SessionDiagnosisOptions } from '../../shared/diagnosis'
import { applyRecords, bulkStandIn, createSessionModel, FeedBatchBuilder, type SessionModel } from '../../shared/session-model'
import type { ExportFile } from './export-file'
import { wallTime, type ExportInput } from './export-input'
import { BulkFrames } from './bulk-frames'
import { writeDecimal } from './decimal-bytes'
import { DIRECTIONS } from '../recordings/embedded-head'
import { JsonStringEscaper } from './json-string-escaper'
import { SCAN_SLOTS, scanLogLines, SEGMENT_BYTES, type LogLines } from './log-lines'
import { OutputPool } from './output-pool'
import type { ScannedSegment } from './scanned-segment'
import type { ExportProgress, RecordSource } from './record-source'
import { startVerdictFold, type VerdictFold, type VerdictWorkerScript } from './har-verdict'
import { entryHead, entryTail } from './to-har'

/** What the one-pass writer needs besides the file. */
export type HarOnePassInput = {
  source: RecordSource
  lines: LogLines
  app: ExportInput['app']
  diagnosis?: SessionDiagnosisOptions
  onProgress?: (progress: ExportProgress) => void
  /** Where the verdict is folded: by default the built worker for a big log (see `startVerdictFold`); null for this thread. */
  verdictWorker?: VerdictWorkerScript | null
}

/**
 * Output buffers in turn (one filled while the others are written). A segment's messages may
 * span several; a message too long for one is written by itself. 3.5 MB in all with the input,
 * held only while the export runs (the app exports from its main process).
 */
const OUTPUT_BUFFERS = 3
const OUTPUT_BYTES = SEGMENT_BYTES
/** The longest message head: `,\n        {"type":"receive","time":<number>,"opcode":1,"data":"` with any number. */
const MESSAGE_HEAD_BYTES = 96

/** A message's head up to its time, by direction (receive, send) and place (an entry's first, a later one). */
const MESSAGE_LEADS = ['receive', 'send'].map((type) => ['', ','].map((comma) => Buffer.from(`${comma}\n        {"type":"${type}","time":`)))
/** A text message's head after its time. */
const TEXT_OPCODE = Buffer.from(',"opcode":1,"data":')

/** A number as JSON writes it (every time here is finite: the reader bounds them). */
const jsonNumber = (value: number): string => (Number.isFinite(value) ? `${value}` : 'null')

/**
 * HAR 1.2 in one pass over a log in the current format, message by message, into big reused
 * buffers written one while the next is filled. The summary the entries need (session start,
 * each attempt's handshake and close) comes from the rare non-message records, folded as they
 * are met, which always precede the messages that need them; the diagnosis needs the whole
 * session, so its verdict goes last, as the log's `comment`. It is folded segment by segment
 * beside the writer, for a big log in a worker thread (`startVerdictFold`): each segment's
 * records go to it packed, a bulk output frame as numbers. An embedded frame is never decoded
 * for the HAR: its bytes are escaped straight from the segment into the output (see
 * `JsonStringEscaper`); bulk output frames are not even parsed for the summary.
 */
export async function writeHarOnePass(file: ExportFile, input: HarOnePassInput): Promise<void> {
  const verdict = startVerdictFold(input.source.sessionId, input.lines.offsetOf(input.source.count), input.verdictWorker)
  try {
    await writeWithVerdict(file, input, verdict)
  } finally {
    await verdict.close()
  }
}

async function writeWithVerdict(file: ExportFile, input: HarOnePassInput, verdict: VerdictFold): Promise<void> {
  const { source, lines, app } = input
  const escaper = new JsonStringEscaper(SCAN_SLOTS * SEGMENT_BYTES + OUTPUT_BUFFERS * OUTPUT_BYTES)
  const out = new OutputPool(
    file,
    Array.from({ length: OUTPUT_BUFFERS }, () => escaper.allocate(OUTPUT_BYTES))
  )
  // What the entries need (the start, each attempt's handshake and close) is in the records that are not messages.
  let model: SessionModel = createSessionModel(source.sessionId)
  const summary = (): ExportInput => ({ model, app, reports: [] })
  const creator = JSON.stringify({ version: '1.2', creator: { name: app.name, version: app.version }, pages: [] }).slice(0, -1)
  await out.text(`{\n  "log": ${creator},\n  "entries": [`)
  let current = -1
  let firstMessage = true
  const open = async (i: number): Promise<void> => {
    if (current >= 0) await out.text(entryTail(model.attempts[current]))
    const head = JSON.stringify(entryHead(model.attempts[i], summary())).slice(0, -1)
    await out.text(`${i === 0 ? '' : ','}\n    ${head},\n      "_webSocketMessages": [`)
    current = i
    firstMessage = true
  }
  /** Does a message with this seq precede the first attempt (and so stay out of the HAR)? */
  const beforeAttempts = (seq: number): boolean => model.attempts.length === 0 || seq < model.attempts[0].firstSeq
  /** Must entries be opened before a message with this seq (it belongs to a later attempt)? */
  const needsEntry = (seq: number): boolean => current < 0 || (current < model.attempts.length - 1 && seq >= model.attempts[current + 1].firstSeq)
  /** Move to the attempt this message belongs to (entries without messages are still written). */
  const enterAttemptOf = async (seq: number): Promise<void> => {
    while (current < model.attempts.length - 1 && seq >= model.attempts[current + 1].firstSeq) await open(current + 1)
    if (current < 0) await open(0)
  }
  /** A message's head, up to `"data":` (room for MESSAGE_HEAD_BYTES reserved by the caller). */
  const putHead = (t: number, dir: string, opcode: number): void => {
    const time = wallTime(model, t) / 1000
    const lead = MESSAGE_LEADS[dir === 'out' ? 1 : 0][firstMessage ? 0 : 1]
    firstMessage = false
    // Bytes, not a string per message: the time's digits straight into the buffer when they can be (see writeDecimal).
    const to = out.buffer
    to.set(lead, out.length)
    const timeEnd = writeDecimal(time, to, out.length + lead.length)
    if (timeEnd < 0 || opcode !== 1) {
      out.length += lead.length
      out.put(`${jsonNumber(time)},"opcode":${opcode},"data":`)
      return
    }
    to.set(TEXT_OPCODE, timeEnd)
    out.length = timeEnd + TEXT_OPCODE.length
  }
  /** A message whose data is a string (a parsed record, or a frame the escaper cannot take). */
  const stringMessage = async (t: number, dir: string, opcode: number, data: string): Promise<void> => {
    await out.reserve(MESSAGE_HEAD_BYTES)
    putHead(t, dir, opcode)
    await out.text(`${JSON.stringify(data)}}`)
  }
  /** A line the scanner parsed: any record kind, for the verdict into `batch`. */
  const parsedLine = async (record: FrameRecord, batch: FeedBatchBuilder): Promise<void> => {
    batch.record(record)
    // Attempts, handshakes, closes and the start change what the entries say: fold them before going on.
    if (record.kind !== 'message') {
      model = applyRecords(model, [record])
      return
    }
    if (beforeAttempts(record.seq)) return
    if (needsEntry(record.seq)) await enterAttemptOf(record.seq)
    await stringMessage(record.t, record.dir, record.opcode, record.data)
  }
  /** A segment's lines; synchronous per embedded frame, awaiting only to open entries or change output buffers. */
  const bulkFrames = new BulkFrames()
  const takeSegment = async (segment: ScannedSegment): Promise<void> => {
    const { buffer, jsonStart: starts } = segment
    const inMemory = escaper.owns(buffer)
    // The fields are searched for up to the segment's last line only (the buffer may be longer).
    bulkFrames.reset(segment.count > 0 ? buffer.subarray(0, segment.end[segment.count - 1]) : buffer)
    const batch = new FeedBatchBuilder(segment.count)
    for (let i = 0; i < segment.count; i++) {
      const jsonStart = starts[i]
      if (jsonStart < 0) {
        await parsedLine(segment.record(i), batch)
        continue
      }
      const seq = segment.seq[i]
      const t = segment.t[i]
      const dir = DIRECTIONS[segment.dir[i]]
      const frameEnd = segment.end[i] - 1
      const bulk = bulkFrames.typeOf(buffer, jsonStart, frameEnd)
      // The verdict keeps a bulk frame's type only, so only other frames are decoded (the diagnosis reads them).
      if (bulk !== null && dir === 'in') batch.bulk(bulk, seq, t, segment.size[i])
      else batch.record({ seq, t, dir, kind: 'message', opcode: 1, encoding: 'utf8', data: bulk ? bulkStandIn(bulk) : buffer.toString('utf8', jsonStart, frameEnd), size: segment.size[i] })
      if (beforeAttempts(seq)) continue
      if (needsEntry(seq)) await enterAttemptOf(seq)
      const room = MESSAGE_HEAD_BYTES + 2 * (frameEnd - jsonStart) + 4
      // The escaper works inside its own memory (a segment of one huge line is read elsewhere).
      if (!inMemory || room > out.capacity) {
        await stringMessage(t, dir, 1, buffer.toString('utf8', jsonStart, frameEnd))
        continue
      }
      if (!out.fits(room)) await out.reserve(room)
      putHead(t, dir, 1)
      const to = out.buffer
      const quote = out.length
      to[quote] = 0x22
      const escaped = escaper.escape(buffer, jsonStart, frameEnd, to, quote + 1)
      if (escaped < 0) {
        // A control character (never in JSON text the recorder checked; a hand-edited file): JSON.stringify escapes it.
        out.length = quote
        await out.text(`${JSON.stringify(buffer.toString('utf8', jsonStart, frameEnd))}}`)
        continue
      }
      to[escaped] = 0x22
      to[escaped + 1] = 0x7d
      out.length = escaped + 2
    }
    await verdict.add(batch.finish())
  }
  let done = 0
  await scanLogLines(
    lines,
    source.count,
    async (segment) => {
      await takeSegment(segment)
      done += segment.count
      input.onProgress?.({ records: done, totalRecords: source.count })
    },
    (issue) => source.onIssue?.(issue),
    { allocate: (bytes) => escaper.allocate(bytes) }
  )
  while (current < model.attempts.length - 1) await open(current + 1)
  if (current >= 0) await out.text(entryTail(model.attempts[current]))
  const diagnosis = await verdict.verdict(source.ended === true, input.diagnosis)
  const comment = `verdict: ${diagnosis.verdict}. ${diagnosis.summary}`
  await out.text(`\n  ],\n  "comment": ${JSON.stringify(comment)}\n  }\n}\n`)
  await out.flush()
}
