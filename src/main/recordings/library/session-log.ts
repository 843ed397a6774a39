import type { FrameRecord } from '../../../shared/api/frame-record'
import type { RangeRead } from '../read-indexed-records'

/**
 * What a managed session writes its records to and reads them back from by range: a recording
 * on disk (`SessionRecorder`) or, with recording off, the bounded in-memory log
 * (`MemorySessionLog`). The session, `session.records` and the exports see only this.
 */
export type SessionLog = {
  /** The file, or null when the log lives in memory only. */
  readonly filePath: string | null
  /** Bytes of the file once everything appended is written (0 in memory). */
  readonly byteLength: number
  /** Records appended so far (record `n` has `seq === n`). */
  readonly recordCount: number
  /** Why the log stopped being written, if it did. */
  readonly error: Error | null
  /** Append one record; `raw` is the bytes a text frame arrived as, which a file log may copy as they are. */
  appendOne(record: FrameRecord, raw?: Buffer): void
  /** Everything appended is readable (on disk for a file). */
  flush(): Promise<void>
  readRange(from: number, count: number): Promise<RangeRead>
  /** Stop writing (idempotent); ranges stay readable. */
  close(): Promise<void>
  /** Close and forget what is not a recording (a memory log's records). */
  discard(): Promise<void>
}
