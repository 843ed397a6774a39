import { isUtf8 } from 'node:buffer'
import type { Stats } from 'node:fs'
import { parseRecordLine } from '../../shared/session-log/session-log-format'
import { emptyHead, readEmbeddedHead } from './embedded-head'

/** Which file, in which state: a check of its lines holds only while the file is still this. */
export type FileIdentity = { dev: number; ino: number; size: number; mtimeMs: number; ctimeMs: number }

/** The identity of a file from its `stat`. */
export function fileIdentity(stats: Stats): FileIdentity {
  return { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs }
}

/** Is the file of `stats` still the one of `identity`? (Any write changes its ctime, which no one can set back.) */
export function isSameFile(stats: Stats, identity: FileIdentity): boolean {
  return (
    stats.dev === identity.dev && stats.ino === identity.ino && stats.size === identity.size && stats.mtimeMs === identity.mtimeMs && stats.ctimeMs === identity.ctimeMs
  )
}

const NEWLINE = 0x0a
const CARRIAGE_RETURN = 0x0d

/**
 * Checks, while a recording is indexed, that an NDJSON export may copy it as it is: every record
 * line read in one piece, ending in its own newline (no CR), in seq order, no longer than the
 * reader's line limit, and either a line with the recorder's own head for an embedded frame (in
 * bytes without NUL that are valid UTF-8) or a line that parses as a record. These are the checks
 * of the export's own scan (`copyCheckedLog`), so that when indexing has made them the export
 * need not read the file again; where this check is stricter than the scan (a NUL byte or
 * invalid UTF-8 anywhere, a line longer than one read), the export makes its own scan.
 *
 * Fed in file order: {@link region} for each read's run of whole lines, then {@link line} for
 * each line in it. Once a line fails, the rest is not looked at.
 */
export class WholeLineCheck {
  private ok = true
  private lastSeq = -1
  private readonly head = emptyHead()
  private view: DataView | null = null

  constructor(private readonly maxLineBytes: number) {}

  /** Has every line so far passed? */
  get whole(): boolean {
    return this.ok
  }

  /** Not copyable as it is: a line not read in one piece, a last line without its newline, indexing stopped. */
  fail(): void {
    this.ok = false
  }

  /** The next read's whole lines are `buffer[start, end)` (`end` just past the last newline). */
  region(buffer: Buffer, start: number, end: number): void {
    if (!this.ok) return
    const bytes = buffer.subarray(start, end)
    if (bytes.indexOf(0) !== -1 || !isUtf8(bytes)) this.ok = false
    else if (this.view?.buffer !== buffer.buffer || this.view.byteOffset !== buffer.byteOffset) this.view = new DataView(buffer.buffer, buffer.byteOffset, buffer.length)
  }

  /** One line of the current region: `buffer[start, newline)`, with `buffer[newline]` its newline. */
  line(buffer: Buffer, start: number, newline: number): void {
    if (!this.ok) return
    if (newline + 1 - start > this.maxLineBytes || buffer[newline] !== NEWLINE) return this.fail()
    let seq: number
    if (readEmbeddedHead(buffer, start, newline, this.head, this.view ?? undefined)) seq = this.head.seq
    else {
      if (newline === start || buffer[newline - 1] === CARRIAGE_RETURN) return this.fail()
      const record = parseRecordLine(buffer.toString('utf8', start, newline)).record
      if (!record) return this.fail()
      seq = record.seq
    }
    if (seq <= this.lastSeq) return this.fail()
    this.lastSeq = seq
  }
}
