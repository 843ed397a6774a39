import type { AgentEvent, CriticalEventType } from '../protocol/agent-event'
import { CRITICAL_EVENTS, isCriticalEvent } from '../protocol/agent-event'
import type { AgentRun, AgentTimeline, RunEvent } from './session-model'

const ERROR_TYPES = new Set(['agent_error', 'agent_death', 'agent_timeout_failure'])

/** The Supervisor in every generation's spelling (`Supervisor`, `supervisor`, `SupervisorAgent`). */
const isSupervisor = (agentName: string): boolean => agentName.toLowerCase().includes('supervisor')

function emptyCritical(): Record<CriticalEventType, boolean> {
  return Object.fromEntries(CRITICAL_EVENTS.map((type) => [type, false])) as Record<CriticalEventType, boolean>
}

function withEvent(timeline: AgentTimeline, event: RunEvent): AgentTimeline {
  const critical = isCriticalEvent(event.type) ? { ...timeline.critical, [event.type]: true } : timeline.critical
  return { ...timeline, events: [...timeline.events, event], critical }
}

/**
 * Add one agent event to the runs (immutably: only the touched run and agent are copied).
 * Events without a run id do not belong to a run and are left to the frame list.
 */
export function addEventToRuns(
  runs: AgentRun[],
  index: Map<string, number>,
  event: AgentEvent,
  seq: number,
  t: number
): AgentRun[] {
  if (!event.runId) return runs
  const runEvent: RunEvent = { seq, t, type: event.type, agentName: event.agentName, toolName: event.toolName, status: event.status }
  const agentName = event.agentName ?? '(no agent)'
  const position = index.get(event.runId)
  const run: AgentRun =
    position === undefined
      ? { runId: event.runId, threadId: event.threadId, agents: [], eventCount: 0, firstT: t, lastT: t, status: 'running' }
      : runs[position]

  const agentPosition = run.agents.findIndex((agent) => agent.agentName === agentName)
  const agents =
    agentPosition === -1
      ? [...run.agents, withEvent({ agentName, events: [], critical: emptyCritical() }, runEvent)]
      : run.agents.map((agent, i) => (i === agentPosition ? withEvent(agent, runEvent) : agent))

  let status = run.status
  if (ERROR_TYPES.has(event.type)) status = 'error'
  else if (event.type === 'agent_completed' && isSupervisor(agentName) && status !== 'error') status = 'completed'

  const updated: AgentRun = {
    ...run,
    threadId: run.threadId ?? event.threadId,
    agents,
    eventCount: run.eventCount + 1,
    lastT: t,
    status
  }
  if (position === undefined) {
    index.set(event.runId, runs.length)
    return [...runs, updated]
  }
  const next = runs.slice()
  next[position] = updated
  return next
}
