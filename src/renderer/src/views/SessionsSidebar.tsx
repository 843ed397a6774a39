import type { SessionSummary } from '../../../shared/api/contract'
import { EmptyState } from '../components/EmptyState'
import { Panel } from '../components/Panel'
import { formatClock, formatCount } from '../lib/format'
import { useAppStore } from '../stores/use-app-store'

function SessionItem({ session, active }: { session: SessionSummary; active: boolean }) {
  const setActive = useAppStore((state) => state.setActiveSession)
  // The list's count is a snapshot from the last state change; a loaded model counts live.
  const liveCount = useAppStore((state) => state.models[session.id]?.rows.length)
  const liveState = useAppStore((state) => state.models[session.id]?.state)
  const dotState = session.state === 'closing' || !liveState || liveState === 'idle' ? session.state : liveState
  return (
    <button
      type="button"
      className={`session-item${active ? ' active' : ''}`}
      data-testid="session-item"
      data-session-id={session.id}
      title={`${session.id} · ${session.url}`}
      aria-current={active}
      onClick={() => setActive(session.id)}
    >
      <span className="session-line">
        <span className={`state-dot state-${dotState}`} title={dotState} />
        <span className="session-env">
          {session.environmentName}
        </span>
      </span>
      <span className="session-line session-meta mono">
        <span title={session.id}>{formatClock(session.startedAt)}</span>
        <span className="session-count">{formatCount(liveCount ?? session.recordCount)} rec</span>
      </span>
    </button>
  )
}

/** Sessions of this backend, newest first; clicking one shows it. */
export function SessionsSidebar() {
  const summaries = useAppStore((state) => state.summaries)
  const activeId = useAppStore((state) => state.activeSessionId)

  return (
    <Panel title={`Sessions${summaries.length ? ` · ${summaries.length}` : ''}`} className="sessions-panel">
      {summaries.length === 0 ? (
        <EmptyState title="No sessions yet">Pick an environment and press Connect.</EmptyState>
      ) : (
        <ul className="session-list" data-testid="session-list">
          {summaries.map((session) => (
            <li key={session.id}>
              <SessionItem session={session} active={session.id === activeId} />
            </li>
          ))}
        </ul>
      )}
    </Panel>
  )
}
