import type { SessionSummary } from '../../../shared/api/contract'
import type { SessionModel } from '../../../shared/session-model'
import type { AppState } from './app-state'

/** The model of the session in view, if any records of it have arrived. */
export function selectActiveModel(state: AppState): SessionModel | undefined {
  return state.activeSessionId === null ? undefined : state.models[state.activeSessionId]
}

/** The list entry of the session in view. */
export function selectActiveSummary(state: AppState): SessionSummary | undefined {
  return state.summaries.find((summary) => summary.id === state.activeSessionId)
}
