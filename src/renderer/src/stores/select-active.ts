import type { SessionSummary } from '../../../shared/api/contract'
import type { SessionModel } from '../../../shared/session-model'
import type { AppState } from './app-state'

/** The model of the session in view, if any records of it have arrived. */
export function selectActiveModel(state: AppState): SessionModel | undefined {
  return state.activeSessionId === null ? undefined : state.models[state.activeSessionId]
}

/** Is the session in view a replay's view (not the session it replays)? */
export function selectActiveIsReplay(state: AppState): boolean {
  return state.replay !== null && state.replay.viewId === state.activeSessionId
}

/** The list entry of the session in view (while replaying, the replayed session's). */
export function selectActiveSummary(state: AppState): SessionSummary | undefined {
  const id = selectActiveIsReplay(state) && state.replay ? state.replay.sourceId : state.activeSessionId
  return state.summaries.find((summary) => summary.id === id)
}

/**
 * Whether the session in view is a live connection the user can send to or disconnect: not a
 * replay (whose model passes through "open" on its way to the end) and not a recording opened from disk.
 */
export function selectActiveIsLive(state: AppState): boolean {
  if (state.activeSessionId === null) return false
  if (selectActiveIsReplay(state)) return false
  return state.summaries.find((summary) => summary.id === state.activeSessionId)?.origin !== 'recording'
}

/**
 * The connection state of the session in view as far as the page can tell: its model's, once any of its
 * records are folded; before that (a page just opened on a live session, its backlog still loading), the
 * session list's, which the backend keeps current. Without it the Connect button read "Connect" on an open
 * session until the backlog arrived, then turned into "Disconnect" under the user's click.
 */
export function selectActiveConnectionState(state: AppState): SessionModel['state'] | SessionSummary['state'] {
  const modelState = selectActiveModel(state)?.state
  if (modelState !== undefined && modelState !== 'idle') return modelState
  return selectActiveSummary(state)?.state ?? modelState ?? 'idle'
}
