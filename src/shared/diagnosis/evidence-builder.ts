import type { FrameRecord } from '../api/frame-record'
import type { AttemptView, RecordLog, SessionModel } from '../session-model'
import type { DiagnosisContext } from './diagnosis-types'
import {
  attemptViews,
  completeEvidence,
  emptyAttempt,
  isFrame,
  readAttemptRecord,
  readBulkStandIn,
  type AttemptEvidence,
  type SessionEvidence
} from './session-evidence'

/** Records by position: a model's `records`, or a `RecordLog`. */
type RecordHistory = FrameRecord[] | RecordLog

function recordAt(history: RecordHistory, index: number): FrameRecord {
  return Array.isArray(history) ? history[index] : history.at(index)
}

/**
 * Reads a growing session into the diagnosis' evidence batch by batch: each call reads only the
 * records added to the model since the last one, so a batch costs in proportion to the batch
 * (parsing frames is what costs), not to the session. `evidence` equals `readSessionEvidence` of
 * the same model (proved by `evidence-builder.test.ts` over random batch splits).
 *
 * Follows one model's append-only `records` (a model made with `retainRecords`, the default), or,
 * given a `RecordLog`, that log: the caller appends to it every record it applies to a model that
 * keeps none (see `FoldedSession`), and a flood then costs no heap object per frame.
 * When the attempts change in a way that moves records already read between attempts (an
 * attempt record that replaces a provisional first attempt, or handshake records arriving for a
 * session first read as a mid-stream import), it reads the session again from the start: rare,
 * and still correct. The evidence it returns shares its arrays with the builder: use it before
 * the next `update`.
 */
export class SessionEvidenceBuilder {
  private followed: RecordHistory | null = null
  /** How many of `followed` have been read. */
  private read = 0
  private attempts: AttemptEvidence[] = []
  /** Each attempt's first seq when its records were read. */
  private firstSeqs: number[] = []
  /** The one attempt is the stand-in for a session without attempt records. */
  private synthetic = false
  private firstFrameSeq: number | null = null
  private lastT = 0
  private lastReadSeq = Number.NEGATIVE_INFINITY
  /** Index of the attempt the last record read belonged to (-1: before the first). */
  private cursor = -1
  /** How many times the whole session was read again (tests and curiosity). */
  rereads = 0

  /** @param log the records to follow instead of each model's own (which it then need not keep) */
  constructor(private readonly log: RecordLog | null = null) {}

  /** Read whatever `model` added since the last call. */
  update(model: SessionModel): void {
    const records: RecordHistory = this.log ?? model.records
    if (records !== this.followed || records.length < this.read) this.reset(records)
    if (this.read === records.length) return
    let firstFrameSeq = this.firstFrameSeq
    firstFrameSeq ??= this.firstFrameFrom(records, this.read)
    const views = attemptViews(model, firstFrameSeq)
    if (!this.consistent(model, views)) {
      this.rereads += 1
      this.reset(records)
      firstFrameSeq = this.firstFrameFrom(records, 0)
    }
    this.firstFrameSeq = firstFrameSeq
    this.readFrom(model, attemptViews(model, firstFrameSeq))
  }

  /** The evidence of `model` judged with `context` (reads the new records first). */
  evidence(model: SessionModel, context: DiagnosisContext): SessionEvidence {
    this.update(model)
    const views = attemptViews(model, this.firstFrameSeq)
    // Fresh attempt objects with today's views (a close or an error may have arrived); the arrays are shared.
    const attempts = views.map((view, index) => ({ ...(this.attempts[index] ?? emptyAttempt(index, view)), view }))
    return completeEvidence(model, context, attempts, this.lastT)
  }

  /** Seq of the first frame at or after `from`, or null. */
  private firstFrameFrom(records: RecordHistory, from: number): number | null {
    for (let i = from; i < records.length; i++) {
      const record = recordAt(records, i)
      if (isFrame(record)) return record.seq
    }
    return null
  }

  private reset(records: RecordHistory): void {
    this.followed = records
    this.read = 0
    this.attempts = []
    this.firstSeqs = []
    this.synthetic = false
    this.firstFrameSeq = null
    this.lastT = 0
    this.lastReadSeq = Number.NEGATIVE_INFINITY
    this.cursor = -1
  }

  // Records already read stay in their attempts only if those attempts still start where they did
  // and every new attempt starts after the last record read.
  private consistent(model: SessionModel, views: AttemptView[]): boolean {
    if (this.synthetic && model.attempts.length > 0) return false
    if (views.length < this.firstSeqs.length) return false
    for (let i = 0; i < views.length; i++) {
      if (i < this.firstSeqs.length ? views[i].firstSeq !== this.firstSeqs[i] : views[i].firstSeq <= this.lastReadSeq) return false
    }
    return true
  }

  private readFrom(model: SessionModel, views: AttemptView[]): void {
    const records = this.followed as RecordHistory
    const { rows } = model
    this.synthetic = model.attempts.length === 0 && views.length > 0
    for (let i = this.attempts.length; i < views.length; i++) {
      this.attempts.push(emptyAttempt(i, views[i]))
      this.firstSeqs.push(views[i].firstSeq)
    }
    const log = this.log
    for (let i = this.read; i < records.length; i++) {
      if (log !== null && log.isStandIn(i)) {
        // A flood's bulk stand-ins are read from the log's numbers: no record is built for them.
        const t = log.tAt(i)
        const attempt = this.attemptOf(views, log.seqAt(i), t)
        if (attempt) readBulkStandIn(attempt, t)
      } else {
        const record = recordAt(records, i)
        const attempt = this.attemptOf(views, record.seq, record.t)
        if (attempt) readAttemptRecord(attempt, record, i < rows.length ? rows.labelAt(i) : '')
      }
    }
    this.read = records.length
  }

  /** Note the next record's seq and time; the attempt it belongs to, if any (records come in seq order). */
  private attemptOf(views: AttemptView[], seq: number, t: number): AttemptEvidence | null {
    if (t > this.lastT) this.lastT = t
    while (this.cursor + 1 < views.length && views[this.cursor + 1].firstSeq <= seq) this.cursor += 1
    this.lastReadSeq = seq
    return this.cursor >= 0 ? this.attempts[this.cursor] : null
  }
}
