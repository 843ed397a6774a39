import type { FrameRecord } from '../api/frame-record'
import { applyRecords, createSessionModel, endRecords, RecordLog, withoutBulkText, type SessionModel } from '../session-model'
import { diagnoseSession, type SessionDiagnosisOptions } from './diagnose-session'
import type { Diagnosis } from './diagnosis-types'
import { SessionEvidenceBuilder } from './evidence-builder'

/**
 * One session folded batch by batch for its diagnosis, at a memory cost per frame that no
 * garbage collection has to walk: the model keeps its rows (typed arrays) but no records, every
 * applied record goes into a `RecordLog` (a bulk output frame, reduced to its stand-in by
 * `withoutBulkText` if it still has its text, becomes three numbers), and the evidence is read
 * from each batch as it comes. What the diagnosis worker, the HAR's verdict, the other exports'
 * summary and the library's keep per session; its diagnosis equals `diagnoseSession` of a model
 * that kept every record (`folded-session.test.ts`).
 */
export class FoldedSession {
  private current: SessionModel
  private readonly log = new RecordLog()
  private readonly builder = new SessionEvidenceBuilder(this.log)

  constructor(sessionId: string) {
    this.current = createSessionModel(sessionId, { retainRecords: false })
  }

  /** The model so far (rows, runs, attempts, stats; no records). */
  get model(): SessionModel {
    return this.current
  }

  /** Fold the next batch; records at or below the last seq are skipped, as `applyRecords` skips them. */
  add(records: readonly FrameRecord[]): void {
    const before = this.current
    const firstRow = before.rows.length
    const model = applyRecords(before, records)
    if (model === before) return
    // The rows applyRecords just appended, one per fresh record, give each record's label; a bulk
    // output frame still carrying its text is reduced to its stand-in first (withoutBulkText), so
    // the log keeps it as numbers whoever feeds it.
    let row = firstRow
    for (const record of records) {
      if (record.seq <= before.lastSeq) continue
      this.log.append(withoutBulkText(record, model.rows, row), model.rows.labelAt(row))
      row += 1
    }
    this.current = model
    this.builder.update(model)
  }

  /** The diagnosis of everything folded; `ended`: a finished recording (see `endRecords`). */
  diagnose(options: SessionDiagnosisOptions = {}, ended = false): Diagnosis {
    return diagnoseSession(ended ? endRecords(this.current) : this.current, options, this.builder)
  }
}
