import { createReadStream } from 'node:fs'
import { chmod, copyFile, mkdir, rm, truncate } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Writable } from 'node:stream'
import type { SessionDiagnosisOptions } from '../../shared/diagnosis'
import { endRecords } from '../../shared/session-model'
import { headerLine, newSessionLogHeader, recordLine, SESSION_LOG_VERSION, type SessionLogHeader } from '../../shared/session-log/session-log-format'
import { copyCheckedLog, discardStartedCopy } from './copy-checked-log'
import { ExportFile } from './export-file'
import { scanLogLines, type LogLines } from './log-lines'
import type { ExportInput } from './export-input'
import { recordBatches, type ExportProgress, type RecordSource } from './record-source'
import { summarizeRecords } from './summarize-records'
import { writeHar } from './to-har'
import { writeHarOnePass } from './har-one-pass'
import type { VerdictWorkerScript } from './har-verdict'
import { toJunit } from './to-junit'
import { toMarkdown } from './to-markdown'

/** Export formats, with their file extension and media type. */
export const EXPORT_FORMATS = {
  ndjson: { extension: 'ndjson', mimeType: 'application/x-ndjson' },
  har: { extension: 'har', mimeType: 'application/json' },
  junit: { extension: 'xml', mimeType: 'application/xml' },
  markdown: { extension: 'md', mimeType: 'text/markdown' }
} as const

/** One of the export formats. */
export type ExportFormat = keyof typeof EXPORT_FORMATS

/** What to export, and where. */
export type ExportRequest = {
  format: ExportFormat
  source: RecordSource
  /** The file to write (created 0600, replaced if it exists), or a stream such as standard output. */
  out: string | Writable
  app: ExportInput['app']
  /** The recording's header, when the source is an opened file (kept, in the current version). */
  header?: SessionLogHeader
  /**
   * A copy of `source.logLines` to `out` already under way (`startCopy` in copy-checked-log.ts: the CLI starts it
   * while the recording is indexed). An NDJSON export keeps it if every line passed; otherwise,
   * and for any other export, it is waited for and replaced.
   */
  startedCopy?: Promise<void>
  /** How to diagnose (SLA, expected generation, now); offline, the recording's own end is "now". */
  diagnosis?: SessionDiagnosisOptions
  onProgress?: (progress: ExportProgress) => void
  /** Where a one-pass HAR folds its verdict: by default the built worker for a big log, if there is one (see `startVerdictFold`). */
  verdictWorker?: VerdictWorkerScript | null
}

/** What an export wrote. */
export type ExportResult = { bytes: number; records: number }

async function copyBytes(file: ExportFile, path: string, bytes: number): Promise<void> {
  if (bytes === 0) return
  for await (const chunk of createReadStream(path, { start: 0, end: bytes - 1, highWaterMark: 1024 * 1024 })) await file.write(chunk as Buffer)
}

/**
 * The first `bytes` bytes of a log into a new file, by the OS's own copy (copy_file_range where
 * it can): a live log may have grown since, and is cut back to what was asked. 0600 like the log.
 */
async function copyLog(path: string, bytes: number, out: string): Promise<void> {
  await mkdir(dirname(out), { recursive: true, mode: 0o700 })
  await copyFile(path, out)
  await truncate(out, bytes)
  await chmod(out, 0o600)
}

async function writeNdjson(file: ExportFile, request: ExportRequest): Promise<void> {
  const { source } = request
  if (source.ownLog) {
    // The session's own log is already the current format, written by this run: a byte copy.
    await copyBytes(file, source.ownLog.path, source.ownLog.bytes)
    request.onProgress?.({ records: source.count, totalRecords: source.count })
    return
  }
  const header = request.header ? { ...request.header, version: SESSION_LOG_VERSION } : newSessionLogHeader(source.sessionId, Date.now(), request.app)
  await file.write(headerLine(header))
  if (source.logLines) return copyLogLines(file, source, source.logLines, request.onProgress)
  let done = 0
  // Lines already in the current format are copied as they are (each was checked when read).
  const copyLines = source.linesAreCurrent === true
  for await (const { records, texts } of recordBatches(source, undefined, copyLines)) {
    let chunk = ''
    if (texts) for (const text of texts) chunk += `${text}\n`
    else for (const record of records) chunk += recordLine(record)
    await file.write(chunk)
    done += records.length
    request.onProgress?.({ records: done, totalRecords: source.count })
  }
}

const NEWLINE = Buffer.from('\n')

/**
 * NDJSON from a file already in the current format: its lines as they are, in big chunks (a
 * segment's readable lines, gathered into as few writes as the unreadable ones allow). Lines that
 * are not records are reported with their line number and left out; nothing readable is lost.
 * The writes are queued, not awaited: the disk writes one segment while the next is read and
 * checked (waiting for each write made the export twice as slow as its parts at 1 GB).
 */
async function copyLogLines(file: ExportFile, source: RecordSource, lines: LogLines, onProgress?: (progress: ExportProgress) => void): Promise<void> {
  let done = 0
  await scanLogLines(
    lines,
    source.count,
    (segment) => {
      const { buffer, start, end } = segment
      // The segment's bytes stay in use until each queued slice is written (segment.hold).
      const write = (from: number, to: number): void => segment.hold(file.queue(buffer.subarray(from, to)))
      let runStart = -1
      let runEnd = -1
      for (let i = 0; i < segment.count; i++) {
        // A line followed by its newline joins the run of bytes copied as they are.
        const withNewline = end[i] < buffer.length && buffer[end[i]] === 0x0a
        if (runStart >= 0 && start[i] === runEnd && withNewline) {
          runEnd = end[i] + 1
          continue
        }
        if (runStart >= 0) write(runStart, runEnd)
        runStart = -1
        if (withNewline) {
          runStart = start[i]
          runEnd = end[i] + 1
        } else {
          // The file's last line without its newline, or a CRLF line: written with a plain newline.
          write(start[i], end[i])
          segment.hold(file.queue(NEWLINE))
        }
      }
      if (runStart >= 0) write(runStart, runEnd)
      done += segment.count
      onProgress?.({ records: done, totalRecords: source.count })
    },
    (issue) => source.onIssue?.(issue)
  )
}

/**
 * Export a session to a file, streaming record by record: NDJSON (a line copy of the log), HAR
 * (message by message: one pass over a log in the current format, else summary first and then
 * the messages), JUnit and Markdown (from the summary and diagnosis). Memory does not grow with
 * the session's size beyond the summary. Progress counts records over every pass. On failure
 * a file it created is removed (nothing partial passes for a whole export).
 */
export async function exportToFile(request: ExportRequest): Promise<ExportResult> {
  const { format, source } = request
  if (format === 'ndjson' && source.ownLog && typeof request.out === 'string') {
    await copyLog(source.ownLog.path, source.ownLog.bytes, request.out)
    request.onProgress?.({ records: source.count, totalRecords: source.count })
    return { bytes: source.ownLog.bytes, records: source.count }
  }
  if (format === 'ndjson' && source.logLines && request.header && typeof request.out === 'string') {
    try {
      if (await copyCheckedLog(source.logLines, source.count, request.header, request.out, request.onProgress, request.startedCopy))
        return { bytes: source.logLines.offsetOf(source.count), records: source.count }
    } catch (error) {
      await rm(request.out, { force: true }).catch(() => undefined)
      throw error
    }
  } else if (typeof request.out === 'string') {
    // Not a copy after all: the file a started copy began (with the recording's mode) makes way for the export below.
    await discardStartedCopy(request.startedCopy, request.out)
  }
  const file = new ExportFile(request.out)
  try {
    if (format === 'ndjson') await writeNdjson(file, request)
    else if (format === 'har' && source.logLines)
      await writeHarOnePass(file, {
        source,
        lines: source.logLines,
        app: request.app,
        diagnosis: request.diagnosis,
        onProgress: request.onProgress,
        verdictWorker: request.verdictWorker
      })
    else {
      const passes = format === 'har' ? 2 : 1
      const total = source.count * passes
      const { folded, reports } = await summarizeRecords(source, (p) => request.onProgress?.({ records: p.records, totalRecords: total }))
      const model = source.ended ? endRecords(folded.model) : folded.model
      const diagnosis = folded.diagnose(request.diagnosis, source.ended)
      const input: ExportInput = { model, diagnosis, app: request.app, reports }
      if (format === 'har')
        await writeHar(file, source, input, (p) => request.onProgress?.({ records: source.count + p.records, totalRecords: total }))
      else await file.write(format === 'junit' ? toJunit(input) : toMarkdown(input))
    }
    await file.close()
    return { bytes: file.bytes, records: source.count }
  } catch (error) {
    await file.abort().catch(() => undefined)
    throw error
  }
}
