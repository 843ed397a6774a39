import type { AgentRun, AgentTimeline, RunEvent, SessionModel } from '../../shared/session-model'
import { parseFrame } from '../../shared/protocol/parse-frame'
import type { AgentEvent } from '../../shared/protocol/agent-event'
import { roleOf, type AgentRole } from '../../shared/diagnosis/agent-roles'

/** Agent roles and their reading from any generation's spelling: the diagnosis' own, so the gate and the diagnosis agree. */
export { roleOf, type AgentRole } from '../../shared/diagnosis/agent-roles'

/** Events that end an agent: completed, or failed in one of the ways the server reports. */
export const AGENT_END_TYPES = new Set(['agent_completed', 'agent_error', 'agent_death', 'agent_timeout_failure'])

/** Events that end an agent without completing it. */
export const AGENT_FAILURE_TYPES = new Set(['agent_error', 'agent_death', 'agent_timeout_failure'])

/** The agent's first event of `type`, if any. */
export function firstOf(agent: AgentTimeline, type: string): RunEvent | null {
  return agent.events.find((event) => event.type === type) ?? null
}

/** The agents of a run in the order they started, the Supervisor and run-scoped housekeeping left out. */
export function pipelineOrder(run: AgentRun): AgentTimeline[] {
  return run.agents
    .filter((agent) => roleOf(agent.agentName) !== 'supervisor' && firstOf(agent, 'agent_started'))
    .sort((a, b) => (firstOf(a, 'agent_started') as RunEvent).seq - (firstOf(b, 'agent_started') as RunEvent).seq)
}

/** Every readable inbound event of the given runs, with its seq. */
export function eventsOfRuns(model: SessionModel, runIds: ReadonlySet<string>): Array<{ seq: number; event: AgentEvent }> {
  const events: Array<{ seq: number; event: AgentEvent }> = []
  for (const record of model.records) {
    if (record.kind !== 'message' || record.dir !== 'in') continue
    const { event } = parseFrame(record.encoding, record.data)
    if (event?.runId && runIds.has(event.runId)) events.push({ seq: record.seq, event })
  }
  return events
}

/** The agent order each triage decision prescribes (PROTOCOL.md §4). */
export const EXPECTED_ORDERS: Readonly<Record<string, AgentRole[]>> = {
  sufficient: ['triage', 'data', 'optimization', 'actions', 'reporting'],
  partial: ['triage', 'data_helper', 'data', 'reporting'],
  insufficient: ['triage', 'data_helper', 'reporting'],
  unknown: ['data_helper', 'reporting']
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Look for an object with one of `keys` within a few levels of `value` (results nest differently per generation). */
export function findKeyed(value: unknown, keys: readonly string[], depth = 4): Record<string, unknown> | null {
  if (!isObject(value) || depth < 0) return null
  if (keys.some((key) => key in value)) return value
  for (const child of Object.values(value)) {
    const found = findKeyed(child, keys, depth - 1)
    if (found) return found
  }
  return null
}

/** The triage decision (`data_sufficiency`) a run's triage agent reported, if readable. */
export function triageDecision(events: ReadonlyArray<{ event: AgentEvent }>): string | null {
  for (const { event } of events) {
    if (event.type !== 'agent_completed' || !event.agentName || roleOf(event.agentName) !== 'triage') continue
    const found = findKeyed(event.data, ['data_sufficiency'])
    if (found && typeof found.data_sufficiency === 'string') return found.data_sufficiency
  }
  return null
}
