import type { FrameRecord } from '../../shared/api/frame-record'
import { diagnoseSession, type SessionDiagnosisOptions } from '../../shared/diagnosis'
import { endRecords, type SessionModel } from '../../shared/session-model'
import type { ExportFile } from './export-file'
import { wallTime, type ExportInput } from './export-input'
import { scanLogLines, type LogLines, type ScannedLine } from './log-lines'
import type { ExportProgress, RecordSource } from './record-source'
import { bulkStandIn, emptySummary, foldIntoSummary } from './summarize-records'
import { entryHead, entryTail } from './to-har'

/** Bulk output frames (their type as the frame's first key, as the platform sends them). */
const BULK_HEADS = ['stream_chunk', 'partial_result'].map((type) => ({ type, head: Buffer.from(`{"type":"${type}"`) }))
/** Fields that would put a frame into a run or name an agent: such a frame is folded in full. */
const RUN_FIELDS = ['"run_id"', '"agent_name"'].map((field) => Buffer.from(field))

/**
 * The type of an embedded bulk output frame that names no run and no agent, or null. Such a frame
 * adds to the model only its row (label, size, direction) and its stand-in text, which the
 * summary keeps anyway: it can be folded without parsing it.
 */
function bulkType(buffer: Buffer, jsonStart: number, end: number): string | null {
  for (const { type, head } of BULK_HEADS) {
    if (buffer.compare(head, 0, head.length, jsonStart, jsonStart + head.length) !== 0) continue
    const frame = buffer.subarray(jsonStart, end)
    return RUN_FIELDS.some((field) => frame.includes(field)) ? null : type
  }
  return null
}

/**
 * The HAR text of one segment, encoded into one reused buffer as it is produced: concatenating
 * a segment's thousands of messages into one string made a rope that cost more to flatten and
 * measure than everything else together (profiled).
 */
class OutputBuffer {
  private bytes = Buffer.allocUnsafe(8 * 1024 * 1024)
  private length = 0

  append(text: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    if (this.length + text.length * 3 > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + text.length * 3))
      this.bytes.copy(grown, 0, 0, this.length)
      this.bytes = grown
    }
    this.length += this.bytes.write(text, this.length)
  }

  /** Write what was gathered and start over (the memory is reused once the file has it). */
  async drainTo(file: ExportFile): Promise<void> {
    if (this.length === 0) return
    await file.writeFlushed(this.bytes.subarray(0, this.length))
    this.length = 0
  }
}

/** What the one-pass writer needs besides the file. */
export type HarOnePassInput = {
  source: RecordSource
  lines: LogLines
  app: ExportInput['app']
  diagnosis?: SessionDiagnosisOptions
  onProgress?: (progress: ExportProgress) => void
}

/**
 * HAR 1.2 in one pass over a log in the current format, message by message, in one write per
 * segment read. The summary the entries need (session start, each attempt's handshake and close)
 * comes from the rare non-message records, folded as they are met, which always precede the
 * messages that need them; the diagnosis needs the whole session, so its verdict goes last, as
 * the log's `comment`. Embedded frames are never parsed for the HAR itself (their text is cut
 * from the line and escaped), and bulk output frames not even for the summary.
 */
export async function writeHarOnePass(file: ExportFile, input: HarOnePassInput): Promise<void> {
  const { source, lines, app } = input
  let model: SessionModel = emptySummary(source.sessionId)
  let pending: FrameRecord[] = []
  const fold = (): void => {
    if (pending.length) model = foldIntoSummary(model, pending)
    pending = []
  }
  const summary = (): ExportInput => ({ model, app })
  const creator = JSON.stringify({ version: '1.2', creator: { name: app.name, version: app.version }, pages: [] }).slice(0, -1)
  await file.write(`{\n  "log": ${creator},\n  "entries": [`)
  let current = -1
  let firstMessage = true
  const out = new OutputBuffer()
  const open = (i: number): void => {
    if (current >= 0) out.append(entryTail(model.attempts[current]))
    const head = JSON.stringify(entryHead(model.attempts[i], summary())).slice(0, -1)
    out.append(`${i === 0 ? '' : ','}\n    ${head},\n      "_webSocketMessages": [`)
    current = i
    firstMessage = true
  }
  const message = (seq: number, t: number, dir: string, opcode: number, data: string): void => {
    const attempts = model.attempts
    if (attempts.length === 0 || seq < attempts[0].firstSeq) return
    // Move to the attempt this message belongs to (entries without messages are still written).
    while (current < attempts.length - 1 && seq >= attempts[current + 1].firstSeq) open(current + 1)
    if (current < 0) open(0)
    const type = dir === 'out' ? 'send' : 'receive'
    out.append(`${firstMessage ? '' : ','}\n        {"type":"${type}","time":${JSON.stringify(wallTime(model, t) / 1000)},"opcode":${opcode},"data":`)
    out.append(JSON.stringify(data))
    out.append('}')
    firstMessage = false
  }
  const take = (line: ScannedLine): void => {
    if (line.embedded) {
      const { seq, t, dir, size } = line.embedded
      const data = line.buffer.toString('utf8', line.jsonStart, line.end - 1)
      const bulk = bulkType(line.buffer, line.jsonStart, line.end - 1)
      pending.push({ seq, t, dir, kind: 'message', opcode: 1, encoding: 'utf8', data: bulk ? bulkStandIn(bulk) : data, size })
      message(seq, t, dir, 1, data)
      return
    }
    const record = line.record
    pending.push(record)
    if (record.kind === 'message') message(record.seq, record.t, record.dir, record.opcode, record.data)
    // Attempts, handshakes, closes and the start change what the entries say: fold them before going on.
    else fold()
  }
  let done = 0
  await scanLogLines(
    lines,
    source.count,
    async (_segment, scanned) => {
      for (const line of scanned) take(line)
      fold()
      await out.drainTo(file)
      done += scanned.length
      input.onProgress?.({ records: done, totalRecords: source.count })
    },
    (issue) => source.onIssue?.(issue)
  )
  fold()
  while (current < model.attempts.length - 1) open(current + 1)
  if (current >= 0) out.append(entryTail(model.attempts[current]))
  // A finished recording without its close is cut off, not open (see endRecords).
  const diagnosis = diagnoseSession(input.source.ended ? endRecords(model) : model, input.diagnosis)
  const comment = `verdict: ${diagnosis.verdict}. ${diagnosis.summary}`
  out.append(`\n  ],\n  "comment": ${JSON.stringify(comment)}\n  }\n}\n`)
  await out.drainTo(file)
}
