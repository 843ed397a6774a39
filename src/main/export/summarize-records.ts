import { FoldedSession } from '../../shared/diagnosis'
import { RunReportsBuilder, type RunReport } from '../../shared/reports'
import { recordBatches, type ExportProgress, type RecordSource } from './record-source'

/** A session read for a report or the library: its model and diagnosis, and what its agents said. */
export type SessionSummary = {
  /** The model (rows, runs, attempts; no records) and its diagnosis. */
  folded: FoldedSession
  /** The reports per run, read from every record with its text (as the Report tab reads them). */
  reports: RunReport[]
}

/**
 * Fold a session's records into what the reports and the diagnosis read, a batch at a time,
 * straight from its log. No record is kept: a bulk output frame costs three numbers (see
 * `FoldedSession`), so memory is a small fraction of the log even for a million-frame flood.
 */
export async function summarizeRecords(source: RecordSource, onProgress?: (progress: ExportProgress) => void): Promise<SessionSummary> {
  const folded = new FoldedSession(source.sessionId)
  const said = new RunReportsBuilder()
  let done = 0
  for await (const { records } of recordBatches(source)) {
    // recordBatches gives each record once, in rising seq: every one becomes the next row.
    const firstRow = folded.model.rows.length
    folded.add(records)
    const { rows } = folded.model
    records.forEach((record, k) => said.add(record, rows.labelAt(firstRow + k)))
    done += records.length
    onProgress?.({ records: done, totalRecords: source.count })
  }
  return { folded, reports: said.reports() }
}
