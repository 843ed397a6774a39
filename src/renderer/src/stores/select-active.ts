import type { SessionSummary } from '../../../shared/api/contract'
import type { SessionModel } from '../../../shared/session-model'
import type { AppState } from './app-state'

/** The model of the session in view, if any records of it have arrived. */
export function selectActiveModel(state: AppState): SessionModel | undefined {
  return state.activeSessionId === null ? undefined : state.models[state.activeSessionId]
}

/** The list entry of the session in view (while replaying, the replayed session's). */
export function selectActiveSummary(state: AppState): SessionSummary | undefined {
  const id = state.replay && state.replay.viewId === state.activeSessionId ? state.replay.sourceId : state.activeSessionId
  return state.summaries.find((summary) => summary.id === id)
}

/**
 * Whether the session in view is a live connection the user can send to or disconnect: not a
 * replay (whose model passes through "open" on its way to the end) and not a recording opened from disk.
 */
export function selectActiveIsLive(state: AppState): boolean {
  if (state.activeSessionId === null) return false
  if (state.replay && state.replay.viewId === state.activeSessionId) return false
  return state.summaries.find((summary) => summary.id === state.activeSessionId)?.origin !== 'recording'
}
