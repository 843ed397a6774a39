import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs'
import { dirname } from 'node:path'
import type { FrameRecord } from '../../shared/api/frame-record'
import { headerLine, recordLine, type SessionLogHeader } from '../../shared/session-log/session-log-format'

/**
 * Appends a session's records to its NDJSON recording as they happen.
 *
 * Append-only, one complete JSON line per record, so a crash leaves at worst one cut-off
 * last line, which the reader reports and skips. Records arrive already redacted. A write
 * failure (disk full, folder removed) is reported once through `onError`; the live session
 * carries on, because losing the recording must not also lose the connection.
 */
export class SessionRecorder {
  private readonly stream: WriteStream
  private failed = false

  constructor(
    readonly path: string,
    header: SessionLogHeader,
    private readonly onError: (error: Error) => void = () => undefined
  ) {
    mkdirSync(dirname(path), { recursive: true })
    this.stream = createWriteStream(path, { flags: 'wx', mode: 0o600 })
    this.stream.on('error', (error) => this.fail(error))
    this.stream.write(headerLine(header))
  }

  private fail(error: Error): void {
    if (this.failed) return
    this.failed = true
    this.onError(error)
  }

  /** Append records (one line each). */
  append(records: readonly FrameRecord[]): void {
    if (this.failed || records.length === 0) return
    let chunk = ''
    for (const record of records) chunk += recordLine(record)
    this.stream.write(chunk)
  }

  /** Flush and close the file. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.stream.closed || this.stream.destroyed) return resolve()
      this.stream.end(() => resolve())
    })
  }
}
