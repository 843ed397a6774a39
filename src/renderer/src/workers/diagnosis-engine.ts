import type { FrameRecord } from '../../../shared/api/frame-record'
import { FoldedSession } from '../../../shared/diagnosis'
import type { SessionModel } from '../../../shared/session-model'
import type { DiagnosisOptions, DiagnosisReply } from './diagnosis-protocol'

/** While records arrive, a watched session is re-judged at most this often… */
export const REDIAGNOSE_GAP_MS = 500
/** …or this many times the last run's cost, if that is longer (a huge session never judges back to back). */
const COST_FACTOR = 4
/** An open session is re-judged this often even without new records, so silence shows up. */
export const LIVE_TICK_MS = 2_000

type Watch = {
  options: DiagnosisOptions
  timer: ReturnType<typeof setTimeout> | null
  /** When the pending timer fires (performance.now() ms). */
  dueAt: number
  /** When the last judgement ended, what it cost, and the last seq it saw. */
  at: number
  costMs: number
  judgedSeq: number
}

/** Epoch ms of the model's last record: "now" for a replay standing at that record. */
function recordClock(model: SessionModel): number | null {
  return model.start ? model.start.wallClock + (model.rows.at(-1)?.t ?? 0) : null
}

function isLive(model: SessionModel): boolean {
  return model.state === 'open' || model.state === 'connecting'
}

/**
 * Keeps a `FoldedSession` per session (fed every batch the UI applies: rows and a compact record
 * log, no heap object per bulk frame), reads each batch into the diagnosis' evidence as it
 * arrives (so a judgement never re-reads the session's frames), and judges the watched ones:
 * at once when watched, then at most every `REDIAGNOSE_GAP_MS` while records arrive, and on the
 * live tick while open. Runs inside the diagnosis worker; the UI thread never diagnoses a session.
 */
export class DiagnosisEngine {
  private readonly sessions = new Map<string, FoldedSession>()
  private readonly watches = new Map<string, Watch>()

  constructor(private readonly reply: (message: DiagnosisReply) => void) {}

  /** Apply a batch (records already applied are skipped by seq, as in the UI's reducer). */
  feed(sessionId: string, records: readonly FrameRecord[]): void {
    this.sessionOf(sessionId).add(records)
    // New records may bring the next judgement forward from a pending live tick.
    const watch = this.watches.get(sessionId)
    if (watch) this.schedule(sessionId, watch)
  }

  /** Judge `sessionId` now with these settings, and keep it judged as it changes. */
  watch(sessionId: string, options: DiagnosisOptions): void {
    this.unwatch(sessionId)
    const watch: Watch = { options, timer: null, dueAt: 0, at: 0, costMs: 0, judgedSeq: Number.NaN }
    this.watches.set(sessionId, watch)
    this.judge(sessionId, watch)
  }

  /** Stop judging `sessionId` (its model is kept: records keep arriving). */
  unwatch(sessionId: string): void {
    const watch = this.watches.get(sessionId)
    if (watch?.timer) clearTimeout(watch.timer)
    this.watches.delete(sessionId)
  }

  /** Drop everything kept for `sessionId` (a replay's discarded view): no more records will come for it. */
  forget(sessionId: string): void {
    this.unwatch(sessionId)
    this.sessions.delete(sessionId)
  }

  /** Stop every timer. */
  dispose(): void {
    for (const sessionId of [...this.watches.keys()]) this.unwatch(sessionId)
  }

  private sessionOf(sessionId: string): FoldedSession {
    let session = this.sessions.get(sessionId)
    if (!session) {
      session = new FoldedSession(sessionId)
      this.sessions.set(sessionId, session)
    }
    return session
  }

  private schedule(sessionId: string, watch: Watch): void {
    const model = this.sessions.get(sessionId)?.model
    if (!model) return
    const stale = model.lastSeq !== watch.judgedSeq
    if (!stale && !isLive(model)) return
    const gap = Math.max(REDIAGNOSE_GAP_MS, watch.costMs * COST_FACTOR)
    const due = watch.at + (stale ? gap : Math.max(LIVE_TICK_MS, gap))
    if (watch.timer !== null) {
      if (watch.dueAt <= due) return
      clearTimeout(watch.timer)
    }
    watch.dueAt = due
    watch.timer = setTimeout(() => {
      watch.timer = null
      this.judge(sessionId, watch)
    }, Math.max(0, due - performance.now()))
  }

  private judge(sessionId: string, watch: Watch): void {
    const session = this.sessionOf(sessionId)
    const model = session.model
    const ended = watch.options.ended === true || model.ended
    const nowMs = isLive(model) ? (watch.options.clock === 'records' || ended ? recordClock(model) : Date.now()) : null
    const started = performance.now()
    try {
      const diagnosis = session.diagnose(
        { sla: watch.options.sla, nowMs: nowMs ?? undefined, expectedGeneration: watch.options.expectedGeneration },
        ended
      )
      watch.at = performance.now()
      watch.costMs = watch.at - started
      watch.judgedSeq = model.lastSeq
      this.reply({ type: 'result', result: { sessionId, diagnosis, nowMs, lastSeq: model.lastSeq, costMs: watch.costMs } })
    } catch (error) {
      watch.at = performance.now()
      watch.judgedSeq = model.lastSeq
      this.reply({ type: 'error', sessionId, message: error instanceof Error ? error.message : String(error) })
    }
    if (this.watches.get(sessionId) === watch) this.schedule(sessionId, watch)
  }
}
