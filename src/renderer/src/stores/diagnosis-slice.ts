import type { DiagnosisOptions, SessionDiagnosis } from '../workers/diagnosis-protocol'
import type { SliceCreator } from './app-state'

/** Diagnoses of the watched sessions, as the diagnosis worker sends them back. */
export type DiagnosisSlice = {
  diagnoses: Record<string, SessionDiagnosis>
  /** Keep `sessionId` diagnosed with these settings (at once, then as records arrive); returns the unwatch. */
  watchDiagnosis(sessionId: string, options: DiagnosisOptions): () => void
}

/** Create the diagnosis slice; the sessions slice feeds the same service every applied batch. */
export const createDiagnosisSlice: SliceCreator<DiagnosisSlice> =
  ({ diagnosis }) =>
  (set, get) => {
    // The last error per session: a rule that throws on every run must not stack one notice per run.
    const lastError = new Map<string, string>()
    diagnosis.onReply((reply) => {
      if (reply.type === 'result') {
        lastError.delete(reply.result.sessionId)
        set({ diagnoses: { ...get().diagnoses, [reply.result.sessionId]: reply.result } })
      } else if (lastError.get(reply.sessionId) !== reply.message) {
        lastError.set(reply.sessionId, reply.message)
        get().notify('error', 'Could not diagnose the session', reply.message)
      }
    })
    return {
      diagnoses: {},
      watchDiagnosis(sessionId, options) {
        diagnosis.watch(sessionId, options)
        return () => diagnosis.unwatch(sessionId)
      }
    }
  }
