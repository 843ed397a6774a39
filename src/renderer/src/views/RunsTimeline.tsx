import { memo, useContext } from 'react'
import { CRITICAL_EVENTS, type CriticalEventType } from '../../../shared/protocol/agent-event'
import { formatUtcPrecise } from '../../../shared/format/relative-time'
import { criticalCell, type AgentRun, type AgentTimeline, type RunEvent } from '../../../shared/session-model'
import { EmptyState } from '../components/EmptyState'
import { Panel } from '../components/Panel'
import { formatClockMs, WallClockContext } from '../components/wall-clock-context'
import { formatCount, formatMs, formatOffset } from '../lib/format'
import { selectActiveModel } from '../stores/select-active'
import { useAppStore } from '../stores/use-app-store'
import { AgentOutputLink } from './report/AgentOutputLink'

const NO_RUNS: AgentRun[] = []

/**
 * Runs the panel draws, newest first. Each is a table; drawing all of a 10 000-run session re-laid
 * out ~150 000 cells per batch (newest first inserts at the top), so older runs live in the
 * Timeline tab's virtualised list instead.
 */
export const RUNS_PANEL_LIMIT = 25

const SHORT_NAMES: Record<CriticalEventType, string> = {
  agent_started: 'started',
  agent_thinking: 'thinking',
  tool_executing: 'tool started',
  tool_completed: 'tool done',
  agent_completed: 'completed'
}

function firstOf(agent: AgentTimeline, type: CriticalEventType): RunEvent | undefined {
  return agent.events.find((event) => event.type === type)
}

/** What a cell's event was, in words ("running tool search_costs"), its frame, and its time in UTC. */
function cellTitle(event: RunEvent, wallClock: number | null): string {
  const what =
    event.type === 'tool_executing' ? `running tool ${event.toolName ?? '(unnamed)'}` : event.type === 'tool_completed' ? `tool ${event.toolName ?? '(unnamed)'} done` : event.type
  return `${what} · frame #${event.seq}${wallClock === null ? '' : ` · ${formatUtcPrecise(wallClock + event.t)}`}`
}

const AgentRow = memo(function AgentRow({
  runId,
  agent,
  runDone,
  onSelect
}: {
  runId: string
  agent: AgentTimeline
  runDone: boolean
  onSelect: (seq: number) => void
}) {
  // Complete = nothing owed is missing: a wrapping Supervisor or an agent without a tool sends fewer than five.
  const complete = CRITICAL_EVENTS.every((type) => criticalCell(agent, type) !== 'owed')
  const wallClock = useContext(WallClockContext)
  return (
    <tr data-testid="agent-row" data-agent={agent.agentName} data-complete={complete}>
      <th scope="row" className="agent-name" title={agent.agentName}>
        {agent.agentName}
        <AgentOutputLink runId={runId} agent={agent} />
      </th>
      {CRITICAL_EVENTS.map((type) => {
        const event = firstOf(agent, type)
        const seen = agent.critical[type]
        // Not yet seen in a running run is "pending"; only a finished run can be "missing" something, and
        // only what the agent owes (the answer of a pair it opened, PROTOCOL.md §3); the rest was never due.
        const state = seen ? 'seen' : !runDone ? 'pending' : criticalCell(agent, type) === 'owed' ? 'missing' : 'not-owed'
        return (
          <td key={type} className={`critical-cell cell-${state}`} data-testid="critical-cell" data-event={type} data-seen={seen}>
            {event ? (
              <button type="button" className="cell-button" title={cellTitle(event, wallClock)} onClick={() => onSelect(event.seq)}>
                <span className="cell-icon">✓</span>
                <span className="cell-time">{formatOffset(event.t)}</span>
                {wallClock === null ? null : <span className="cell-clock muted">{formatClockMs(wallClock + event.t)}</span>}
              </button>
            ) : (
              <span className="cell-empty" title={`${type} ${state}`}>
                <span className="cell-icon">{state === 'missing' ? '✗' : state === 'not-owed' ? '–' : '·'}</span>
                {state === 'missing' ? 'missing' : ''}
              </span>
            )}
          </td>
        )
      })}
      <td className="agent-count mono" title={agent.events.map((event) => event.type).join(', ')}>
        {formatCount(agent.events.length)}
      </td>
    </tr>
  )
})

const RunView = memo(function RunView({
  run,
  sessionClosed,
  onSelect
}: {
  run: AgentRun
  sessionClosed: boolean
  onSelect: (seq: number) => void
}) {
  // A run still "running" on a closed connection will never finish: say so, and show its gaps as missing.
  const status = run.status === 'running' && sessionClosed ? 'interrupted' : run.status
  const done = status !== 'running'
  return (
    <div className="run" data-testid="run" data-run-id={run.runId} data-status={status}>
      <div className="run-header">
        <span className={`run-status run-${status}`} title={status === 'interrupted' ? 'The connection ended before this run finished' : undefined}>
          {status}
        </span>
        <span className="mono run-id">{run.runId}</span>
        {run.threadId ? <span className="mono muted ellipsis">{run.threadId}</span> : null}
        <span className="run-meta mono muted">
          {formatCount(run.eventCount)} events · {formatMs(run.lastT - run.firstT)}
        </span>
      </div>
      <table className="timeline-table">
        <thead>
          <tr>
            <th scope="col" className="agent-name">
              agent
            </th>
            {CRITICAL_EVENTS.map((type) => (
              <th key={type} scope="col" title={type}>
                {SHORT_NAMES[type]}
              </th>
            ))}
            <th scope="col" className="agent-count" title="All events of this agent">
              events
            </th>
          </tr>
        </thead>
        <tbody>
          {run.agents.map((agent) => (
            <AgentRow key={agent.agentName} runId={run.runId} agent={agent} runDone={done} onSelect={onSelect} />
          ))}
        </tbody>
      </table>
    </div>
  )
})

/** Per run and agent, the five critical events: seen (with time since start), missing when owed, or not due. */
export function RunsTimeline() {
  const runs = useAppStore((state) => selectActiveModel(state)?.runs ?? NO_RUNS)
  const selectFrame = useAppStore((state) => state.selectFrame)
  const sessionClosed = useAppStore((state) => selectActiveModel(state)?.state === 'closed')
  const wallClock = useAppStore((state) => selectActiveModel(state)?.start?.wallClock ?? null)

  return (
    <Panel
      title={`Runs${runs.length ? ` · ${runs.length}` : ''}`}
      className="timeline-panel"
      testId="runs-timeline"
      actions={<span className="muted">critical events · time since session start and local clock (UTC on hover)</span>}
    >
      {runs.length === 0 ? (
        <EmptyState title="No agent runs yet">Send a message: each run_id gets a row per agent here.</EmptyState>
      ) : (
        // Newest run first: it is the one being diagnosed.
        <WallClockContext.Provider value={wallClock}>
          {runs
            .slice(-RUNS_PANEL_LIMIT)
            .reverse()
            .map((run) => (
              <RunView key={run.runId} run={run} sessionClosed={sessionClosed} onSelect={selectFrame} />
            ))}
          {runs.length > RUNS_PANEL_LIMIT ? (
            <p className="muted runs-older" data-testid="runs-older">
              {formatCount(runs.length - RUNS_PANEL_LIMIT)} older runs: see the Timeline tab, which lists every run.
            </p>
          ) : null}
        </WallClockContext.Provider>
      )}
    </Panel>
  )
}
