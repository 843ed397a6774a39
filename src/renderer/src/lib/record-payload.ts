import type { FrameRecord } from '../../../shared/api/frame-record'
import type { FrameFlag } from '../../../shared/protocol/parse-frame'

/** What the detail pane shows of a record: a tree when there is one, and always the raw text. */
export type RecordPayload = {
  /** Parsed JSON (objects and arrays only); null when the frame is not a readable JSON object. */
  tree: object | null
  /** The verbatim text: the frame's bytes for data frames, the record as JSON otherwise. */
  raw: string
  flag: FrameFlag | null
}

/**
 * Read a record for display. Only the selected record goes through here, so parsing its
 * JSON again costs nothing next to the list, which never parses at all.
 */
export function recordPayload(record: FrameRecord): RecordPayload {
  if (record.kind === 'message') {
    if (record.encoding === 'base64') return { tree: null, raw: record.data, flag: 'binary' }
    try {
      const value: unknown = JSON.parse(record.data)
      if (typeof value === 'object' && value !== null) return { tree: value, raw: record.data, flag: null }
      return { tree: null, raw: record.data, flag: 'non-object' }
    } catch {
      return { tree: null, raw: record.data, flag: 'malformed-json' }
    }
  }
  if (record.kind === 'ping' || record.kind === 'pong') return { tree: record, raw: record.data, flag: null }
  return { tree: record, raw: JSON.stringify(record, null, 2), flag: null }
}
