import type { RangeRead } from '../recordings/read-indexed-records'
import type { LogLines } from './log-lines'

/**
 * Where an export reads a session's records from: a live or closed session's log, or a
 * recording opened from disk. Records are read by number in ranges, never all at once.
 */
export type RecordSource = {
  sessionId: string
  /** Records (lines) available. */
  count: number
  /** Records by number; with `keepText`, also each record's line as stored (a source may ignore it). */
  readRange(from: number, count: number, options?: { keepText?: boolean }): Promise<RangeRead>
  /** The stored lines are in the current format, so an NDJSON export may copy them as they are. */
  linesAreCurrent?: boolean
  /**
   * The log file itself, when it is in the current format and was written by this app in this
   * run (a session's own log): an NDJSON export is then a byte copy of its first `bytes` bytes.
   */
  ownLog?: { path: string; bytes: number }
  /**
   * Where the source's lines are stored, when that is a file in the current format (a recording
   * opened by the CLI, a session's own log): NDJSON and HAR exports then stream its lines,
   * taking the recorder's embedded frames as they are instead of parsing each (see `scanLogLines`).
   */
  logLines?: LogLines
  /** The records are a finished recording (nothing will follow): without its close it is cut off, not open. */
  ended?: boolean
  /** Report a line that could not be read (the CLI prints it; the backend logs it). */
  onIssue?: (issue: { line: number; message: string }) => void
}

/** Records read per step of an export. */
export const EXPORT_BATCH = 5_000

/** Progress of an export: records done of the total. */
export type ExportProgress = { records: number; totalRecords: number }

/**
 * Walk a source's records in order, a batch at a time, reporting unreadable lines.
 * A recording's seq only ever grows (record n has seq n); a record whose seq does not is
 * reported and skipped here, once for every exporter, because the reducer and the diagnosis
 * rely on that order.
 */
export async function* recordBatches(source: RecordSource, batch = EXPORT_BATCH, keepText = false): AsyncGenerator<{ records: RangeRead['records']; texts?: string[] }> {
  let lastSeq = -1
  for (let from = 0; from < source.count; from += batch) {
    const range = await source.readRange(from, batch, { keepText })
    for (const issue of range.issues) source.onIssue?.(issue)
    let ordered = range.records
    let texts = range.texts
    if (range.records.some((record, i) => record.seq <= (i === 0 ? lastSeq : range.records[i - 1].seq))) {
      ordered = []
      texts = range.texts ? [] : undefined
      range.records.forEach((record, i) => {
        if (record.seq > lastSeq) {
          ordered.push(record)
          texts?.push((range.texts as string[])[i])
          lastSeq = record.seq
        } else source.onIssue?.({ line: range.lines[i], message: `seq ${record.seq} does not follow seq ${lastSeq} (records are in seq order); line skipped` })
      })
    } else if (ordered.length > 0) lastSeq = ordered[ordered.length - 1].seq
    yield { records: ordered, texts }
  }
}
