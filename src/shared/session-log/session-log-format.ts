import { z } from 'zod'
import { FrameRecordSchema, type FrameRecord } from '../api/frame-record'

/** Current version of the recording format. Readers accept this version and older ones. */
export const SESSION_LOG_VERSION = 1

/** First line of every recording. */
export const SessionLogHeaderSchema = z.object({
  format: z.literal('netra-session'),
  version: z.number().int().positive(),
  sessionId: z.string(),
  createdAt: z.string(),
  app: z.object({ name: z.string(), version: z.string() })
})

/** First line of every recording. */
export type SessionLogHeader = z.infer<typeof SessionLogHeaderSchema>

/** The header of a new recording, in the current format version. */
export function newSessionLogHeader(sessionId: string, createdAtMs: number, app: SessionLogHeader['app']): SessionLogHeader {
  return { format: 'netra-session', version: SESSION_LOG_VERSION, sessionId, createdAt: new Date(createdAtMs).toISOString(), app }
}

/** Serialise the header line (with its newline). */
export function headerLine(header: SessionLogHeader): string {
  return `${JSON.stringify(header)}\n`
}

/** Serialise one record line (with its newline). Records are already redacted when they reach here. */
export function recordLine(record: FrameRecord): string {
  return `${JSON.stringify(record)}\n`
}

/** A problem found while reading a recording; reading goes on past it where it can. */
export type SessionLogIssue = { line: number; message: string }

/** What a read of a recording produced. */
export type SessionLogContents = {
  header: SessionLogHeader
  records: FrameRecord[]
  issues: SessionLogIssue[]
  /** True when the last line was cut off (a crash mid-write): everything before it was read. */
  truncated: boolean
}

/**
 * Incremental reader of the NDJSON recording format: feed it text chunks as they stream
 * from disk, then `finish()`. A truncated final line (a crash mid-write) is reported, not
 * fatal; an unreadable line in the middle is reported with its line number and skipped.
 */
export class SessionLogReader {
  private buffer = ''
  private lineNumber = 0
  private header: SessionLogHeader | null = null
  private readonly records: FrameRecord[] = []
  private readonly issues: SessionLogIssue[] = []

  /** Feed the next chunk of text. */
  push(chunk: string): void {
    this.buffer += chunk
    let newline = this.buffer.indexOf('\n')
    while (newline !== -1) {
      this.readLine(this.buffer.slice(0, newline))
      this.buffer = this.buffer.slice(newline + 1)
      newline = this.buffer.indexOf('\n')
    }
  }

  private readLine(line: string): void {
    this.lineNumber += 1
    if (line.trim() === '') return
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      this.issues.push({ line: this.lineNumber, message: 'not valid JSON; line skipped' })
      return
    }
    if (this.header === null) {
      const header = SessionLogHeaderSchema.safeParse(value)
      if (!header.success) throw new Error('not a Netra Diagnostics recording: the first line is not a netra-session header')
      if (header.data.version > SESSION_LOG_VERSION)
        throw new Error(`recording format version ${header.data.version} is newer than this app understands (${SESSION_LOG_VERSION}); update the app`)
      this.header = header.data
      return
    }
    const record = FrameRecordSchema.safeParse(value)
    if (record.success) this.records.push(record.data)
    else this.issues.push({ line: this.lineNumber, message: `not a valid record (${record.error.issues[0]?.message ?? 'schema mismatch'}); line skipped` })
  }

  /** End of input: returns everything read. Throws only when there is no header at all. */
  finish(): SessionLogContents {
    let truncated = false
    if (this.buffer.trim() !== '') {
      // A last line without its newline is either complete JSON (kept) or a cut-off write (reported).
      try {
        JSON.parse(this.buffer)
        this.readLine(this.buffer)
      } catch {
        truncated = true
        this.issues.push({ line: this.lineNumber + 1, message: 'the last line is incomplete (the recording was cut off); read up to the record before it' })
      }
      this.buffer = ''
    }
    if (!this.header) throw new Error('not a Netra Diagnostics recording: it is empty or has no header line')
    return { header: this.header, records: this.records, issues: this.issues, truncated }
  }
}
