import type { FrameRecord, MessageRecord } from '../api/frame-record'
import type { RowList } from './row-table'

/**
 * Types of the bulk output frames: an agent's streamed text, sent by the thousand. The diagnosis
 * reads nothing of them but their time, size and direction (their row); it never parses them.
 */
export const BULK_OUTPUT_TYPES: ReadonlySet<string> = new Set(['stream_chunk', 'partial_result'])

/** Bulk texts up to this long are kept as they are: replacing them saves nothing. */
export const BULK_TEXT_KEPT_UP_TO = 64

const standIns = new Map<string, string>()

/** What a bulk frame's text becomes where only its row counts: its type alone (one string per type, shared by every such frame). */
export function bulkStandIn(type: string): string {
  let text = standIns.get(type)
  if (text === undefined) {
    text = JSON.stringify({ type })
    // Types come from frames: only the few bulk types are kept, so the map stays small.
    if (BULK_OUTPUT_TYPES.has(type)) standIns.set(type, text)
  }
  return text
}

/** The record a received bulk output frame stands for once reduced to `standIn` (its type's `bulkStandIn`). */
export function standInRecord(standIn: string, seq: number, t: number, size: number): MessageRecord {
  return { seq, t, dir: 'in', kind: 'message', opcode: 1, encoding: 'utf8', data: standIn, size }
}

/**
 * The record as the diagnosis needs it, given its row (`rows.at(index)`, read by the same
 * reducer): a received bulk output frame that names no run and no agent and was read without a
 * flag keeps only its type, which reads into the same row and the same evidence; every other
 * record is returned as it is. This is what the UI feeds its diagnosis worker: in a flood, most
 * frames are bulk, and copying their text to the worker cost ~3 µs a frame on the UI thread and
 * the worker's memory held every one of them.
 */
export function withoutBulkText(record: FrameRecord, rows: RowList, index: number): FrameRecord {
  const type = bulkTypeOf(record, rows, index)
  return type === null || record.kind !== 'message' ? record : { ...record, data: bulkStandIn(type) }
}

/** The type a record is reduced to by {@link withoutBulkText} (a bulk output frame's), or null when it is kept as it is. */
export function bulkTypeOf(record: FrameRecord, rows: RowList, index: number): string | null {
  if (record.kind !== 'message' || record.dir !== 'in' || record.encoding !== 'utf8' || record.data.length <= BULK_TEXT_KEPT_UP_TO) return null
  const row = rows.at(index)
  if (!row || row.seq !== record.seq || !BULK_OUTPUT_TYPES.has(row.label) || row.runId !== null || row.agentName !== null || row.flag !== null) return null
  return row.label
}
