import type { FrameRecord } from '../../shared/api/frame-record'
import { applyRecords, createSessionModel, type SessionModel } from '../../shared/session-model'
import { recordBatches, type ExportProgress, type RecordSource } from './record-source'

// Bulk output frames carry nothing the diagnosis reads but their time, size and direction: it
// skips them by their row's label. Their text is dropped once the reducer has read it.
const BULK_LABELS = new Set(['stream_chunk', 'partial_result'])

const standIns = new Map<string, string>()

/** What a bulk frame's text becomes in a summary: its type alone (one string per type, shared by every such frame). */
export function bulkStandIn(label: string): string {
  let text = standIns.get(label)
  if (text === undefined) {
    text = JSON.stringify({ type: label })
    // Labels come from frames: only the few bulk types are kept, so the map stays small.
    if (BULK_LABELS.has(label)) standIns.set(label, text)
  }
  return text
}

/** The summary model of an export before any record: every record kept, bulk text dropped as it is folded. */
export function emptySummary(sessionId: string): SessionModel {
  return createSessionModel(sessionId)
}

/** Fold a batch into a summary model, dropping the text of bulk output frames once read. */
export function foldIntoSummary(model: SessionModel, records: readonly FrameRecord[]): SessionModel {
  const before = model.records.length
  const after = applyRecords(model, records)
  for (let i = before; i < after.records.length; i++) {
    const record = after.records[i]
    // The text's length first: the one-pass HAR writer's bulk frames already carry their stand-in.
    if (record.kind !== 'message' || record.data.length <= 64 || i >= after.rows.length) continue
    const label = after.rows.labelAt(i)
    if (BULK_LABELS.has(label)) after.records[i] = { ...record, data: bulkStandIn(label) }
  }
  return after
}

/**
 * Fold a session's records into the model the reports and the diagnosis read, a batch at a
 * time, straight from its log. Bulk output frames keep only their type once folded, so memory
 * is a fraction of the log even for a million-frame flood.
 */
export async function summarizeRecords(source: RecordSource, onProgress?: (progress: ExportProgress) => void): Promise<SessionModel> {
  let model = emptySummary(source.sessionId)
  let done = 0
  for await (const { records } of recordBatches(source)) {
    model = foldIntoSummary(model, records)
    done += records.length
    onProgress?.({ records: done, totalRecords: source.count })
  }
  return model
}
