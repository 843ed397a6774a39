import { open, type FileHandle } from 'node:fs/promises'
import { parseHeaderLine, parseRecordLine, TRUNCATED_MESSAGE, type SessionLogHeader, type SessionLogIssue } from '../../shared/session-log/session-log-format'
import { DEFAULT_MAX_LINE_BYTES, readIndexedRecords, type RangeRead } from './read-indexed-records'
import { RecordIndex } from './record-index'
import { fileIdentity, isSameFile, WholeLineCheck, type FileIdentity } from './whole-lines'

/** How far indexing has got. */
export type IndexProgress = { bytesRead: number; totalBytes: number; records: number }

/** Options of {@link openSessionLog}. */
export type OpenSessionLogOptions = {
  /** Called as indexing goes on (about every 16 MB) and once at the end. */
  onProgress?: (progress: IndexProgress) => void
  /** How many records `first` holds (default 200). */
  firstRecords?: number
  /** Longest record line accepted (default 400 MiB); longer lines are reported and skipped. */
  maxLineBytes?: number
}

/** The outcome of indexing a whole file. */
export type IndexResult = {
  records: number
  /** The last line was cut off (a crash mid-write): it is reported and not indexed. */
  truncated: boolean
  issues: SessionLogIssue[]
  /**
   * The file as indexing found it, when every indexed line passed the checks an NDJSON export
   * makes to copy a line as it is ({@link WholeLineCheck}) and the file did not change while it
   * was read: the export may then copy it without reading it again, as long as it is still this
   * file. Null otherwise (the export checks each line itself).
   */
  wholeLines: FileIdentity | null
}

/** An open recording: its header and first records at once, any range by number, the rest indexed in the background. */
export type SessionLogFile = {
  path: string
  header: SessionLogHeader
  /** The first records (up to `firstRecords`), read before `openSessionLog` resolved. */
  first: RangeRead
  /** Lines indexed so far; each is one record unless `readRange` reports it unreadable. */
  readonly recordCount: number
  /** True once the whole file is indexed. */
  readonly complete: boolean
  /** Resolves when the whole file is indexed (rejects only on a read error of the disk). */
  indexed: Promise<IndexResult>
  /** Records `[from, from + count)` among those indexed so far, with the issues of any unreadable line (and, with `keepText`, each line's text). */
  readRange(from: number, count: number, options?: { keepText?: boolean }): Promise<RangeRead>
  /** Byte offset where record `n`'s line starts (`recordCount` gives the end of the last one). */
  offsetOf(n: number): number
  /** Stop indexing and close the file. */
  close(): Promise<void>
}

/** Bytes read per step while indexing. */
const INDEX_CHUNK = 1024 * 1024
/** A header line longer than this is not a recording's header. */
const MAX_HEADER_BYTES = 64 * 1024
const PROGRESS_EVERY = 16 * 1024 * 1024

function describeOpenError(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return new Error(`no recording at ${path}`, { cause: error })
  if (code === 'EISDIR') return new Error(`${path} is a folder, not a recording`, { cause: error })
  if (code === 'EACCES' || code === 'EPERM') return new Error(`${path} cannot be read (permission denied)`, { cause: error })
  return new Error(`${path}: ${(error as Error).message}`, { cause: error })
}

/**
 * Open a recording for reading without loading it: resolves as soon as the header and the first
 * records are read (milliseconds, whatever the size), then goes on indexing line offsets in the
 * background with progress events. Indexing looks for newlines and checks each line's bytes the way
 * an NDJSON export must before it copies the file ({@link WholeLineCheck}: a line with the recorder's
 * head is read from its head, not parsed), so the whole file is indexed several times faster than it
 * could be parsed; records are shape-checked when a range is read.
 *
 * Throws a clear error naming the file when it is missing, unreadable, empty, not a recording or
 * of a newer format version. A cut-off last line is reported in `indexed` and everything before it kept.
 */
export async function openSessionLog(path: string, options: OpenSessionLogOptions = {}): Promise<SessionLogFile> {
  let handle: FileHandle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    throw describeOpenError(path, error)
  }
  try {
    return await startReading(path, handle, options)
  } catch (error) {
    await handle.close().catch(() => undefined)
    if (error instanceof Error && error.message.startsWith(path)) throw error
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
  }
}

async function startReading(path: string, handle: FileHandle, options: OpenSessionLogOptions): Promise<SessionLogFile> {
  const stat = await handle.stat()
  if (stat.isDirectory()) throw new Error(`${path} is a folder, not a recording`)
  const totalBytes = stat.size
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES

  // The header: the first line, which must be short.
  const head = Buffer.allocUnsafe(Math.min(MAX_HEADER_BYTES, Math.max(1, totalBytes)))
  const { bytesRead: headRead } = await handle.read(head, 0, head.length, 0)
  const newline = head.subarray(0, headRead).indexOf(10)
  if (headRead === 0) throw new Error(`${path}: not a Netra Diagnostics recording: it is empty or has no header line`)
  if (newline === -1 && headRead === MAX_HEADER_BYTES) throw new Error(`${path}: not a Netra Diagnostics recording: the first line is not a netra-session header`)
  const headerText = head.subarray(0, newline === -1 ? headRead : newline).toString('utf8').replace(/\r$/, '')
  const header = parseHeaderLine(headerText)
  const index = new RecordIndex(newline === -1 ? headRead : newline + 1)
  const check = new WholeLineCheck(maxLineBytes)

  let stopped = false
  let complete = false
  const issues: SessionLogIssue[] = []
  let truncated = false
  let lineStart = index.end
  let position = index.end

  // Two buffers in turn: the next read is under way while this one's lines are indexed (one read
  // at a time left the thread idle for half of an index of a page-cached file).
  const buffers = [Buffer.allocUnsafe(INDEX_CHUNK), Buffer.allocUnsafe(INDEX_CHUNK)]
  let reads = 0
  let ahead: Promise<{ buffer: Buffer; bytesRead: number }> | null = null
  const readAt = (at: number): Promise<{ buffer: Buffer; bytesRead: number }> => {
    const buffer = buffers[reads++ % buffers.length]
    const read = handle.read(buffer, 0, buffer.length, at).then(({ bytesRead }) => ({ buffer, bytesRead }))
    read.catch(() => undefined)
    return read
  }

  /** Index one chunk; returns false at the end of the file. */
  const indexChunk = async (): Promise<boolean> => {
    const { buffer, bytesRead } = await (ahead ?? readAt(position))
    ahead = null
    if (bytesRead === 0) return false
    const lastNewline = buffer.lastIndexOf(10, bytesRead - 1)
    // The line this read cuts off is read again from its start next time, so that it is checked in
    // one piece: at most one line per read (1 MiB) is read twice.
    const next = lastNewline !== -1 && bytesRead === buffer.length ? position + lastNewline + 1 : position + bytesRead
    if (!stopped) ahead = readAt(next)
    // Each read starts where a line starts, unless a line is longer than a read.
    if (lineStart < position) check.fail()
    else if (lastNewline !== -1) check.region(buffer, 0, lastNewline + 1)
    let at = 0
    for (;;) {
      const nl = buffer.indexOf(10, at)
      if (nl === -1 || nl >= bytesRead) break
      check.line(buffer, at, nl)
      const lineEnd = position + nl + 1
      index.add(lineEnd - lineStart)
      lineStart = lineEnd
      at = nl + 1
    }
    position = next
    return true
  }

  /** What {@link IndexResult.wholeLines} says, once the whole file is indexed. */
  const wholeLines = async (): Promise<FileIdentity | null> => {
    if (stopped || !check.whole) return null
    const now = await handle.stat()
    return isSameFile(now, fileIdentity(stat)) ? fileIdentity(now) : null
  }

  /** The last line without a newline: a complete record (kept) or a cut-off write (reported). */
  const finishTail = async (): Promise<void> => {
    const tailBytes = position - lineStart
    if (tailBytes === 0) return
    const tail = tailBytes <= maxLineBytes ? Buffer.allocUnsafe(tailBytes) : null
    if (tail) await handle.read(tail, 0, tailBytes, lineStart)
    const text = tail?.toString('utf8') ?? ''
    if (tail && (text.trim() === '' || parseRecordLine(text.replace(/\r$/, '')).record)) {
      index.add(tailBytes)
      // Kept without its newline: an export writes one, so it does not copy the file as it is.
      check.fail()
    } else {
      truncated = true
      issues.push({ line: index.count + 2, message: TRUNCATED_MESSAGE })
    }
  }

  const firstWanted = options.firstRecords ?? 200
  // Read until the first records are indexed (or the file ends), before resolving.
  let more = true
  while (more && index.count < firstWanted) more = await indexChunk()
  const readRange = (from: number, count: number, read?: { keepText?: boolean }): Promise<RangeRead> =>
    readIndexedRecords(handle, index, from, count, { firstLine: 2, maxLineBytes, keepText: read?.keepText })

  const indexRest = async (): Promise<IndexResult> => {
    let nextProgress = PROGRESS_EVERY
    while (more && !stopped) {
      more = await indexChunk()
      if (position >= nextProgress) {
        nextProgress = position + PROGRESS_EVERY
        options.onProgress?.({ bytesRead: position, totalBytes, records: index.count })
      }
    }
    // Stopped: the read ahead must end before the file is closed.
    await ahead?.catch(() => undefined)
    if (!stopped) await finishTail()
    complete = true
    options.onProgress?.({ bytesRead: position, totalBytes, records: index.count })
    return { records: index.count, truncated, issues, wholeLines: await wholeLines() }
  }
  // The whole file may already be read: then the first records include a kept last line.
  if (!more) await finishTail()
  const first = await readRange(0, firstWanted)
  let indexed: Promise<IndexResult>
  if (more) indexed = indexRest()
  else {
    complete = true
    options.onProgress?.({ bytesRead: position, totalBytes, records: index.count })
    indexed = Promise.resolve({ records: index.count, truncated, issues, wholeLines: await wholeLines() })
  }
  indexed.catch(() => undefined)

  let closing: Promise<void> | null = null
  return {
    path,
    header,
    first,
    get recordCount() {
      return index.count
    },
    get complete() {
      return complete
    },
    indexed,
    readRange,
    offsetOf: (n) => index.offsetOf(n),
    close() {
      closing ??= (async () => {
        stopped = true
        await indexed.catch(() => undefined)
        await handle.close()
      })()
      return closing
    }
  }
}
