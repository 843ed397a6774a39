import type { ContractBackend } from '../../shared/api/contract'
import { applyRecords, createSessionModel, withoutBulkText, type SessionModel } from '../../shared/session-model'

/**
 * Follows one session through the backend's pushed records with the shared reducer,
 * so the CLI sees exactly what the UI would, and lets the caller wait for a condition.
 * Its model keeps every record, but a bulk output frame without its text (see `apply`).
 */
export class SessionWatcher {
  private model: SessionModel
  private readonly waiters = new Set<() => void>()
  private readonly unsubscribe: () => void

  /** Follow a session, including every record it produced before we attached. */
  static async attach(backend: ContractBackend, sessionId: string): Promise<SessionWatcher> {
    const watcher = new SessionWatcher(backend, sessionId)
    const backlog = await backend.handlers['session.records']({ sessionId, fromSeq: 0 })
    watcher.apply(backlog.records)
    return watcher
  }

  private constructor(backend: ContractBackend, sessionId: string) {
    this.model = createSessionModel(sessionId)
    this.unsubscribe = backend.subscribe((event, payload) => {
      if (event !== 'session.records') return
      const batch = payload as { sessionId: string; records: Parameters<typeof applyRecords>[1] }
      if (batch.sessionId !== sessionId) return
      this.apply(batch.records)
    })
  }

  private apply(records: Parameters<typeof applyRecords>[1]): void {
    // The reducer skips records it has seen, so backlog and live pushes may overlap.
    const before = this.model.records.length
    this.model = applyRecords(this.model, records)
    // A received bulk output frame that names no run and no agent keeps only its type (withoutBulkText):
    // it reads into the same row, evidence and report, and a flood no longer keeps every frame's text.
    const { records: kept, rows } = this.model
    for (let i = before; i < kept.length; i++) kept[i] = withoutBulkText(kept[i], rows, i)
    for (const wake of [...this.waiters]) wake()
  }

  /** The session as seen so far. */
  get current(): SessionModel {
    return this.model
  }

  /** Resolve true once `predicate` holds, false if `timeoutMs` passes first. */
  waitFor(predicate: (model: SessionModel) => boolean, timeoutMs: number): Promise<boolean> {
    if (predicate(this.model)) return Promise.resolve(true)
    return new Promise((resolve) => {
      const finish = (result: boolean): void => {
        clearTimeout(timer)
        this.waiters.delete(check)
        resolve(result)
      }
      const check = (): void => {
        if (predicate(this.model)) finish(true)
      }
      const timer = setTimeout(() => finish(false), Math.max(0, timeoutMs))
      this.waiters.add(check)
    })
  }

  /** Stop following the session. */
  dispose(): void {
    this.unsubscribe()
    this.waiters.clear()
  }
}
