import { close as closeFd, mkdirSync, openSync, write, writeSync } from 'node:fs'
import { open, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { FrameRecord, MessageRecord } from '../../shared/api/frame-record'
import { embeddedLineHead, headerLine, recordLine, type SessionLogHeader } from '../../shared/session-log/session-log-format'
import { isSingleLineJson } from '../../shared/session-log/single-line-json'
import { readIndexedRecords, type RangeRead } from './read-indexed-records'
import { RecordIndex } from './record-index'

/** How a recorder keeps its log. */
export type SessionRecorderOptions = {
  /** A log kept only while the app runs (recording turned off): `discard()` deletes it. */
  temporary?: boolean
  /** Longest wait before appended records are handed to the OS (default 50 ms). */
  flushIntervalMs?: number
}

/** Pending bytes are handed to the OS once this many have gathered, even before the interval. */
const CHUNK_BYTES = 1024 * 1024
/**
 * Most bytes waiting in asynchronous writes. Beyond it a chunk is written synchronously: the event
 * loop stops reading the socket meanwhile, so TCP slows the server down instead of memory growing
 * when the disk is slower than the network (measured: 500 MB held at 1 M frames without this).
 * A disk that keeps up never has more than a chunk or two queued; one that does not gains nothing
 * from a deeper queue (at 16 MiB a 1 M-frame flood still wrote 590 of its ~1 000 chunks
 * synchronously, with 16 MiB held the whole time), so the queue is kept short.
 */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024
/**
 * Chunk buffers kept for reuse once written: every one that can be out at once (the queue's, the
 * one that overflows it, the pending one), so a written chunk is never dropped and never allocated
 * again. Queued chunks come back in bunches after a synchronous write; with room for only 4, the
 * rest were dropped, having lived long enough to reach V8's old generation, where only a major
 * collection frees them: 130–164 dropped (and as many allocated) per 1 M-frame flood, up to ~40 MB
 * of them waiting, which put the main process's RSS peak at 132–175 MB instead of 130–131 MB.
 */
const MAX_SPARE_BUFFERS = MAX_QUEUED_BYTES / CHUNK_BYTES + 2
/** What `pending` becomes once the log is closed. */
const EMPTY = Buffer.alloc(0)

function writeAt(fd: number, chunk: Buffer, position: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (done: number): void => {
      write(fd, chunk, done, chunk.length - done, position + done, (error, written) => {
        if (error) reject(error)
        else if (done + written < chunk.length) step(done + written)
        else resolve()
      })
    }
    step(0)
  })
}

/** Write all of `chunk` at `position`, synchronously. */
function writeAllSync(fd: number, chunk: Buffer, position: number): void {
  for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done, chunk.length - done, position + done)
}

/** A chunk queued for an asynchronous write; `written` once it is on the OS's side, by either path. */
type QueuedChunk = { chunk: Buffer; position: number; written: boolean }

/**
 * Appends a session's records to its recording as they happen, and serves them back by number.
 *
 * One line per record (docs/session-format.md), encoded straight into a pending buffer and
 * handed to the OS at least every 50 ms with positional writes, so a crash loses at most the
 * last interval and leaves at worst one cut-off line, which the reader reports and skips.
 * The byte offset of every record goes into a {@link RecordIndex}: memory holds 8 bytes a
 * record, the records themselves live on disk and `readRange` loads any range on demand.
 * Records arrive already redacted. A write failure (disk full, folder removed) is reported
 * once through `onError`; the live session carries on, because losing the recording must not
 * also lose the connection.
 */
export class SessionRecorder {
  /** Byte offset of every record appended (the header is not a record). */
  readonly index: RecordIndex
  private fd: number | null = null
  private pending: Buffer = Buffer.allocUnsafe(CHUNK_BYTES)
  /** Written chunk buffers kept for reuse (see `release`). */
  private readonly spare: Buffer[] = []
  private pendingBytes = 0
  private durableBytes = 0
  /** Chunks handed to asynchronous writes that have not finished, in file order. */
  private readonly queued: QueuedChunk[] = []
  private writes: Promise<void> = Promise.resolve()
  private timer: NodeJS.Timeout | null = null
  private failure: Error | null = null
  private closing: Promise<void> | null = null
  private readonly flushIntervalMs: number

  constructor(
    readonly path: string,
    header: SessionLogHeader,
    private readonly onError: (error: Error) => void = () => undefined,
    readonly options: SessionRecorderOptions = {}
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 50
    const head = headerLine(header)
    this.index = new RecordIndex(Buffer.byteLength(head))
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
      this.fd = openSync(path, 'wx', 0o600)
    } catch (error) {
      this.fail(error as Error)
      return
    }
    this.pendingBytes = this.pending.write(head, 0)
    this.flushNow()
  }

  private fail(error: Error): void {
    if (this.failure) return
    this.failure = error
    this.onError(error)
  }

  /** Records appended so far (record `n` has `seq === n` for a live session). */
  get recordCount(): number {
    return this.index.count
  }

  /** Bytes of the log once everything appended is written (header included). */
  get byteLength(): number {
    return this.index.end
  }

  /** Bytes in chunks handed to asynchronous writes that have not finished. */
  private get queuedBytes(): number {
    return this.queued.reduce((sum, queued) => sum + queued.chunk.length, 0)
  }

  /** Bytes of chunk buffers this recorder holds: the pending chunk, spares, and chunks still being written. */
  get bufferBytes(): number {
    return this.pending.length + this.spare.reduce((sum, buffer) => sum + buffer.length, 0) + this.queuedBytes
  }

  /** Why the log stopped being written, if it did. */
  get error(): Error | null {
    return this.failure
  }

  /** Append records (one line each); they reach the OS within the flush interval. */
  append(records: readonly FrameRecord[]): void {
    for (const record of records) this.appendOne(record)
  }

  /**
   * Append one record. `raw`, for a text frame, is the bytes it arrived as, given only when the
   * record's `data` is exactly their text: a frame that is single-line JSON is then copied into
   * the log as it is (the same line `recordLine` would produce, without encoding the text again).
   */
  appendOne(record: FrameRecord, raw?: Buffer): void {
    if (this.failure || this.closing) return
    if (raw !== undefined && record.kind === 'message' && record.encoding === 'utf8' && isSingleLineJson(record.data)) {
      this.appendEmbedded(record, raw)
      return
    }
    this.appendLine(recordLine(record))
  }

  private appendEmbedded(record: MessageRecord, raw: Buffer): void {
    const head = embeddedLineHead(record)
    // The head is ASCII (one byte a character); the frame's bytes, then `}` and the newline.
    const bytes = head.length + raw.length + 2
    if (this.pendingBytes + bytes > this.pending.length) {
      this.flushNow()
      if (bytes > this.pending.length) this.pending = Buffer.allocUnsafe(bytes)
    }
    let at = this.pendingBytes + this.pending.write(head, this.pendingBytes, 'latin1')
    this.pending.set(raw, at)
    at += raw.length
    this.pending[at++] = 0x7d
    this.pending[at++] = 0x0a
    this.pendingBytes = at
    this.appended(bytes)
  }

  private appendLine(line: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit: make sure the whole line fits before writing it.
    const worst = line.length * 3
    if (this.pendingBytes + worst > this.pending.length) {
      this.flushNow()
      if (worst > this.pending.length) this.pending = Buffer.allocUnsafe(worst)
    }
    const bytes = this.pending.write(line, this.pendingBytes)
    this.pendingBytes += bytes
    this.appended(bytes)
  }

  private appended(bytes: number): void {
    this.index.add(bytes)
    if (!this.timer) {
      this.timer = setTimeout(() => this.flushNow(), this.flushIntervalMs)
      this.timer.unref()
    }
  }

  /** Hand the pending bytes to the OS now (asynchronously; `flush()` waits for it). */
  private flushNow(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.pendingBytes === 0 || this.fd === null || this.failure) return
    const full = this.pending
    const chunk = full.subarray(0, this.pendingBytes)
    const end = this.index.end
    const position = end - chunk.length
    const fd = this.fd
    this.pending = this.spare.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES)
    this.pendingBytes = 0
    if (this.queuedBytes + chunk.length > MAX_QUEUED_BYTES) {
      // Written in order, synchronously: first every chunk still queued (the one being written
      // asynchronously too — the same bytes at the same place, so whichever lands last changes
      // nothing), then this one. A chunk written ahead of an earlier one still queued would leave
      // a hole of zero bytes in the file if the process died in between (a kill mid-flood did).
      try {
        for (const queued of this.queued) {
          if (!queued.written) writeAllSync(fd, queued.chunk, queued.position)
          queued.written = true
        }
        writeAllSync(fd, chunk, position)
      } catch (error) {
        this.fail(error as Error)
        return
      }
      this.release(full)
      this.writes = this.writes.then(() => {
        if (!this.failure) this.durableBytes = end
      })
      return
    }
    const queued: QueuedChunk = { chunk, position, written: false }
    this.queued.push(queued)
    this.writes = this.writes
      .then(() => (this.failure || queued.written ? undefined : writeAt(fd, chunk, position)))
      .then(() => {
        if (!this.failure) this.durableBytes = end
      })
      .catch((error: Error) => this.fail(error))
      .finally(() => {
        queued.written = true
        this.queued.splice(this.queued.indexOf(queued), 1)
        this.release(full)
      })
  }

  /**
   * Keep a written chunk buffer for reuse: a fresh 1 MiB buffer per flush costs a page fault per
   * 4 KiB on first touch (measured as most of the copying time in a flood), a reused one does not.
   */
  private release(buffer: Buffer): void {
    if (buffer.length === CHUNK_BYTES && this.spare.length < MAX_SPARE_BUFFERS) this.spare.push(buffer)
  }

  /** Write everything appended so far and wait until the OS has it. */
  async flush(): Promise<void> {
    this.flushNow()
    await this.writes
  }

  /**
   * Records `[from, from + count)` from disk, by number. Waits for pending writes when the range
   * reaches them. Throws when the log could not be written (its records are not on disk).
   */
  async readRange(from: number, count: number): Promise<RangeRead> {
    if (this.failure) throw new Error(`the session log ${this.path} could not be written (${this.failure.message}); its records are not available`)
    const last = Math.min(this.index.count, from + count)
    if (from >= last) return { records: [], lines: [], issues: [] }
    if (this.index.offsetOf(last) > this.durableBytes) await this.flush()
    const handle = await open(this.path, 'r')
    try {
      return await readIndexedRecords(handle, this.index, from, last - from, { firstLine: 2, maxLineBytes: Number.POSITIVE_INFINITY })
    } finally {
      await handle.close()
    }
  }

  /**
   * Flush and close the file (idempotent). The index stays, so `readRange` keeps working; the
   * chunk buffers go (a closed session appends nothing more).
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.flush()
      this.spare.length = 0
      this.pending = EMPTY
      const fd = this.fd
      this.fd = null
      if (fd !== null) await new Promise<void>((resolve) => closeFd(fd, () => resolve()))
    })()
    return this.closing
  }

  /** Close, and delete the file if it is temporary (recording turned off). */
  async discard(): Promise<void> {
    await this.close()
    if (this.options.temporary) await rm(this.path, { force: true })
  }
}
