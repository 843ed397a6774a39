import { applyRecords, createSessionModel, type SessionModel } from '../../shared/session-model'
import { recordBatches, type ExportProgress, type RecordSource } from './record-source'

// Bulk output frames carry nothing the diagnosis reads but their time, size and direction: it
// skips them by their row's label. Their text is dropped once the reducer has read it.
const BULK_LABELS = new Set(['stream_chunk', 'partial_result'])

/**
 * Fold a session's records into the model the reports and the diagnosis read, a batch at a
 * time, straight from its log. Bulk output frames keep only their type once folded, so memory
 * is a fraction of the log even for a million-frame flood.
 */
export async function summarizeRecords(source: RecordSource, onProgress?: (progress: ExportProgress) => void): Promise<SessionModel> {
  let model = createSessionModel(source.sessionId)
  let done = 0
  for await (const { records } of recordBatches(source)) {
    const before = model.records.length
    model = applyRecords(model, records)
    for (let i = before; i < model.records.length; i++) {
      const record = model.records[i]
      const label = model.rows[i]?.label
      if (record.kind === 'message' && label !== undefined && BULK_LABELS.has(label) && record.data.length > 64)
        model.records[i] = { ...record, data: JSON.stringify({ type: label }) }
    }
    done += records.length
    onProgress?.({ records: done, totalRecords: source.count })
  }
  return model
}
