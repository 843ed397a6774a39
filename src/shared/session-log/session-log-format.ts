import { z } from 'zod'
import type { FrameRecord } from '../api/frame-record'
import { checkRecord, type RecordCheck } from './record-shape'
import { isSingleLineJson } from './single-line-json'

/**
 * Current version of the recording format (docs/session-format.md). Readers accept this version and older ones.
 * Version 2 embeds a text frame that is valid single-line JSON as a raw `json` value instead of an escaped `data` string.
 */
export const SESSION_LOG_VERSION = 2

/** First line of every recording. */
export const SessionLogHeaderSchema = z.object({
  format: z.literal('netra-session'),
  version: z.number().int().positive(),
  sessionId: z.string(),
  createdAt: z.string(),
  app: z.object({ name: z.string(), version: z.string() }),
  /** Where the session came from when it was not recorded live (docs/session-format.md § Origin): a HAR import. */
  origin: z
    .object({
      /** The source format (`har`). */
      format: z.string(),
      /** The source file's name (no folder). */
      file: z.string(),
      /** Index of the imported entry in the HAR's `log.entries`. */
      entry: z.number().int().nonnegative().optional(),
      /** The tool that wrote the source (HAR `log.creator`), if it said. */
      creator: z.string().nullable().optional(),
      importedAt: z.string().optional()
    })
    .optional()
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

/** Where a message line's raw JSON value starts; the value runs to the line's closing brace. */
const JSON_MARKER = ',"json":'
/** The marker sits after a few short fields; further in, it belongs to some nested value. */
const MARKER_WITHIN = 240

/**
 * Serialise one record line (with its newline). Records are already redacted when they reach here.
 *
 * A text frame that is exactly one valid JSON value on one line is embedded as it arrived
 * (`"json":<the frame>`, last field) rather than re-escaped inside a string: cheaper to write,
 * cheaper to read, and byte-identical to what the server sent. Anything else is stored escaped.
 */
export function recordLine(record: FrameRecord): string {
  if (record.kind === 'message' && record.opcode === 1 && record.encoding === 'utf8' && isSingleLineJson(record.data))
    return `${embeddedLineHead(record)}${record.data}}\n`
  return `${JSON.stringify(record)}\n`
}

/**
 * The start of a version-2 line that embeds a text frame, up to and including `"json":` (ASCII
 * only); the frame's text and `}\n` follow. The recorder writes a frame's received bytes after it.
 */
export function embeddedLineHead(record: { seq: number; t: number; dir: string; size: number }): string {
  return `{"seq":${record.seq},"t":${record.t},"dir":"${record.dir}","kind":"message","opcode":1,"encoding":"utf8","size":${record.size}${JSON_MARKER}`
}

/** Does the line put its `json` value where version 2 does: after scalar fields only, as the last field? */
function embeddedAt(line: string): number {
  const marker = line.indexOf(JSON_MARKER)
  if (marker <= 0 || marker >= MARKER_WITHIN || line.charCodeAt(line.length - 1) !== 0x7d) return -1
  // Scalars only before the marker: then it is the top-level key, not one inside a nested value.
  const head = line.slice(1, marker)
  return head.includes('{') || head.includes('[') ? -1 : marker + JSON_MARKER.length
}

/**
 * Read one record line of any format version: one `JSON.parse` (which validates the embedded
 * frame too), a shape check with the exporters' limits, never a throw. A message with an
 * embedded `json` value gets it back byte for byte as its `data`.
 */
export function parseRecordLine(line: string): RecordCheck {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return { problem: 'not valid JSON' }
  }
  if (typeof value === 'object' && value !== null && 'json' in value && (value as { kind?: unknown }).kind === 'message') {
    let lastKey = ''
    for (const key in value) lastKey = key
    const at = lastKey === 'json' ? embeddedAt(line) : -1
    if (at < 0) return { problem: 'a message\'s "json" value is not the last field after the scalar ones' }
    // checkRecord keeps only a message's known fields, so the parsed `json` tree is dropped there.
    return checkRecord(value, line.slice(at, line.length - 1))
  }
  return checkRecord(value)
}

/**
 * Read the header line: the recording's identity and format version.
 * Throws a message a person can act on when the file is not a recording or is too new.
 */
export function parseHeaderLine(line: string): SessionLogHeader {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    value = undefined
  }
  const header = SessionLogHeaderSchema.safeParse(value)
  const claimed = (value as { format?: unknown; version?: unknown } | undefined) ?? {}
  const version = claimed.version
  const supportedVersion = typeof version === 'number' && Number.isInteger(version) && version >= 1 && version <= SESSION_LOG_VERSION
  // Say which version the file has and which are supported: "unsupported" alone leaves the reader guessing which app to use.
  if (claimed.format === 'netra-session' && version !== undefined && !supportedVersion) {
    const newer = typeof version === 'number' && version > SESSION_LOG_VERSION ? ' (a newer app wrote it; update this app)' : ''
    throw new Error(`this recording has format version ${JSON.stringify(version)}, which is not supported: this app reads versions 1 to ${SESSION_LOG_VERSION}${newer}`)
  }
  if (!header.success) throw new Error('not a Netra Diagnostics recording: the first line is not a netra-session header')
  return header.data
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

/** The issue text of a cut-off last line. */
export const TRUNCATED_MESSAGE = 'the last line is incomplete (the recording was cut off); read up to the record before it'

/**
 * Incremental reader of a whole recording held in memory (small files, tests): feed it text
 * chunks, then `finish()`. Large files go through the main process's indexed reader instead.
 * A truncated final line is reported, not fatal; an unreadable line in the middle is reported
 * with its line number and skipped.
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
    let start = 0
    let newline = this.buffer.indexOf('\n')
    while (newline !== -1) {
      this.readLine(this.buffer.slice(start, newline))
      start = newline + 1
      newline = this.buffer.indexOf('\n', start)
    }
    this.buffer = this.buffer.slice(start)
  }

  private readLine(raw: string): void {
    this.lineNumber += 1
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    if (line.trim() === '') return
    if (this.header === null) {
      this.header = parseHeaderLine(line)
      return
    }
    const result = parseRecordLine(line)
    if (result.record) this.records.push(result.record)
    else this.issues.push({ line: this.lineNumber, message: `${result.problem}; line skipped` })
  }

  /** End of input: returns everything read. Throws only when there is no header at all. */
  finish(): SessionLogContents {
    let truncated = false
    if (this.buffer.trim() !== '') {
      // A last line without its newline is either a complete record (kept) or a cut-off write (reported).
      if (this.header !== null && parseRecordLine(this.buffer).record === undefined) {
        truncated = true
        this.issues.push({ line: this.lineNumber + 1, message: TRUNCATED_MESSAGE })
      } else this.readLine(this.buffer)
      this.buffer = ''
    }
    if (!this.header) throw new Error('not a Netra Diagnostics recording: it is empty or has no header line')
    return { header: this.header, records: this.records, issues: this.issues, truncated }
  }
}
