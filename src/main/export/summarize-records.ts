import type { FrameRecord } from '../../shared/api/frame-record'
import { applyRecords, BULK_OUTPUT_TYPES, BULK_TEXT_KEPT_UP_TO, bulkStandIn, createSessionModel, type SessionModel } from '../../shared/session-model'
import { recordBatches, type ExportProgress, type RecordSource } from './record-source'

/** The summary model of an export before any record: every record kept, bulk text dropped as it is folded. */
export function emptySummary(sessionId: string): SessionModel {
  return createSessionModel(sessionId)
}

/**
 * Fold a batch into a summary model, dropping the text of bulk output frames once the reducer has
 * read it: the diagnosis reads nothing of them but their row (time, size, direction, label).
 */
export function foldIntoSummary(model: SessionModel, records: readonly FrameRecord[]): SessionModel {
  const before = model.records.length
  const after = applyRecords(model, records)
  for (let i = before; i < after.records.length; i++) {
    const record = after.records[i]
    // The text's length first: the one-pass HAR writer's bulk frames already carry their stand-in.
    if (record.kind !== 'message' || record.data.length <= BULK_TEXT_KEPT_UP_TO || i >= after.rows.length) continue
    const label = after.rows.labelAt(i)
    if (BULK_OUTPUT_TYPES.has(label)) after.records[i] = { ...record, data: bulkStandIn(label) }
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
