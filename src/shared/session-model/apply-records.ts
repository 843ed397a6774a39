import type { FrameRecord } from '../api/frame-record'
import { readRecord } from './frame-row'
import { sessionStateAfter } from './session-state-after'
import type { AttemptView, ConnectionInfo, SessionModel } from './session-model'
import { RunsUpdate } from './update-runs'

function connectionFrom(data: Record<string, unknown>): ConnectionInfo {
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null)
  return { userId: text(data.user_id), connectionId: text(data.connection_id), mode: text(data.mode) }
}

/**
 * The one reducer: fold records into a session model.
 *
 * Live sessions, replays and imports all call this, so every view of a session is the
 * same whatever its source. A batch costs in proportion to the batch: records, rows and
 * run events are appended in place (see `SessionModel`), and the returned model is a new
 * object with `version` bumped. Apply each batch to the newest model only: an older model
 * object shares the appended arrays. Records at or below `lastSeq` are skipped, so a backlog
 * fetch may overlap live pushes safely; a batch with nothing new returns `model` itself.
 */
export function applyRecords(model: SessionModel, records: readonly FrameRecord[]): SessionModel {
  const fresh = records.filter((record) => record.seq > model.lastSeq)
  if (fresh.length === 0) return model

  const { rows, records: kept, retainRecords } = model
  const stats = { ...model.stats }
  const runs = new RunsUpdate(model.runs)
  let { start, handshake, close, state, connection, lastSeq, token } = model
  let preflight = model.preflight
  const attempts = model.attempts.slice()
  // Records before the first `attempt` marker (or in a session without retries) belong to attempt 1.
  const currentAttempt = (seq: number): AttemptView => {
    if (attempts.length === 0) attempts.push({ attempt: 1, of: 1, firstSeq: seq, handshake: null, close: null, errors: [] })
    const last = { ...attempts[attempts.length - 1] }
    attempts[attempts.length - 1] = last
    return last
  }

  for (const record of fresh) {
    const { row, event } = readRecord(record)
    rows.push(row)
    if (retainRecords) kept.push(record)
    lastSeq = Math.max(lastSeq, record.seq)
    state = sessionStateAfter(state, record)
    if (record.kind === 'session-start') start = record
    else if (record.kind === 'attempt') {
      const first = attempts.length === 1 && attempts[0].handshake === null && attempts[0].close === null
      const view: AttemptView = { attempt: record.attempt, of: record.of, firstSeq: record.seq, handshake: null, close: null, errors: [] }
      if (first) attempts[0] = view
      else attempts.push(view)
      handshake = null
      close = null
    } else if (record.kind === 'handshake') {
      handshake = record
      currentAttempt(record.seq).handshake = record
    } else if (record.kind === 'close') {
      close = record
      currentAttempt(record.seq).close = record
    } else if (record.kind === 'error') {
      const attempt = currentAttempt(record.seq)
      attempt.errors = [...attempt.errors, record]
    } else if (record.kind === 'preflight') preflight = [...preflight, record]
    else if (record.kind === 'token') token = record
    else if (record.kind === 'message') {
      if (record.dir === 'in') {
        stats.framesIn += 1
        stats.bytesIn += record.size
      } else {
        stats.framesOut += 1
        stats.bytesOut += record.size
      }
      if (row.flag) stats.flagged += 1
    }
    if (event && record.dir === 'in') {
      if (event.type === 'connection_established') connection = connectionFrom(event.data)
      runs.add(event, record.seq, record.t)
    }
  }

  return {
    ...model,
    version: model.version + 1,
    start,
    handshake,
    close,
    attempts,
    preflight,
    token,
    state,
    connection,
    runs: runs.result(),
    stats,
    lastSeq
  }
}
