import type { CriticalEventType } from '../protocol/agent-event'

/** One cell of an agent's critical-event grid: sent, owed and not sent, or neither sent nor owed. */
export type CriticalCell = 'seen' | 'owed' | 'not-owed'

/** Events that end an agent's part as surely as `agent_completed` does (PROTOCOL.md §3). */
const ENDING_TYPES = new Set(['agent_error', 'agent_death', 'agent_timeout_failure'])

/**
 * What one agent owes, per PROTOCOL.md §3: the answer of every pair it opened — `agent_completed`
 * after its `agent_started` (unless an error, death or timeout event ended it), `tool_completed`
 * after its `tool_executing`. Nothing else is owed by an agent alone: a Supervisor that only wraps
 * the run sends no thinking or tool events, and an agent that calls no tool sends no tool events.
 * (Whether the run as a whole carries all five types is a question about the run, not the agent.)
 * Without `events`, nothing is known to have ended the agent otherwise.
 */
export function criticalCell(
  agent: {
    critical: Readonly<Partial<Record<CriticalEventType, boolean>>>
    events?: ReadonlyArray<{ type: string }>
  },
  type: CriticalEventType
): CriticalCell {
  const { critical } = agent
  if (critical[type] === true) return 'seen'
  if (type === 'tool_completed' && critical.tool_executing === true) return 'owed'
  const endedOtherwise = agent.events?.some((event) => ENDING_TYPES.has(event.type)) ?? false
  if (type === 'agent_completed' && critical.agent_started === true && !endedOtherwise) return 'owed'
  return 'not-owed'
}
